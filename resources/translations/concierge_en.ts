<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AccountsPage</name>
    <message numerus="yes">
        <source>%n pending invite(s)</source>
        <translation>
            <numerusform>%n pending invite</numerusform>
            <numerusform>%n pending invites</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n joined</source>
        <translation>
            <numerusform>%n joined</numerusform>
            <numerusform>%n joined</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n left</source>
        <translation>
            <numerusform>%n left</numerusform>
            <numerusform>%n left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) running</source>
        <translation>
            <numerusform>%n job running</numerusform>
            <numerusform>%n jobs running</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n member</numerusform>
            <numerusform>%n members</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>'%1' takes %n argument(s), got %2</source>
        <translation>
            <numerusform>'%1' takes %n argument, got %2</numerusform>
            <numerusform>'%1' takes %n arguments, got %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n invalid line(s), nothing was sent (--skip-invalid skips them):</source>
        <translation>
            <numerusform>%n invalid line, nothing was sent (--skip-invalid skips them):</numerusform>
            <numerusform>%n invalid lines, nothing was sent (--skip-invalid skips them):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Dry run: %n request(s) would be sent; nothing was sent.</source>
        <translation>
            <numerusform>Dry run: %n request would be sent; nothing was sent.</numerusform>
            <numerusform>Dry run: %n requests would be sent; nothing was sent.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) failed or ended with an unknown outcome. Send them again with: concierge-cli jobs retry %1</source>
        <translation>
            <numerusform>%n item failed or ended with an unknown outcome. Send them again with: concierge-cli jobs retry %1</numerusform>
            <numerusform>%n items failed or ended with an unknown outcome. Send them again with: concierge-cli jobs retry %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n invite(s) from %1</source>
        <translation>
            <numerusform>%n invite from %1</numerusform>
            <numerusform>%n invites from %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n room(s) with very few members</source>
        <translation>
            <numerusform>%n room with very few members</numerusform>
            <numerusform>%n rooms with very few members</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Ban %1 from %n room(s):</source>
        <translation>
            <numerusform>Ban %1 from %n room:</numerusform>
            <numerusform>Ban %1 from %n rooms:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not banned in %n room(s):</source>
        <translation>
            <numerusform>Not banned in %n room:</numerusform>
            <numerusform>Not banned in %n rooms:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Also leaving %n older version(s) of %1: %2</source>
        <translation>
            <numerusform>Also leaving %n older version of %1: %2</numerusform>
            <numerusform>Also leaving %n older versions of %1: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>'%1' names %n space(s): %2; give the room ID of the one you mean</source>
        <translation>
            <numerusform>'%1' names %n space: %2; give the room ID of the one you mean</numerusform>
            <numerusform>'%1' names %n spaces: %2; give the room ID of the one you mean</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n requested</source>
        <translation>
            <numerusform>%n requested</numerusform>
            <numerusform>%n requested</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DesktopNotifier</name>
    <message numerus="yes">
        <source>%1: %n failed</source>
        <translation>
            <numerusform>%1: %n failed</numerusform>
            <numerusform>%1: %n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Left %n room(s)</source>
        <translation>
            <numerusform>Left %n room</numerusform>
            <numerusform>Left %n rooms</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Left and forgot %n room(s)</source>
        <translation>
            <numerusform>Left and forgot %n room</numerusform>
            <numerusform>Left and forgot %n rooms</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Forgot %n room(s)</source>
        <translation>
            <numerusform>Forgot %n room</numerusform>
            <numerusform>Forgot %n rooms</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Joined %n room(s)</source>
        <translation>
            <numerusform>Joined %n room</numerusform>
            <numerusform>Joined %n rooms</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sent %n invite(s)</source>
        <translation>
            <numerusform>Sent %n invite</numerusform>
            <numerusform>Sent %n invites</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HierarchyModel</name>
    <message numerus="yes">
        <source>Join %n room(s) of %1</source>
        <translation>
            <numerusform>Join %n room of %1</numerusform>
            <numerusform>Join %n rooms of %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Leave %1 and its %n room(s)</source>
        <translation>
            <numerusform>Leave %1 and its %n room</numerusform>
            <numerusform>Leave %1 and its %n rooms</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InviteListModel</name>
    <message numerus="yes">
        <source>%n will be invited</source>
        <translation>
            <numerusform>%n will be invited</numerusform>
            <numerusform>%n will be invited</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already in the room</source>
        <translation>
            <numerusform>%n already in the room</numerusform>
            <numerusform>%n already in the room</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already invited</source>
        <translation>
            <numerusform>%n already invited</numerusform>
            <numerusform>%n already invited</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n banned</source>
        <translation>
            <numerusform>%n banned</numerusform>
            <numerusform>%n banned</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n invalid</source>
        <translation>
            <numerusform>%n invalid</numerusform>
            <numerusform>%n invalid</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n listed twice</source>
        <translation>
            <numerusform>%n listed twice</numerusform>
            <numerusform>%n listed twice</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InviteTriagePage</name>
    <message numerus="yes">
        <source>Pending invites: %1, from %n inviter(s).</source>
        <translation>
            <numerusform>Pending invites: %1, from %n inviter.</numerusform>
            <numerusform>Pending invites: %1, from %n inviters.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Job</name>
    <message numerus="yes">
        <source>%1: %2 (about %n s left)</source>
        <translation>
            <numerusform>%1: %2 (about %n s left)</numerusform>
            <numerusform>%1: %2 (about %n s left)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JobQueue</name>
    <message numerus="yes">
        <source>Leave and forget %n room(s)</source>
        <translation>
            <numerusform>Leave and forget %n room</numerusform>
            <numerusform>Leave and forget %n rooms</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Leave %n room(s)</source>
        <translation>
            <numerusform>Leave %n room</numerusform>
            <numerusform>Leave %n rooms</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Forget %n room(s)</source>
        <translation>
            <numerusform>Forget %n room</numerusform>
            <numerusform>Forget %n rooms</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Join %n room(s)</source>
        <translation>
            <numerusform>Join %n room</numerusform>
            <numerusform>Join %n rooms</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Invite %1 to %n room(s)</source>
        <translation>
            <numerusform>Invite %1 to %n room</numerusform>
            <numerusform>Invite %1 to %n rooms</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Invite %n people to %1</source>
        <translation>
            <numerusform>Invite %n person to %1</numerusform>
            <numerusform>Invite %n people to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Ban %1 from %n room(s)</source>
        <translation>
            <numerusform>Ban %1 from %n room</numerusform>
            <numerusform>Ban %1 from %n rooms</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LeaveSpaceDialog</name>
    <message numerus="yes">
        <source>You are in %n room(s) of this space.</source>
        <translation>
            <numerusform>You are in %n room of this space.</numerusform>
            <numerusform>You are in %n rooms of this space.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Leave space and %n room(s)</source>
        <translation>
            <numerusform>Leave space and %n room</numerusform>
            <numerusform>Leave space and %n rooms</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Also leave its %n room(s)</source>
        <translation>
            <numerusform>Also leave its %n room</numerusform>
            <numerusform>Also leave its %n rooms</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Operation</name>
    <message numerus="yes">
        <source>%1: waiting %n s (server rate limit)</source>
        <translation>
            <numerusform>%1: waiting %n s (server rate limit)</numerusform>
            <numerusform>%1: waiting %n s (server rate limit)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: waiting for the server, trying again in %n s (%2)</source>
        <translation>
            <numerusform>%1: waiting for the server, trying again in %n s (%2)</numerusform>
            <numerusform>%1: waiting for the server, trying again in %n s (%2)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SpaceHierarchyDialog</name>
    <message numerus="yes">
        <source>%n room(s) you can join or ask to join.</source>
        <translation>
            <numerusform>%n room you can join or ask to join.</numerusform>
            <numerusform>%n rooms you can join or ask to join.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n member</numerusform>
            <numerusform>%n members</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Join %n room(s)</source>
        <translation>
            <numerusform>Join %n room</numerusform>
            <numerusform>Join %n rooms</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SpacePicker</name>
    <message numerus="yes">
        <source>%n requested</source>
        <translation>
            <numerusform>%n requested</numerusform>
            <numerusform>%n requested</numerusform>
        </translation>
    </message>
</context>
</TS>
