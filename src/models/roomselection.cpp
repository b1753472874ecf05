#include "models/roomselection.h"

#include "models/roomlistmodel.h"

// Skeleton: the contract is roomselection.h; the implementation lands with issue 11's selection.
RoomSelection::RoomSelection(RoomFilterProxy *, QObject *parent) : QObject(parent) {}
int RoomSelection::count() const
{
    return 0;
}
int RoomSelection::hiddenCount() const
{
    return 0;
}
int RoomSelection::joinedCount() const
{
    return 0;
}
int RoomSelection::inviteCount() const
{
    return 0;
}
int RoomSelection::leftCount() const
{
    return 0;
}
QStringList RoomSelection::roomIds() const
{
    return {};
}
int RoomSelection::anchorRow() const
{
    return -1;
}
bool RoomSelection::isSelected(const QString &) const
{
    return false;
}
void RoomSelection::toggle(int) {}
void RoomSelection::select(int) {}
void RoomSelection::selectRange(int) {}
void RoomSelection::selectAll() {}
void RoomSelection::clear() {}
QStringList RoomSelection::roomIdsWith(Membership::Value) const
{
    return {};
}
