#pragma once

#include "core/result.h"

#include <QDate>
#include <QList>
#include <QMap>
#include <QSqlDatabase>
#include <QString>

namespace safeloop::server {

/// A fixed demo login (documented in docs/demo.md).
struct DemoAccount {
    QString username;
    QString role;
    QString password;
};

/// The fixed demo accounts: demo.inspector, demo.enterprise, demo.supervisor, demo.admin.
QList<DemoAccount> demoAccounts();

struct SeedOptions {
    quint32 seed = 20261125; ///< fixed: the same seed and day give the same district
    QDate today; ///< the district's "today" (default: the current local date)
    int enterprises = 2000;
    int inspections = 420;
};

struct SeedSummary {
    int enterprises = 0;
    int templates = 0;
    int users = 0;
    int inspections = 0;
    int hazards = 0;
    int overdue = 0;
    int plans = 0;
    int selfChecks = 0; ///< demo.enterprise's own self-checks (企业自查)
    QMap<QString, int> hazardsByStatus;

    QString describe() const;
};

/// Seeds the fictional demo district 青禾区 into an empty store: 8 streets, enterprises with valid
/// credit codes around 43.88 N 125.25 E, the shipped checklists, 40 inspectors, 30 enterprise
/// accounts, 3 supervisors, 1 admin, a year of inspections, answers, hazards and rectification
/// events, demo.enterprise's self-check history (one finished self-check whose two findings
/// are one closed, one open), and this year's plans (per street two inspector groups' 重点检查
/// plans over the street's red and orange enterprises, plus one district-wide 双随机 draw naming
/// demo.inspector). Every record is written through core::applyMutation as the user who would
/// have done it, with a change-log entry, and the demo district's names on documents
/// (ServerConfig district.*), inside one transaction (all or nothing).
/// Refuses (`store_not_empty`) a store that already has enterprises. Signature images go to
/// `blobDir`.
core::Result<SeedSummary> seedDemo(
    QSqlDatabase& db, const QString& blobDir, const SeedOptions& options);

} // namespace safeloop::server
