<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>AccountStore</name>
    <message>
        <source>integrity check failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The saved room list could not be used (%1). It was moved to %2 and is being rebuilt from the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it was written by a newer version of Concierge (schema %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room list cannot be saved (%1); it will be loaded from the server at every start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the schema version</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApiClient</name>
    <message>
        <source>The homeserver address must not contain a user name or password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a valid homeserver address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unencrypted http:// is only allowed for this computer (localhost); use https://%1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The homeserver address must start with https://.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AppServices</name>
    <message>
        <source>Cancelled: another account signed in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled: signed out before it finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled: the server signed this session out.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>Commands:
  login                              Verify the access token and print who you are.
  rooms [--membership join|invite|leave]
                                     List your joined rooms, invites and left rooms.
  join &lt;#alias:server|!id:server&gt; [--via SERVER]... [--reason TEXT]
                                     Join a room (at most 3 --via servers).
  leave &lt;!room-id&gt; [--reason TEXT] [--forget]
                                     Leave a room, or decline an invite; --forget also forgets it.
  invite &lt;!room-id&gt; &lt;@user:server&gt; [--reason TEXT]
  forget &lt;!room-id&gt;                  Forget a room you have left.

The homeserver comes from --homeserver or CONCIERGE_HOMESERVER; the access token from
CONCIERGE_ACCESS_TOKEN or, with --token-stdin, the first line of standard input. The token is
never printed.

Exit status: 0 success, 1 the server refused (errcode and message on stderr), 2 invalid usage or
input (nothing was sent), 3 the homeserver could not be reached or the session was rejected or
expired, 4 no answer came and whether the action happened could not be found out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manage the rooms of your Matrix account from scripts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Homeserver URL or server name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the access token from stdin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Machine-readable JSON output (see README).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>leave: forget the room once it is left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the /sync filter used and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rooms: only join, invite or leave.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>login, rooms, join, leave, invite or forget.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no command given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--membership must be join, invite or leave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--via only applies to join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--forget only applies to leave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--reason does not apply to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no homeserver: pass --homeserver or set CONCIERGE_HOMESERVER</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no access token: set CONCIERGE_ACCESS_TOKEN or pass --token-stdin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as %1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joined %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left and forgot %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invited %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forgot %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>invited by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No rooms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session has expired: get a new access token and run the command again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The homeserver rejected the access token: it is wrong, or the session was signed out. Sign in again for a new token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>join: a server to join through (repeatable, up to 3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>join, leave, invite: reason shown to other members.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&apos;%1&apos; takes %n argument(s), got %2</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>--%1 can be given only once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--membership only applies to rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The homeserver address must not contain a user name or password (an &apos;@&apos;); give only the address, like https://matrix.example.org.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>outcome unknown: %1 %2 got no answer (%3), and whether it happened could not be found out; run &apos;concierge-cli rooms&apos; later to see.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invites (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joined (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CredentialStore</name>
    <message>
        <source>The system keychain is not used (--no-keychain).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain did not answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain is not available: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain did not answer; you will need to sign in again next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session could not be remembered: no system keychain is available (%1). The token is kept for this run only.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Endpoints</name>
    <message>
        <source>“%1” cannot be part of a request path.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ForgetDialog</name>
    <message>
        <source>Forget %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room disappears from your list and you will no longer see its history. This cannot be undone: to return you need to join again, and messages from before may stay unavailable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>History of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your membership changes in this room, oldest first, as this computer saw them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Membership history of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No history saved for this room yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concierge notes here when you are invited, join, leave, are kicked or banned, from the first time it sees the room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close history</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Identifiers</name>
    <message>
        <source>Server to join through: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most %1 servers to join through can be given; %2 were.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server name is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” has an invalid port number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a valid IPv6 address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a valid server name: use letters, digits, &apos;.&apos; and &apos;-&apos;, optionally followed by :port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a user ID like @alice:example.org.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A user ID starts with &apos;@&apos;, like @alice:example.org.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A user ID can be at most 255 bytes long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A user ID needs a server part after &apos;:&apos;, like @alice:example.org.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user name before &apos;:&apos; is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user name may only contain printable ASCII characters without spaces (found “%1”).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room ID is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A room ID starts with &apos;!&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A room ID can be at most 255 bytes long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A room ID cannot contain spaces or control characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room ID is empty after &apos;!&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room ID is empty between &apos;!&apos; and &apos;:&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a room alias like #room:example.org.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A room alias starts with &apos;#&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A room alias can be at most 255 bytes long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A room alias needs a server part after &apos;:&apos;, like #room:example.org.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The alias name between &apos;#&apos; and &apos;:&apos; is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The alias contains an invalid character.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a room alias (#room:example.org) or a room ID (!id:example.org).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A room address starts with &apos;#&apos; (alias) or &apos;!&apos; (room ID).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InviteDialog</name>
    <message>
        <source>Pick someone from the suggestions, or type a full user ID such as @name:example.org.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search by name, or type @name:example.org</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User to invite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a name to search this server&apos;s user directory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody found. Type a full user ID such as @name:example.org.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for the invitation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inviting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inviting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer from the server: the invitation may have been sent anyway (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped: nobody was invited.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server asks to slow down: the invitation is sent again as soon as it allows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server does not answer: the invitation is sent again as soon as it is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop trying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop trying to invite</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Job</name>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already done (the server said: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome unknown: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 done, %3 failed, %4 remaining</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 (about %n s left)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: pausing after the current request (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: paused: %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: paused (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cancelling after the current request (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cancelled (%2, %3 cancelled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: finished (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobJournal</name>
    <message>
        <source>The job list is not open.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobQueue</name>
    <message>
        <source>Bulk actions cannot be saved, so none can be started: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bulk actions cannot be saved, so none can be started: the account&apos;s store is not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to do: the list is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing can be sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job could not be saved, so nothing was sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Leave and forget %n room(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Leave %n room(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Forget %n room(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Join %n room(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Invite %1 to %n room(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Invite %n people to %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Left the room; forgetting it was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job could not be saved, so nothing more is sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The result of an item could not be saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job could not be saved; it was paused instead of cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JoinDialog</name>
    <message>
        <source>This is not a room address or room ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join a room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A link asks you to join %1. Check the address, then choose Join to join it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room address or ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#room:example.org, !id:example.org or a matrix: / matrix.to link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link to %1, via %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Via servers (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. matrix.org, example.org</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Via servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Servers that know the room, separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only needed for rooms on other servers that yours does not know yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for joining</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joining</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joining…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer from the server: the room may have been joined anyway (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped: the room was not joined.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server asks to slow down: the join is sent again as soon as it allows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server does not answer: the join is sent again as soon as it is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop trying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop trying to join</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LeaveDialog</name>
    <message>
        <source>Leave %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You will stop receiving messages from this room. To come back later you may need a new invitation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown to the room&apos;s members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for leaving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also forget this room (its history will no longer be available to you)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also forget this room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave and forget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Concierge — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concierge</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MatrixError</name>
    <message>
        <source>Request failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer is larger than %1, more than this request can return; it was not read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s response is not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not authorised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forbidden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server had an internal error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request was refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent no HTTP status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not answer in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection closed before the server answered</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MembershipService</name>
    <message>
        <source>Sign in first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already in progress; wait for it to finish or cancel it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Operation</name>
    <message>
        <source>Joining %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joined %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leaving %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inviting %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invited %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forgetting %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forgot %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left and forgot %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (queued)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: waiting %n s (server rate limit)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: waiting for the server, trying again in %n s (%2)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1: waiting for you to sign in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: outcome unknown, the server did not answer (%2). The room list will show what happened once the server is reachable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left the room, but forgetting it failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an invite names a user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Servers to join through only apply to a join.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forgetting a room takes no reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reason is too long (at most %1 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is missing or not a string.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“via” is not a list of server names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“id” is not a UUID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown kind “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no answer from the server; checking whether it happened…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled while the request was on its way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left the room; forgetting it was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left the room; whether it was forgotten is unknown: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server resolved the alias to no room ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whether a room was forgotten cannot be read back from the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No signed-in user to ask about.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server reported no membership.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server reports the membership as “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RoomDelegate</name>
    <message>
        <source>invitation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>joined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joining…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declining…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leaving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inviting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forgetting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invited by %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invited by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept invitation to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline invitation to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite someone to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejoin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejoin %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate limited by the server, waiting to try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the server to come back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for you to sign in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop waiting and cancel: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When you were invited, joined, left, were kicked or banned (Ctrl+H)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RoomHistoryModel</name>
    <message>
        <source>You joined: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You joined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You were invited: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You were invited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invited by %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invited by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You knocked: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You knocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You were banned: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You were banned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Banned by %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Banned by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You declined the invite: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You declined the invite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You withdrew your knock: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You withdrew your knock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You left: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unbanned by %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unbanned by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite withdrawn by %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite withdrawn by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Knock rejected by %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Knock rejected by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kicked by %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kicked by %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RoomListPage</name>
    <message>
        <source>Could not join %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter rooms…  (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Narrows the list by name, address or room ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join a room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join a room by address, ID or link (Ctrl+J)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading your rooms…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No room matches “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are not in any room yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only left rooms, and they are hidden.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Escape in the filter field to see all rooms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join a room with Join… (Ctrl+J), or wait for an invitation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 left room is hidden.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 left rooms are hidden.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show left rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out: forget the remembered session and delete this account&apos;s saved room list and history from this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RoomSummary</name>
    <message>
        <source>%1 and %2 others</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty room</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SectionHeader</name>
    <message>
        <source>Invites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2 rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide left rooms</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>Could not reach %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secure connection to %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your session on %1 has expired (%2). Paste a new access token to continue where you left off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 signed this session out (%2). Sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The access token was rejected by %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your homeserver, for example matrix.org.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The homeserver address must not contain a user name or password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste your access token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The access token contains spaces or unexpected characters; copy it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 publishes an invalid homeserver address in .well-known/matrix/client.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not look like a Matrix homeserver (no versions in /_matrix/client/versions).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not look like a Matrix homeserver (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s whoami answer has no valid user_id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <source>Concierge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manage the rooms of your Matrix account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Homeserver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>matrix.org or https://matrix.example.org</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your server&apos;s name or address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste your access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where do I find it? In Element: Settings → Help &amp; About → Advanced → Access Token. Keep it secret: it gives full access to your account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remember me on this computer (system keychain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remember me on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system keychain is available: the token will be kept in a file only you can read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system keychain is available, so the token is kept only until you quit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking up %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the access token…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remember me in a file instead (readable only by you; less safe than a keychain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remember me in a file instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel signing in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignOutDialog</name>
    <message>
        <source>Sign out of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing out forgets the remembered session of %1 and deletes this account&apos;s saved room list and room history from this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your rooms on the server stay as they are: the list is loaded again when you sign in, but the history of rooms you have left starts afresh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>1 room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoreWriter</name>
    <message>
        <source>Saving the room list failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving a room&apos;s history failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removing a forgotten room from the saved list failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The saved room list could not be deleted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SuggestionDelegate</name>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user ID you typed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncEngine</name>
    <message>
        <source>Not syncing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnecting in %1 s (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The /sync response has no next_batch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading your rooms… %1 of %2 shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading your rooms…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ThumbnailLoader</name>
    <message>
        <source>Invalid media ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the avatar: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UserDirectoryModel</name>
    <message>
        <source>User search failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
