#include "district.h"

using namespace Qt::StringLiterals;

namespace safeloop::core {

DistrictProfile DistrictProfile::fromJson(const QJsonObject& json)
{
    DistrictProfile p;
    p.authority = json.value(u"authority"_s).toString().trimmed();
    p.reviewAuthority = json.value(u"review_authority"_s).toString().trimmed();
    p.court = json.value(u"court"_s).toString().trimmed();
    p.enterpriseSignerRole = json.value(u"enterprise_signer_role"_s).toString().trimmed();
    return p;
}

QJsonObject DistrictProfile::toJson() const
{
    return QJsonObject { { u"authority"_s, authority }, { u"review_authority"_s, reviewAuthority },
        { u"court"_s, court }, { u"enterprise_signer_role"_s, enterpriseSignerRole } };
}

bool DistrictProfile::isEmpty() const
{
    return authority.isEmpty() && reviewAuthority.isEmpty() && court.isEmpty()
        && enterpriseSignerRole.isEmpty();
}

} // namespace safeloop::core
