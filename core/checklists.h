#pragma once

#include "domain.h"
#include "result.h"

#include <QByteArray>
#include <QDateTime>
#include <QSqlDatabase>

namespace safeloop::core::checklists {

/// Highest template version a checklist file may name: the versions published after it stay far
/// from int's limit.
inline constexpr int MaxVersion = 1000000;

/// Parses the project's checklist JSON (a list of templates, see data/checklists.json). Refuses a
/// file that is not a list (`invalid_json`), a bad template (ChecklistTemplate::fromJson), a
/// version above MaxVersion (`invalid_version`) and a code listed twice (`duplicate_template`).
Result<QList<ChecklistTemplate>> parse(const QByteArray& json);

/// Publishes templates: an unchanged template is skipped, a changed one gets the next version
/// (published versions never change). Returns the refs (`code@version`) newly published.
/// Runs inside the caller's transaction; records are stored as entity `template`, id = ref.
Result<QStringList> import(
    QSqlDatabase& db, const QList<ChecklistTemplate>& templates, const QDateTime& now);

/// The latest published version of every template code.
Result<QList<ChecklistTemplate>> latest(QSqlDatabase& db);

} // namespace safeloop::core::checklists
