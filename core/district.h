#pragma once

#include <QJsonObject>
#include <QString>

namespace safeloop::core {

/// The district's names that legal documents print, as the server's settings hold them
/// (`district.*`, GET /api/v1/district in docs/api.md). A device keeps the last one it received
/// (LocalStore::districtProfile); a field the server has not set is empty, and documents then
/// print a placeholder instead of guessing an authority.
struct DistrictProfile {
    QString authority; ///< 执法机关, e.g. "青禾区应急管理局"
    QString reviewAuthority; ///< 行政复议机关, e.g. "青禾区人民政府或上一级应急管理部门"
    QString court; ///< 行政诉讼的人民法院, e.g. "青禾区人民法院"
    QString enterpriseSignerRole; ///< the enterprise's signer on documents, e.g. "企业负责人"

    /// Wire form: authority, review_authority, court, enterprise_signer_role (strings; absent,
    /// null or "" = not set). Other members are ignored.
    static DistrictProfile fromJson(const QJsonObject& json);
    QJsonObject toJson() const;
    /// True when no field is set (a device that never received the district's settings).
    bool isEmpty() const;
    bool operator==(const DistrictProfile&) const = default;
};

} // namespace safeloop::core
