// /api/v1/sync/push and /api/v1/sync/pull.

#include "httpapi.h"
#include "httpapi_p.h"
#include "requestdecoders.h"

#include <brotli/encode.h>

#include <httplib.h>

using namespace Qt::StringLiterals;
using safeloop::core::Result;

namespace safeloop::server {

using namespace detail;

namespace {

/// A pull page: compressed here with Brotli at a fast quality when the client accepts it
/// (httplib's own Brotli runs at the slowest, densest quality 11, which made a 5,000-record page
/// take seconds of server CPU). The charset parameter keeps httplib from compressing it again;
/// small pages (the no-op cycle) go out as they are. Clients without Brotli get httplib's gzip.
/// Big pages (a first sync's) use quality 2: on a 2.3 MB page of 5,000 enterprises it takes
/// ~4 ms of CPU for ~113 KB, where quality 3 took ~5 ms for ~115 KB and quality 5 ~16 ms for
/// ~85 KB (docs/performance.md, "First sync, step 4").
void sendPage(const httplib::Request& req, httplib::Response& res, const QByteArray& json)
{
    res.status = 200;
    constexpr qsizetype MinCompressed = 1024;
    constexpr qsizetype BigPage = 256 * 1024;
    const int Quality = json.size() >= BigPage ? 2 : 5;
    res.set_header("Vary", "Accept-Encoding");
    if (req.get_header_value("Accept-Encoding").find("br") == std::string::npos) {
        // No Brotli: plain `application/json`, which httplib gzips when the client accepts it.
        res.set_content(toStd(json), "application/json");
        return;
    }
    if (json.size() >= MinCompressed) {
        const auto size = static_cast<std::size_t>(json.size());
        std::string out(BrotliEncoderMaxCompressedSize(size), '\0');
        std::size_t outSize = out.size();
        if (BrotliEncoderCompress(Quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, size,
                reinterpret_cast<const std::uint8_t*>(json.constData()), &outSize,
                reinterpret_cast<std::uint8_t*>(out.data()))
            == BROTLI_TRUE) {
            out.resize(outSize);
            res.set_header("Content-Encoding", "br");
            res.set_content(out, "application/json; charset=utf-8");
            return;
        }
    }
    res.set_content(toStd(json), "application/json; charset=utf-8");
}

} // namespace

void HttpApi::installSyncRoutes()
{
    auto& http = *m_http;
    http.Post("/api/v1/sync/push",
        [this](const httplib::Request& req, httplib::Response& res,
            const httplib::ContentReader& reader) {
            auto caller = authenticate(req, res);
            if (!caller) {
                drain(reader);
                return;
            }
            // Mutations are judged one by one by the service (a bad one is its own rejection).
            auto body
                = readJsonBody(req, res, reader, m_limits.maxJsonBody, false, { u"mutations"_s });
            if (!body)
                return;
            auto result = m_sync.push(*caller, *body);
            if (!result) {
                const core::Error& e = result.error();
                if (e.code == u"mutation_gap"_s) {
                    sendError(res, 409, e.code, e.message,
                        QJsonObject { { u"expected"_s, SyncService::expectedOf(e) } });
                    return;
                }
                sendServiceError(res, e);
                return;
            }
            sendJson(res, 200, toJson(result.value()));
        });

    http.Get("/api/v1/sync/pull", [this](const httplib::Request& req, httplib::Response& res) {
        auto caller = authenticate(req, res);
        if (!caller)
            return;
        int limit = SyncService::DefaultPullLimit;
        if (req.has_param("limit")) {
            auto decoded = decodePullLimit(QString::fromStdString(req.get_param_value("limit")));
            if (!decoded) {
                sendError(res, 400, decoded.error().code, decoded.error().message);
                return;
            }
            limit = decoded.value();
        }
        auto page = m_sync.pullPage(
            *caller, QString::fromStdString(req.get_param_value("cursor")), limit);
        if (!page) {
            sendServiceError(res, page.error());
            return;
        }
        sendPage(req, res, page.value());
    });
}

} // namespace safeloop::server
