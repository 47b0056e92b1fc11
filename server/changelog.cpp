#include "changelog.h"

using namespace Qt::StringLiterals;
using safeloop::core::makeError;
using safeloop::core::Result;

namespace safeloop::server {

Result<void> appendChange(QSqlDatabase&, const QString&, const QString&)
{
    return makeError(u"not_implemented"_s, u"the change log is not available yet"_s);
}

Result<void> refreshUserRecords(QSqlDatabase&)
{
    return {};
}

} // namespace safeloop::server
