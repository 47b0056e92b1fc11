#pragma once

#include "core/localstore.h"

#include <QColor>
#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

namespace safeloop::app {

/// Fictional demo data for tests and the tour, written through core: users as pulled records,
/// enterprises by enterprise.upsert as a supervisor, templates by checklists::import from
/// data/checklists.json, the demo district's profile and a document number block, and (with
/// `withHistory`) one finished inspection's hazard that the enterprise has submitted for
/// re-inspection, a major hazard at 春林 pulled from the server (李强's finished inspection) that
/// is two days overdue, and this year's two plans naming 王明 (demo-plan-key-<year>: 恒泰 and 北辰
/// with 李强; demo-plan-random-<year>: 春林 with 赵新).
struct DemoSeed {
    /// Inspector ids with badges: "insp-wang" (王明, the signed-in user), "insp-li" (李强).
    /// "insp-zhao" has no badge. Enterprise user "ent-hengtai".
    static QStringList enterpriseIds(); ///< credit codes of the demo enterprises
    static core::Result<void> seed(
        core::LocalStore& store, const QByteArray& checklistsJson, bool withHistory);
    /// The demo district's names on documents (青禾区应急管理局, …), as seed-demo configures
    /// the server's district; seed() stores them as if a sync had brought them.
    static core::DistrictProfile district();
    /// The demo district's document number prefix of `kind` for `year`, e.g.
    /// "(青)应急责改〔2026〕" (the server's seed-demo defaults).
    static QString numberPrefix(const QString& kind, int year);
    /// A small PNG standing in for a photo.
    static QByteArray demoPhoto(const QColor& colour);
    /// The signed-in inspector of the demo (王明, badge 22010012).
    static core::User inspector();
    /// The district's supervisor of the demo (刘静, "sup-demo"), who registers and plans.
    static core::User supervisor();
    /// 恒泰's safety manager 赵丽 ("ent-hengtai"), the enterprise user of the demo.
    static core::User enterpriseUser();
    /// 恒泰's tasks as its device pulls them: one finished inspection twenty days ago with a
    /// major hazard six days overdue, a general one due in two days, one rejected after a
    /// submission and one verified (销号), with photos and reports.
    /// Each task carries the inspection's 责令限期整改指令书 as document.issue brings it
    /// (number and PDF in the blob store); the order and the 现场检查记录 are also the
    /// enterprise's received documents.
    static core::Result<void> seedEnterpriseTasks(core::LocalStore& store);
    /// Renders the demo order of `hazards` (wire fields) found in `inspectionId` into the blob
    /// store and returns the `order` field document.issue gives them (store thread; the CJK
    /// font must be resolved on the GUI thread first, DocumentRenderer::cjkFontFamily()).
    static core::Result<QJsonObject> demoOrder(core::LocalStore& store, const QString& inspectionId,
        const QString& enterpriseId, const QList<QJsonObject>& hazards, const QDateTime& issuedAt);
    /// Renders the demo 现场检查记录 of the same inspection into the blob store and returns the
    /// `document` record document.issue gives it (kind inspection_record; store thread).
    static core::Result<QJsonObject> demoRecord(core::LocalStore& store,
        const QString& inspectionId, const QString& enterpriseId, const QList<QJsonObject>& hazards,
        const QDateTime& issuedAt);
};

} // namespace safeloop::app
