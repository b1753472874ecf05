<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
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
        <source>A server to join through (repeatable, up to 3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason shown to other members.</source>
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
        <source>&apos;%1&apos; takes %2 argument(s), got %3</source>
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
    <name>Identifiers</name>
    <message>
        <source>Server to join through: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most %1 servers to join through can be given; %2 were.</source>
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
</context>
<context>
    <name>JoinDialog</name>
    <message>
        <source>This is not a room address or room ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most 3 via servers are used; the first 3 will be tried.</source>
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
</context>
<context>
    <name>MembershipService</name>
    <message>
        <source>The reason is too long (at most %1 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is already in progress for this room; wait for it to finish.</source>
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
        <source>Cancelled while the request was on its way</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left the room, but forgetting it failed: %1</source>
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
        <source>Sign out and forget the remembered session</source>
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
        <source>Keep the token in a file instead (readable only by you; less safe than a keychain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the token in a file instead</source>
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
