#pragma once

// Every time limit and size cap of the wire, named once. A deadline covers a whole attempt,
// however slowly the bytes trickle in; a cap ends a response that grows beyond it.
#include <QtGlobal>

namespace Timeouts {
inline constexpr int Default = 30000;
// .well-known, /versions, whoami: a sign-in must not hang on a slow server.
inline constexpr int Discovery = 15000;
// Added to the long-poll timeout of /sync to tell a stalled server from a quiet one.
inline constexpr int SyncMargin = 15000;
// An initial /sync of a large account can take Synapse minutes to prepare.
inline constexpr int InitialSync = 180000;
inline constexpr int Media = 20000;
} // namespace Timeouts

namespace Limits {
// Discovery answers (.well-known, /versions) are a few hundred bytes; they come from whatever
// server the user typed, before any token is sent.
inline constexpr qint64 DiscoveryResponseBytes = 64 * 1024;
inline constexpr qint64 DefaultResponseBytes = 4 * 1024 * 1024;
// /sync is the one big answer: ~5 KB a room on Synapse, so this holds ~50,000 rooms.
inline constexpr qint64 SyncResponseBytes = 256LL * 1024 * 1024;
inline constexpr qint64 ThumbnailBytes = 4 * 1024 * 1024;
} // namespace Limits
