#pragma once

#include "auth.h"
#include "core/result.h"
#include "serverstore.h"

#include <QList>
#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace safeloop::server {

/// The official document kinds that carry numbers (SYNC.md "Document numbers").
QStringList documentKinds();
bool isDocumentKind(const QString& kind);

/// A block of consecutive numbers reserved for one device login.
struct NumberBlock {
    QString id; ///< UUID v7
    QString kind;
    int year = 0; ///< local year in the district time zone when the block was issued
    QString prefix; ///< e.g. `(青)应急责改〔2026〕`, fixed when the block is issued
    qint64 from = 0;
    qint64 to = 0;
    QString deviceLoginId;
    QString userId;
    QString username; ///< audit listing only
    QString deviceName; ///< audit listing only
    qint64 issuedAtMs = 0;
    QList<qint64> voids; ///< audit listing only: numbers of this block reported void
};

/// What a void report did: numbers newly recorded and numbers that were void already.
struct VoidOutcome {
    QString kind;
    int year = 0;
    QList<qint64> voided;
    QList<qint64> alreadyVoid;
};

/// Milliseconds since the Unix epoch; injected so that tests can cross a year boundary.
using Clock = std::function<qint64()>;

/// Issues document numbers: unique and gap-free per (kind, year) across threads and server
/// processes. Each block is taken from the `document_counters` row of its (kind, year) with one
/// `UPDATE … RETURNING` inside the transaction that records the block, so the row lock
/// (PostgreSQL) or the write lock (SQLite) serialises concurrent callers and a failed request
/// leaves no hole. Error codes: `forbidden`, `invalid_document_kind`, `invalid_count`,
/// `count_out_of_range`, `invalid_year`, `invalid_numbers`, `number_not_reserved`.
class DocumentService {
public:
    static constexpr qint64 MaxBlock = 100; ///< SYNC.md: N ≤ 100
    static constexpr qsizetype MaxVoidNumbers = 1000; ///< per void report

    explicit DocumentService(ServerStore store, Clock clock = {});

    void setClock(Clock clock);

    /// The local year now in the configured district time zone.
    core::Result<int> currentYear() const;
    /// The year of `epochMs` in `zoneId` (an IANA id); -1 for an unknown zone.
    static int localYear(qint64 epochMs, const QString& zoneId);

    /// Reserves `count` (1..100) numbers of `kind` for the caller's device login (inspectors).
    core::Result<NumberBlock> reserve(const Caller& caller, const QString& kind, qint64 count);

    /// Records numbers as void. Every number must lie in a block of `kind` and `year` issued to
    /// the caller's device login; otherwise nothing is recorded (`number_not_reserved`).
    /// Reporting a number twice is harmless.
    core::Result<VoidOutcome> voidNumbers(
        const Caller& caller, const QString& kind, int year, const QList<qint64>& numbers);

    /// Every block of `year` (optionally of one kind) with its voids, in issue order
    /// (supervisors and administrators).
    core::Result<std::vector<NumberBlock>> blocks(
        const Caller& caller, int year, const QString& kind = {}) const;

private:
    ServerStore m_store;
    Clock m_clock;
};

} // namespace safeloop::server
