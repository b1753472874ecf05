#pragma once

// Shared helpers of the libFuzzer targets. An invariant that does not hold aborts, so libFuzzer
// reports it like a crash and keeps the input (crash-<sha1>) for reproduction.

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace fuzz {

[[noreturn]] inline void fail(const char *file, int line, const char *condition, const QString &detail)
{
    std::fprintf(stderr, "\n*** fuzz invariant violated at %s:%d: %s\n", file, line, condition);
    if (!detail.isEmpty())
        std::fprintf(stderr, "*** %s\n", detail.left(2000).toUtf8().constData());
    std::fflush(stderr);
    std::abort();
}

// Qt's own warnings (e.g. from QJsonDocument) are noise at millions of executions; fatal messages
// still abort. Install once from LLVMFuzzerInitialize.
inline void quietQtMessages()
{
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext &, const QString &msg) {
        if (type == QtFatalMsg) {
            std::fprintf(stderr, "qFatal: %s\n", msg.toUtf8().constData());
            std::fflush(stderr);
            std::abort();
        }
    });
}

inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
}

} // namespace fuzz

#define FUZZ_CHECK(condition, detail)                                                              \
    do {                                                                                           \
        if (!(condition))                                                                          \
            ::fuzz::fail(__FILE__, __LINE__, #condition, (detail));                                \
    } while (false)
