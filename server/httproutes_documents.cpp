// /api/v1/documents: number blocks, voided numbers and the numbers issued.

#include "httpapi.h"
#include "httpapi_p.h"
#include "serverconfig.h"
#include "sqldialect.h"

#include <QJsonArray>

#include <cmath>

#include <httplib.h>

using namespace Qt::StringLiterals;
using safeloop::core::Result;

namespace safeloop::server {

using namespace detail;

namespace {

/// A JSON number that is a whole number (JSON has only doubles), or nothing.
std::optional<qint64> wholeNumber(const QJsonValue& value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double d = value.toDouble();
    if (!std::isfinite(d) || std::trunc(d) != d || std::fabs(d) > 9007199254740991.0)
        return std::nullopt;
    return static_cast<qint64>(d);
}

QJsonArray numberArray(const QList<qint64>& numbers)
{
    QJsonArray a;
    for (const qint64 n : numbers)
        a.append(n);
    return a;
}

} // namespace

void HttpApi::installDocumentRoutes()
{
    auto& http = *m_http;
    const std::size_t limit = m_limits.maxJsonBody;

    // The district's names for documents (any signed-in user; an addition to SYNC.md).
    http.Get("/api/v1/district", [this](const httplib::Request& req, httplib::Response& res) {
        if (!authenticate(req, res))
            return;
        auto conn = m_store.connection();
        if (!conn) {
            sendServiceError(res, conn.error());
            return;
        }
        auto profile = ServerConfig::districtProfile(conn.value());
        if (!profile) {
            sendServiceError(res, profile.error());
            return;
        }
        sendJson(res, 200, *profile);
    });

    http.Post("/api/v1/documents/numbers",
        [this, limit](const httplib::Request& req, httplib::Response& res,
            const httplib::ContentReader& reader) {
            auto caller = authenticate(req, res);
            if (!caller) {
                drain(reader);
                return;
            }
            if (caller->role != Role::Inspector) {
                drain(reader);
                sendError(res, 403, u"forbidden"_s, u"only inspectors reserve document numbers"_s);
                return;
            }
            const auto body = readJsonBody(req, res, reader, limit);
            if (!body)
                return;
            const QJsonValue kind = (*body)[u"kind"_s];
            if (!kind.isString() || !isDocumentKind(kind.toString())) {
                sendError(res, 400, u"invalid_document_kind"_s,
                    u"kind must be one of %1"_s.arg(documentKinds().join(u", "_s)));
                return;
            }
            const auto count = wholeNumber((*body)[u"count"_s]);
            if (!count) {
                sendError(res, 400, u"invalid_count"_s,
                    u"count must be a whole number from 1 to %1"_s.arg(DocumentService::MaxBlock));
                return;
            }
            auto block = m_documents.reserve(*caller, kind.toString(), *count);
            if (!block) {
                sendServiceError(res, block.error());
                return;
            }
            sendJson(res, 200,
                QJsonObject {
                    { u"kind"_s, block->kind },
                    { u"year"_s, block->year },
                    { u"prefix"_s, block->prefix },
                    { u"from"_s, block->from },
                    { u"to"_s, block->to },
                    { u"block_id"_s, block->id },
                });
        });

    http.Post("/api/v1/documents/void",
        [this, limit](const httplib::Request& req, httplib::Response& res,
            const httplib::ContentReader& reader) {
            auto caller = authenticate(req, res);
            if (!caller) {
                drain(reader);
                return;
            }
            if (caller->role != Role::Inspector) {
                drain(reader);
                sendError(
                    res, 403, u"forbidden"_s, u"only inspectors report void document numbers"_s);
                return;
            }
            const auto body = readJsonBody(req, res, reader, limit);
            if (!body)
                return;
            const QJsonValue kind = (*body)[u"kind"_s];
            if (!kind.isString() || !isDocumentKind(kind.toString())) {
                sendError(res, 400, u"invalid_document_kind"_s,
                    u"kind must be one of %1"_s.arg(documentKinds().join(u", "_s)));
                return;
            }
            const auto year = wholeNumber((*body)[u"year"_s]);
            if (!year || *year < 2000 || *year > 9999) {
                sendError(res, 400, u"invalid_year"_s, u"year must be a four-digit year"_s);
                return;
            }
            const QJsonValue list = (*body)[u"numbers"_s];
            QList<qint64> numbers;
            bool valid = list.isArray() && !list.toArray().isEmpty()
                && list.toArray().size() <= DocumentService::MaxVoidNumbers;
            if (valid) {
                for (const QJsonValue v : list.toArray()) {
                    const auto n = wholeNumber(v);
                    if (!n || *n < 1) {
                        valid = false;
                        break;
                    }
                    numbers << *n;
                }
            }
            if (!valid) {
                sendError(res, 400, u"invalid_numbers"_s,
                    u"numbers must be a list of 1 to %1 document numbers (whole numbers ≥ 1)"_s.arg(
                        DocumentService::MaxVoidNumbers));
                return;
            }
            auto outcome = m_documents.voidNumbers(
                *caller, kind.toString(), static_cast<int>(*year), numbers);
            if (!outcome) {
                sendServiceError(res, outcome.error());
                return;
            }
            sendJson(res, 200,
                QJsonObject {
                    { u"kind"_s, outcome->kind },
                    { u"year"_s, outcome->year },
                    { u"voided"_s, numberArray(outcome->voided) },
                    { u"already_void"_s, numberArray(outcome->alreadyVoid) },
                });
        });

    http.Get(
        "/api/v1/documents/blocks", [this](const httplib::Request& req, httplib::Response& res) {
            auto caller = authenticate(req, res);
            if (!caller)
                return;
            if (caller->role != Role::Supervisor && caller->role != Role::Admin) {
                sendError(res, 403, u"forbidden"_s,
                    u"only supervisors and administrators audit document numbers"_s);
                return;
            }
            int year = 0;
            if (req.has_param("year")) {
                bool ok = false;
                const QString text = QString::fromStdString(req.get_param_value("year"));
                year = text.toInt(&ok);
                if (!ok || text.size() != 4) {
                    sendError(res, 400, u"invalid_year"_s, u"year must be a four-digit year"_s);
                    return;
                }
            } else {
                auto current = m_documents.currentYear();
                if (!current) {
                    sendServiceError(res, current.error());
                    return;
                }
                year = current.value();
            }
            const QString kind = QString::fromStdString(req.get_param_value("kind"));
            auto blocks = m_documents.blocks(*caller, year, kind);
            if (!blocks) {
                sendServiceError(res, blocks.error());
                return;
            }
            QJsonArray list;
            for (const NumberBlock& b : blocks.value()) {
                list.append(QJsonObject {
                    { u"id"_s, b.id },
                    { u"kind"_s, b.kind },
                    { u"year"_s, b.year },
                    { u"prefix"_s, b.prefix },
                    { u"from"_s, b.from },
                    { u"to"_s, b.to },
                    { u"user_id"_s, b.userId },
                    { u"username"_s, b.username },
                    { u"device_login_id"_s, b.deviceLoginId },
                    { u"device_name"_s, b.deviceName },
                    { u"issued_at"_s, rfc3339(b.issuedAtMs) },
                    { u"void"_s, numberArray(b.voids) },
                });
            }
            sendJson(res, 200, QJsonObject { { u"year"_s, year }, { u"blocks"_s, list } });
        });
}

} // namespace safeloop::server
