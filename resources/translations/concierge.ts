<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>AccountManager</name>
    <message>
        <source>%1 is already open here: showing it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out by the server: sign in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the server; retrying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation type="unfinished"></translation>
    </message>
</context>
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
    <name>AccountsPage</name>
    <message numerus="yes">
        <source>%n pending invite(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n joined</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n left</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) running</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add account…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add an account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in to another account; the others keep syncing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New account (not signed in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch to the new account</source>
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
    <message>
        <source>Not signed in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BanEverywhere</name>
    <message>
        <source>Not signed in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You cannot ban yourself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not be checked: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already banned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rooms are still being checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no room where you can ban %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reason is too long (at most %1 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bulk actions are not available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never a member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking to join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Banned</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BanEverywhereDialog</name>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ban %1 from all rooms where you can?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1%2 — %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They are banned from each room listed first, whether they are in it or not (a ban stops them joining later), and cannot come back until someone unbans them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking your power in %1 of %2 rooms…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Banned in 1 room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Banned in %1 rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rooms where the ban applies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not banned in 1 room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not banned in %1 rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rooms where the ban does not apply, and why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason (optional, the same for every room)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown to them and to each room&apos;s members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no room where you can ban them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop checking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ban in 1 room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ban in %1 rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BulkConfirmDialog</name>
    <message>
        <source>About a second.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About %1 at the server&apos;s rate limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave 1 room?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave %1 rooms?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave and forget 1 room?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave and forget %1 rooms?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget 1 room?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget %1 rooms?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept 1 invitation?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept %1 invitations?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline 1 invitation?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline %1 invitations?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite someone to 1 room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite someone to %1 rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You will stop receiving messages from these rooms. To come back later you may need new invitations.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You will leave these rooms and forget them: their history will no longer be available to you. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You will no longer see these rooms&apos; history. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You will join these rooms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The invitations are rejected; whoever invited you can see that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The person is invited to each of these rooms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rooms this acts on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>@name:example.org</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User to invite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown to the rooms&apos; members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave and forget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw 1 request to join?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw %1 requests to join?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your requests to join these rooms are withdrawn; the rooms&apos; moderators can see that. You can ask again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking whether you are the only admin of any of these rooms…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are the only admin of 1 of these rooms. Promote someone before you leave, or nobody will be able to change its settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are the only admin of %1 of these rooms. Promote someone before you leave, or nobody will be able to change their settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exclude</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exclude %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exclude this room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exclude these %1 rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whether you are the only admin could not be checked for 1 of these rooms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whether you are the only admin could not be checked for %1 of these rooms.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Cli</name>
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
    <message>
        <source>cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is too large (more than %2 MB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no user ID (@name:server) on this line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listed already on line %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>leave, forget, join, invite: every room the command applies to (see --filter).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --all: only the rooms that match the query, e.g. &apos;is:invite from:@spam:example&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>leave, forget: the rooms listed in the file, one room ID per line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invite: the people listed in the file, one user ID per line, or CSV.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With a file: skip (and report) invalid lines instead of stopping.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print every request that would be sent (method, path, body), and send none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the account&apos;s jobs are kept (also CONCIERGE_STORE_DIR); default: the application&apos;s data folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--all, --from-file and --users-from-file cannot be combined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--all only applies to leave, forget, join and invite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--from-file only applies to leave and forget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--users-from-file only applies to invite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--filter only applies with --all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--skip-invalid only applies with --from-file or --users-from-file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--store-dir only applies to bulk commands and jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>jobs takes no argument, or resume, cancel or retry and a job ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reason is too long (at most %1 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid --filter: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 line %2: %3 (%4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n invalid line(s), nothing was sent (--skip-invalid skips them):</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 lists no room ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 lists no user ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not read who is in the room already (%1); inviting everyone listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>already a member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>already invited</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Dry run: %n request(s) would be sent; nothing was sent.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to do: no room or person matches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 started: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(Ctrl+C pauses it; &apos;concierge-cli jobs resume %1&apos; continues it.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no job with the ID &apos;%1&apos; (see &apos;concierge-cli jobs&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>job %1 has no failed item to retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No jobs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 done, %2 failed, %3 remaining</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused. Resume it with: concierge-cli jobs resume %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped. Resume it with: concierge-cli jobs resume %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pausing after the request in flight… (Ctrl+C again to stop at once)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) failed or ended with an unknown outcome. Send them again with: concierge-cli jobs retry %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>join, knock, preview: a server to go through (repeatable, up to 3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>directory: whose directory (default: your homeserver).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>directory: only rooms matching the text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--server and --search only apply to directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--via only applies to join, knock and preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid --server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asked to join %1; the request is pending until someone in the room answers it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>join rule: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The directory lists no rooms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No public room matches “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room ID: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join rule: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>join, leave, invite, knock, kick, ban, unban: reason shown to other members.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rooms: only join, invite or leave; members: only join, invite, knock, ban or leave.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invites: group by who sent them (the default).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invites: group by the inviter&apos;s server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decline: the person whose invites to decline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decline: also ignore the person afterwards.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--dry-run only applies to join, leave, invite, forget, knock, kick, ban, unban and decline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--by-inviter and --by-server only apply to invites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--by-inviter and --by-server cannot be combined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--from and --ignore only apply to decline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decline takes --from, not --all or a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decline needs --from @user:server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--from can be given only once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--membership only applies to rooms and members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--membership must be join, invite, knock, ban or leave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>block-invites takes on, off or status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kicked %1 from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Banned %1 from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unbanned %1 in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Then %1 would be added to the ignored users.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ignoring %1 from now on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invites are blocked: the server refuses every invite to you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invites are allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You ignore no one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ignoring %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No longer ignoring %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an unknown inviter</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n invite(s) from %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>shares no room with you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a server new to you</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n room(s) with very few members</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No pending invites.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>power %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reason: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No members.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>join, leave: the rooms of a space (its ID, address or name).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>leave --space: also leave all, none (the default) or the listed rooms (ROOM,ROOM…) of the space that you are in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>leave: also leave the older versions of the room that you are still in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--with-rooms only applies to leave --space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--space needs a space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--space only applies to join and leave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1 --space&apos; takes no other argument</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--space cannot be combined with --from-file, --forget or --via</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>join --space needs either --all or --filter TEXT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>leave --space takes --with-rooms, not --all or --filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--with-rooms needs all, none or a list of room IDs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ban-everywhere takes a user ID, not --all or a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--with-predecessors only applies to leave with one room ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;leave --with-predecessors&apos; takes one room ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no space you know of is called &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>direct chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 joined, %2 invited, %3 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are in no space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Ban %1 from %n room(s):</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not banned in %n room(s):</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Dry run: nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to do: there is no room where you can ban %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no space you know of is called &apos;%1&apos; (give its room ID)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the space has more rooms than are listed (%1 shown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> [space]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a room of the space that you are in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to do: no room of the space can be joined.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no older version that you are in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Also leaving %n older version(s) of %1: %2</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>login: sign in with a password, read from the first line of standard input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>login --password: the user name or full user ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--password and --user only apply to login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>login --password needs --user NAME, and --user needs --password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--password and --token-stdin cannot be combined (both read standard input)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--user needs a user name or a full user ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no password: login --password reads it from the first line of standard input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no access token on standard input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>logout forgets the saved session; it takes no access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no saved session to log out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no access token: set CONCIERGE_ACCESS_TOKEN, pass --token-stdin, or sign in once with login --password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the saved session is for %1, not %2; pass an access token to use another homeserver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The saved session had already ended on the server; forgot it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The saved session could not be read back; sign in again with login --password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The saved session could not be read back: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as %1 on %2; the session is saved and later commands use it (logout forgets it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in, but the session could not be saved; the new device was logged out again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in, but the session could not be saved (%1); the new device was logged out again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out %1: the device is logged out on the server and the saved session is forgotten.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forgot the saved session of %1 (its access token was not created by Concierge and still works).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>login: sign in through single sign-on in your browser.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>login --sso: the identity provider&apos;s ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>login --sso: only print the sign-in address, do not open a browser.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--sso, --idp and --no-browser only apply to login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--idp and --no-browser only apply to login --sso</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>login --sso cannot be combined with --password or --token-stdin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--idp needs the ID of one of the server&apos;s identity providers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open this address in your browser to sign in (Concierge waits here; Ctrl+C cancels):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which saved session to use (see the accounts command); default: the only one, or the one used last.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>login, logout, accounts, rooms, spaces, hierarchy, join, leave, invite, forget, knock, members, kick, ban, unban, invites, decline, ignore, unignore, ignored, block-invites, ban-everywhere, directory, preview or jobs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--account can be given only once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accounts lists every saved account; it takes no --account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;accounts&apos; takes 0 arguments, got %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accounts takes no option but --json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--account picks a saved session: it cannot be combined with an access token, --password or --sso</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no saved session for %1 (none is saved)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no saved session for %1; saved: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No saved account: sign in with login --password or login --sso, or in the Concierge app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&apos;%1&apos; names %n space(s): %2; give the room ID of the one you mean</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Commands:
  login                              Verify the access token and print who you are.
  login --password --user NAME       Sign in with a user name (or full user ID) and the password
                                     read from the first line of standard input; the session is
                                     saved (system keychain) and later commands use it.
  login --sso [--idp ID] [--no-browser]
                                     Sign in through the server&apos;s single sign-on page in your
                                     browser (the address is also printed); --idp picks one of
                                     the server&apos;s identity providers. The session is saved.
  logout                             Forget the saved session; a session Concierge created is
                                     also logged out on the server.
  accounts                           List the accounts whose sessions are saved (by login or by
                                     the Concierge app), the default one marked; --account USER
                                     picks one for any command (default: the only one, or the
                                     one used last).
  rooms [--membership join|invite|leave] [--space SPACE] [--filter QUERY]
                                     List your joined rooms, invites and left rooms; --space:
                                     only those in a space (its ID, address or name) or its
                                     sub-spaces; --filter: only those that match QUERY.
  spaces                             List the spaces you are in as a tree, with how many of
                                     their rooms you are in, are invited to and have left.
  join &lt;#alias:server|!id:server&gt; [--via SERVER]... [--reason TEXT]
                                     Join a room (at most 3 --via servers).
  leave &lt;!room-id&gt; [--reason TEXT] [--forget]
                                     Leave a room, or decline an invite; --forget also forgets it.
  invite &lt;!room-id&gt; &lt;@user:server&gt; [--reason TEXT]
  forget &lt;!room-id&gt;                  Forget a room you have left.
  members &lt;!room-id&gt; [--membership join|invite|knock|ban|leave]
                                     List the room&apos;s members with their display name,
                                     membership and power level (without --membership: all
                                     but those who left).
  kick &lt;!room-id&gt; &lt;@user:server&gt; [--reason TEXT]
                                     Remove someone from a room; also withdraws an invite
                                     and denies a request to join (knock).
  ban &lt;!room-id&gt; &lt;@user:server&gt; [--reason TEXT]
                                     Ban someone from a room (whether or not they are in it).
  unban &lt;!room-id&gt; &lt;@user:server&gt; [--reason TEXT]
                                     Lift a ban; they may then join again if the room lets them.
                                     The server decides whether your power level allows it:
                                     a refusal exits with status 1 and its errcode
                                     (M_FORBIDDEN).
  knock &lt;#alias:server|!id:server&gt; [--via SERVER]... [--reason TEXT]
                                     Ask to join a room whose join rule is knock; withdraw
                                     the request with leave.
  directory [--server NAME] [--search TEXT]
                                     List the public rooms of your homeserver, or of NAME&apos;s
                                     directory (up to 200 rooms).
  preview &lt;#alias:server|!id:server&gt; [--via SERVER]...
                                     Show what is known about a room before joining it (exit
                                     status 1 when nothing is known).

Invite triage:
  invites --by-inviter|--by-server   List pending invites grouped by who sent them (or by their
                                     server), largest group first, with what helps judge them.
  decline --from &lt;@user:server&gt; [--ignore] [--reason TEXT]
                                     Decline every pending invite from that person (a bulk job,
                                     as leave --all); --ignore then adds them to your ignored
                                     users, so that their future invites never show.
  ignore &lt;@user:server&gt;              Ignore someone (their invites and messages are hidden).
  unignore &lt;@user:server&gt;            Stop ignoring them.
  ignored                            List the people you ignore.
  block-invites on|off|status        Refuse every invite to your account (the server answers
                                     inviters M_INVITE_BLOCKED), allow them again, or show which.
  ban-everywhere &lt;@user:server&gt; [--reason TEXT] [--dry-run]
                                     Ban someone from every joined room where your power level
                                     allows it, as one job; lists the rooms where it does not
                                     apply and why. --dry-run prints that plan and sends nothing.
                                     Exit status 5 when a room could not be checked or banned.

Bulk commands run as a job that is kept on disk before anything is sent, paced to the server&apos;s
rate limit, and resumable after Ctrl+C, a crash or kill -9:
  leave --all [--filter QUERY] [--forget] [--reason TEXT]
                                     Leave every joined room and decline every invite that
                                     matches QUERY (the room list&apos;s filter: words of the name,
                                     is:invite, is:joined, is:left, is:dm, is:space,
                                     in:SPACE, server:NAME, from:@USER).
  leave --from-file FILE [--forget]  Leave the rooms listed in FILE (one room ID per line;
                                     blank lines and lines starting with # are ignored).
  leave &lt;!room-id&gt; --with-predecessors [--reason TEXT] [--forget]
                                     Leave an upgraded room and its older versions that you
                                     are still in (the rooms it replaced, and theirs).
  forget --all [--filter QUERY]      Forget every left room (that matches QUERY).
  forget --from-file FILE            Forget the rooms listed in FILE.
  join --all [--filter QUERY]        Accept every invite (that matches QUERY).
  join --space SPACE --all|--filter TEXT [--dry-run]
                                     Join the rooms of a space (ID, address or name) that you
                                     can join (all, or those whose name contains TEXT): public
                                     ones, restricted ones open to a space you are in, and a
                                     request to join where only that is possible.
  leave --space SPACE [--with-rooms all|none|ROOM,ROOM...] [--reason TEXT] [--dry-run]
                                     Leave a space you are in, and with it all, none (the
                                     default) or the listed rooms of it (IDs or addresses,
                                     separated by commas) that you are in: the rooms first, then
                                     the space. Warns about rooms, and the space, that you could
                                     not rejoin.
  hierarchy SPACE [--json]           List a space&apos;s rooms and sub-spaces (every page), with
                                     whether you can join each and why not.
  invite &lt;!room-id&gt; --users-from-file FILE [--reason TEXT]
                                     Invite the people listed in FILE (one user ID per line, or
                                     CSV: the first field of each line that is a user ID).
                                     People already in the room or invited are skipped.
  invite --all [--filter QUERY] &lt;@user:server&gt;
                                     Invite one person to every joined room (that matches QUERY).
  jobs                               List the jobs kept for this account.
  jobs resume|cancel|retry &lt;job-id&gt;  Continue a paused or interrupted job, cancel it (what is in
                                     flight finishes), or send its failed items again.
Every line of a file is checked before anything is sent: an invalid line stops the command
(exit status 2) unless --skip-invalid is given, which skips and reports it. --dry-run prints
each request that would be sent (method, path, body; one per line, in order) and sends none
(the rooms for --all are still read with one /sync). With --json, a job prints one JSON object
per line: each item&apos;s result as it ends, then a summary. Ctrl+C pauses a running job after
the request in flight; the job ID it prints resumes it.

The homeserver comes from --homeserver or CONCIERGE_HOMESERVER; the access token from
CONCIERGE_ACCESS_TOKEN or, with --token-stdin, the first line of standard input; without either,
the session saved by login --password or by the Concierge app is used (--account @me:server
when several are saved). The token is never
printed. Jobs are kept in the account&apos;s store, below --store-dir or CONCIERGE_STORE_DIR
when given, else in the application&apos;s data folder.

Exit status: 0 success, 1 the server refused (errcode and message on stderr), 2 invalid usage or
input (nothing was sent), 3 the homeserver could not be reached, the session was rejected or
expired, or jobs cannot run (another Concierge is running this account&apos;s jobs, or they cannot be
saved), 4 no answer came and whether the action happened could not be found out, 5 a job ended
with items that failed or whose outcome is unknown, 6 Ctrl+C paused the job (resumable).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hierarchy needs a space: its room ID (!id:server), its address (#alias:server) or its name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--with-rooms takes all, none or room IDs or addresses separated by commas, not &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--with-rooms: &apos;%1&apos;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a space you are in: no room you know of has this ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2) is a room, not a space: leave it with &apos;leave %1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you are not in the space %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you are not in the space &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning: the space&apos;s rooms could not be listed (%1); leaving only the space does not need them, but whether you could rejoin it cannot be told</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning: %1 (the space): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning: whether you are the only admin of %1 could not be checked (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n requested</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>warning: %1 (%2): %3</source>
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
    <name>DesktopNotifier</name>
    <message>
        <source>%1: cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n failed</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Left %n room(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Left and forgot %n room(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Forgot %n room(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Joined %n room(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sent %n invite(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1: done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 done, %2 failed, %3 cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DirectoryModel</name>
    <message>
        <source>%1 cannot be reached: your homeserver does not talk to it (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your homeserver could not be reached (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be reached through your homeserver (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not share its room directory with other servers (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room directory could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DirectoryPage</name>
    <message>
        <source>Public</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask to join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Space members, or ask to join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Space members only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Banned</source>
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
        <source>Room directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>guests can read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guests can read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking to join %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joining %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept the invitation to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask to join…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask to join %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‹ Rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the room directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public rooms on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public rooms on your homeserver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your homeserver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty for your homeserver&apos;s directory; type another server&apos;s name, then Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty: your homeserver. Type another server&apos;s name (e.g. matrix.org), then Enter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search rooms by name, address or topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search public rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing %1 of about %2 rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading public rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching for “%1”…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading public rooms…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No rooms match “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This server lists no public rooms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try loading the directory again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading more rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading more…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load more rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room&apos;s moderators see your request and may invite you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why you would like to join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for asking to join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the request to join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Endpoints</name>
    <message>
        <source>“%1” cannot be part of a request path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A user ID is needed for “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The authorization server published an invalid endpoint address.</source>
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
    <name>HierarchyModel</name>
    <message>
        <source>You are in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are banned from it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are invited.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You asked to join: waiting for an answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public: anyone can join.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members of %1 can join.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can ask to join.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restricted: only members of certain rooms can join.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only members of %1 can join.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite only: you need an invite.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown join rule: whether you can join cannot be told.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite only: you could not rejoin without a new invite.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You would have to ask to join again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restricted: you could not rejoin without an invite.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only members of %1 can rejoin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You cannot see this space&apos;s rooms (you are not in it, or it is private): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your homeserver cannot list a space&apos;s rooms (it predates spaces).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The space&apos;s rooms could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Join %n room(s) of %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Leave %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Leave %1 and its %n room(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
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
    <name>InviteButtons</name>
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
    <message>
        <source>1 person to invite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 people to invite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People to invite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste a list…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite many people from a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste or load user IDs, one per line or CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite %1 people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InviteListModel</name>
    <message>
        <source>Already listed on line %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a file on this computer can be loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is too large (%2 KB): a list can be at most %3 KB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” could not be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is too large: a list can be at most %2 KB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a text file: save the list as plain text (UTF-8), one user ID per line or CSV.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Will be invited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listed twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already in the room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already invited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Banned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n will be invited</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already in the room</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already invited</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n banned</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n invalid</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n listed twice</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>you are skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s member list has no &quot;chunk&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is your own account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Banned from this room: they cannot be invited unless unbanned.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InviteManyDialog</name>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite 1 person to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite %1 people to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The invitations could not be started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite many people to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load a list of people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists (*.txt *.csv *.tsv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One user ID per line, or a CSV list (the column with the user IDs is found by itself). Lines starting with # are ignored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>@alice:example.org
@bob:example.org</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People to invite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load a list of people from a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking who is already in the room…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not check who is already in the room (%1). Everyone listed will be sent an invitation; the server skips people who are already invited.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check again who is already in the room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody listed yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1: %2 — %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1: %2 — %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown to each person invited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for the invitations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server accepts a few invitations at once, then paces them: this takes about %1. It continues in the jobs panel, also after a restart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite 1 person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite %1 people</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InviteTriagePage</name>
    <message>
        <source>Decline 1 invite from server %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline %1 invites from server %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline 1 invite from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline %1 invites from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declining the invites from %1 and ignoring them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declining the invites from %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 invite from an unknown inviter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 invites from an unknown inviter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 invite from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 invites from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The inviter shares no room with you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None of the %1 inviters shares a room with you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 inviters share no room with you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shares no room with you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A server new to you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 room with 2 members or fewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rooms with 2 members or fewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite triage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group by server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No pending invites.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending invites: %1, from %2 server(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls themselves “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rooms: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline all from this user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline all invites from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline all and ignore this user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline all invites from %1 and ignore them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline all from this server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline all invites from server %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block all invites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invites are blocked: your server refuses every invite to you, and the inviter is told so.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invites are allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not known yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ignored users (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody is ignored. The server hides the invites and messages of people you ignore.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unignore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unignore %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Pending invites: %1, from %n inviter(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
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
    <name>JobBanner</name>
    <message>
        <source>%1 of %2 done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused: “%1” — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pausing “%1” — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling “%1” — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resuming “%1” — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about %1 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 more job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 more jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress of “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is being sent finishes; the rest is not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the jobs panel</source>
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
    <message>
        <source>Another Concierge is running this account&apos;s jobs (pid %1%2). Only one program at a time may run them, or they would be sent twice: quit it, or wait for its jobs to end, and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bulk actions cannot be saved, so none can be started: the lock file %1 could not be created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Ban %1 from %n room(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JobsPanel</name>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pausing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished with failures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 done · %2 failed · %3 remaining</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time left: not known yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time left: about %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bulk actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No bulk actions. Select rooms in the list (Ctrl+click, Shift+click, Space) to leave, forget, accept or decline many at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume this job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause this job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel this job: what is being sent finishes, the rest is not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry the failed items of this job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this finished job from the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results of each room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the jobs panel</source>
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
    <name>JoinedButtons</name>
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
</context>
<context>
    <name>LeaveCheck</name>
    <message>
        <source>You are the only admin of %1. Promote someone before you leave, or nobody will be able to change its settings.</source>
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
    <message>
        <source>Also leave the older version of this room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also leave the %1 older versions of this room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking whether someone else can manage this room…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whether you are the only admin could not be checked: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LeaveSpaceDialog</name>
    <message>
        <source>The space could not be left: nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You could not rejoin some of these rooms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding the space&apos;s rooms…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>You are in %n room(s) of this space.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Leave only the space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also leave the rooms I choose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rooms to leave with the space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You could not rejoin these without help:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave space</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Leave space and %n room(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Also leave its %n room(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LeftButtons</name>
    <message>
        <source>Withdraw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw your request to join %1</source>
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
    <name>LoopbackRedirect</name>
    <message>
        <source>Sign-in did not finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go back to Concierge to see why and try again. You can close this tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concierge could not open a local port for the browser to come back to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to Concierge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can close this tab: Concierge finishes signing you in and shows how it went.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Concierge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your rooms</source>
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
    <message>
        <source>This user does not accept invites: they have blocked invites, or their server refuses them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MembersPage</name>
    <message>
        <source>Joined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking to join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Banned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Power level %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kicking %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoking the invitation of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Denying the request of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Banning %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unbanning %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inviting %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no answer from the server; it may have happened anyway (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you</source>
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
        <source>Says: %1</source>
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
        <source>%1, %2 members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept the request of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deny…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deny the request of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kick…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke the invitation of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kick %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ban…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ban %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unban…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unban %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‹ Rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the room list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your power level: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by name or user ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter members</source>
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
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member matches “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No members to show.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try loading the members again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite %1 people to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ban everywhere…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ban %1 from all rooms where I can</source>
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
    <message>
        <source>You are already in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are invited to %1 already: accept the invite instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are banned from %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You have already asked to join %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joined %1, but it could not be marked as a direct chat: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joined %1, but it does not say it replaces %2: it may not be that room&apos;s new version. Leave it if you did not mean to join it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModerationDialog</name>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ban %1 from %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unban %1 in %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke the invitation of %1 to %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deny the request of %1 to join %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kick %1 from %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They leave the room and cannot come back until someone unbans them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They may join again if the room lets them (an invitation may still be needed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The invitation is withdrawn; they can no longer accept it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They are told that their request was refused. They may ask again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They leave the room and may join again if the room lets them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown to them and to the room&apos;s members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ban</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unban</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke invitation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deny</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kick</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
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
    <message>
        <source>Servers to join through only apply to a join or a knock.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking to join %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asked to join %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an invite, a kick, a ban or an unban names a user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kicking %1 from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Banning %1 from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unbanning %1 in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kicked %1 from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Banned %1 from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unbanned %1 in %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PowerLevels</name>
    <message>
        <source>Creator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs power level %1; you have %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They created the room: no one can remove them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Their power level (%1) is not below yours (%2).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RoomBusyRow</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop waiting and cancel: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RoomContextMenu</name>
    <message>
        <source>Shortcut: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Decline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Invite…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Leave…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Withdraw request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rejoin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Forget…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+H</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>De&amp;select</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Select</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preview…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Members…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse rooms in this space…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lea&amp;ve space…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join the &amp;new room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss the &amp;error</source>
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
    <message>
        <source>selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select for a bulk action (Space, Ctrl+click, Shift+click)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invite someone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rejoin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>leave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>withdraw your request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>forget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Menu or Shift+F10 for actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete to %1, Menu or Shift+F10 for actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter to %1, Delete to %2, Menu or Shift+F10 for actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>asked to join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Direct chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replaced by a new version (its menu joins it)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RoomErrorRow</name>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss the error for %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RoomFilterQuery</name>
    <message>
        <source>In “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name a space after in:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no space is called “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a filter: use is:invite, is:requested, is:joined, is:left, is:dm or is:space.</source>
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
        <source>Filter rooms</source>
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
    <message>
        <source>Leave 1 room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave %1 rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave and forget 1 room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave and forget %1 rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget 1 room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget %1 rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept 1 invitation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept %1 invitations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline 1 invitation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline %1 invitations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite %1 to 1 room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite %1 to %2 rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bulk action could not be started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter: name, is:invite, server:…  (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bulk actions, %1 running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bulk actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress and results of bulk actions (Ctrl+Shift+J)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 room selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rooms selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite %1 people to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invites</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requested</source>
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
        <source>Accepted %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joined %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declined %1</source>
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
        <source>Forgot %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; it is now under %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is now under %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is no longer shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not shown with the current filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>focus on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no room is shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Directory…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse the room directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public rooms of your homeserver or another server (Ctrl+D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw 1 request to join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw %1 requests to join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Triage invites…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Triage invites and blocked users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending invites by sender: decline them together, ignore a sender, block all invites (Ctrl+T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type part of a room&apos;s name, address or ID, or terms: is:invite, is:joined, is:left, is:dm (direct chats), is:space, in:#space:example.org (a space&apos;s rooms, by address, ID or name), server:example.org (the room&apos;s or the inviter&apos;s server), from:@user:example.org (who invited you). Terms combine: is:invite from:@spam:example.org</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as %1. Accounts, %2 open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as %1. Accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 accounts open: switch, add one, see each one&apos;s invites and health (Ctrl+Shift+A)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accounts: add another, see this one&apos;s invites and health (Ctrl+Shift+A)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RoomMembersModel</name>
    <message>
        <source>Your homeserver could not be reached (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You cannot see this room&apos;s members: you are not in it, or no longer (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The members of this room could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room&apos;s power levels could not be loaded, so it is not known who may do what: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are not in this room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You cannot do this to yourself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Does not apply to this member.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RoomPowerProbe</name>
    <message>
        <source>Not signed in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server reported no membership for %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RoomPreview</name>
    <message>
        <source>The room summary names no valid room ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is known about this room before you join it: its server does not share a preview (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a room, but nothing more is known about it before you join it: its server does not share a preview.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No room has the address %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is known about %1 before you join it (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking the room up…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown from the room directory: the server gave no preview of this room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown from your invite: the server gave no preview of this room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown from your request to join: the server gave no preview of this room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown from your room list: the server gave no preview of this room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is known about this room before you join it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room could not be looked up: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RoomPreviewPane</name>
    <message>
        <source>Anyone can join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anyone can ask to join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members of certain spaces can join; others can ask to join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only invited people can join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only members of certain spaces can join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are in this room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are invited to this room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You asked to join this room; waiting for an answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are banned from this room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You left this room.</source>
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
        <source>Preview of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Space: a group of rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking the room up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not encrypted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guests can read and join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anyone can read the history without joining</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guests can join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topic: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept invitation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept the invitation to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask to join…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask to join %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opens a field for an optional reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why you would like to join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for asking to join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room&apos;s moderators see it with your request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the request to join %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the request to join</source>
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
    <message>
        <source>Requested</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SelectionBar</name>
    <message>
        <source>1 selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 hidden by the filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 room selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rooms selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the selected joined room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the %1 selected joined rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave and forget…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave and forget the selected joined room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave and forget the %1 selected joined rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget the selected left room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget the %1 selected left rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept the selected invitation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept the %1 selected invitations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline the selected invitation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decline the %1 selected invitations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite someone to all of them…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite someone to the selected joined room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite someone to the %1 selected joined rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite many people…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite a list of people to the selected room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear selection (Escape)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw 1 request…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw %1 requests…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw the selected request to join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw the %1 selected requests to join</source>
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
    <message>
        <source>Your session on %1 has expired (%2). Sign in again to continue where you left off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concierge on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your user name (like alice) or your full Matrix ID (like @alice:%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s login answer has no valid user_id or access token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s refresh answer has no access token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not an identity provider this server can use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The browser came back from the server&apos;s sign-in page without a login token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not offer OAuth 2.0 sign-in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s OAuth 2.0 metadata cannot be used (%1 is missing, not https, or lacks what Concierge needs).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The authorization server registered no client_id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The browser came back with an answer to another sign-in (its state does not match); nothing was sent. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The authorization server did not authorize Concierge.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The browser came back from the authorization page without a code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The authorization server&apos;s answer has no access token.</source>
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
    <message>
        <source>Asking %1 how to sign in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This server offers no sign-in method Concierge supports yet: sign in with an access token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>alice or @alice:example.org</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your user name, or your full Matrix ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>▾ Advanced: sign in with an access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>▸ Advanced: sign in with an access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advanced: sign in with an access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or sign in with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with single sign-on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opens the server&apos;s sign-in page in your browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue in your browser…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the page again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the sign-in page in the browser again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue with %1&apos;s sign-in page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opens your server&apos;s sign-in page in your browser (OAuth 2.0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to your accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to your other accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remember me on this computer (in a file only you can read)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading your saved session from the keychain…</source>
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
    <message>
        <source>Concierge also signs this device out on the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also invalidate the access token on the server (anything else using this token is signed out too)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also invalidate the access token on the server</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SpaceHierarchyDialog</name>
    <message>
        <source>The rooms could not be joined: nothing was sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rooms in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This space has more rooms than are shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the space&apos;s rooms…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This space has no rooms you can see.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n room(s) you can join or ask to join.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Rooms of the space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Space %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Select all joinable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave space…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Join %n room(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SpacePicker</name>
    <message>
        <source>%1 joined · %2 invited · %3 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rooms to show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show all rooms, the direct chats, the rooms in no space, or the rooms of one space</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n requested</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SpacesModel</name>
    <message>
        <source>All rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Direct chats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not in a space</source>
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
    <message>
        <source>Updating…</source>
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
    <message>
        <source>The /sync response holds a room that is not valid JSON.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Theme</name>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
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
    <message>
        <source>The account was closed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UserBlocking</name>
    <message>
        <source>“%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No user to ignore.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You cannot ignore yourself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out</source>
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
