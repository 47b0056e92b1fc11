#include "syncengine.h"

#include "blobuploader.h"
#include "hlc.h"
#include "pageapplier_p.h"

#include "core/database.h"
#include "core/domain.h"
#include "core/uuid.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

using namespace Qt::StringLiterals;

namespace safeloop::sync {

using core::compact;

namespace {

ApiFailure localFailure(const core::Error& e)
{
    ApiFailure f;
    f.kind = ApiFailure::Kind::Refused;
    f.code = e.code;
    f.message = e.message;
    return f;
}

} // namespace

SyncEngine::SyncEngine(Options options, std::unique_ptr<core::LocalStore> store)
    : m_options(std::move(options))
    , m_store(std::move(store))
    , m_ledger(std::make_unique<Ledger>(*m_store))
    , m_api(std::make_unique<ApiClient>(
          m_options.serverUrl, m_options.deviceId, m_options.deviceName))
{
    m_api->transport().setIdleTimeout(m_options.idleTimeout);
    if (m_options.cancel)
        m_api->transport().setCancelFlag(m_options.cancel);
}

SyncEngine::~SyncEngine() = default;

core::Result<std::unique_ptr<SyncEngine>> SyncEngine::open(Options options)
{
    core::LocalStore::Options so;
    so.databasePath = options.databasePath;
    so.blobRoot = options.blobRoot;
    so.deviceId = options.deviceId;
    so.clock = options.clock;
    so.ledgers.push_back(Ledger::schema()); // sync's tables, by core's migration runner
    auto store = core::LocalStore::open(so);
    if (!store)
        return store.error();
    std::unique_ptr<SyncEngine> engine(
        new SyncEngine(std::move(options), std::move(store.value())));
    SyncEngine* raw = engine.get();
    if (engine->m_options.loadSession && engine->m_options.saveSession) {
        engine->m_api->setSession(engine->m_options.loadSession());
        engine->m_api->setSessionSink(
            [raw](const Session& session) { raw->m_options.saveSession(session); });
        return engine;
    }
    // Restore the device login.
    const QJsonObject s
        = QJsonDocument::fromJson(engine->m_ledger->value(u"session"_s).toUtf8()).object();
    if (!s.isEmpty()) {
        Session session;
        session.accessToken = s.value(u"access_token"_s).toString();
        session.refreshToken = s.value(u"refresh_token"_s).toString();
        session.accessExpiresAt
            = QDateTime::fromString(s.value(u"access_expires_at"_s).toString(), Qt::ISODateWithMs);
        const QJsonObject u = s.value(u"user"_s).toObject();
        session.user = { u.value(u"id"_s).toString(), u.value(u"name"_s).toString(),
            u.value(u"role"_s).toString(), u.value(u"enterprise_id"_s).toString() };
        engine->m_api->setSession(session);
    }
    engine->m_api->setSessionSink([raw](const Session& session) { raw->storeSession(session); });
    return engine;
}

void SyncEngine::storeSession(const Session& session)
{
    QJsonObject s;
    if (session.isValid()) {
        s = { { u"access_token"_s, session.accessToken },
            { u"refresh_token"_s, session.refreshToken },
            { u"access_expires_at"_s, session.accessExpiresAt.toString(Qt::ISODateWithMs) },
            { u"user"_s,
                QJsonObject { { u"id"_s, session.user.id }, { u"name"_s, session.user.name },
                    { u"role"_s, session.user.role },
                    { u"enterprise_id"_s, session.user.enterpriseId } } } };
    }
    if (auto r = m_ledger->setValue(u"session"_s, s.isEmpty() ? QString() : compact(s)); !r)
        qWarning("sync: the device login could not be stored");
}

core::Result<SessionUser> SyncEngine::login(const QString& username, const QString& password)
{
    auto session = m_api->login(username, password);
    if (!session)
        return session.error();
    return session->user;
}

core::Actor SyncEngine::actor() const
{
    core::Actor a;
    const SessionUser u = m_api->session().user;
    a.userId = u.id;
    auto role = core::parseRole(u.role);
    a.role = role ? *role : core::Role::Inspector;
    a.enterpriseId = u.enterpriseId;
    a.deviceId = m_options.deviceId;
    // An inspector's streets and an enterprise user's enterprise come with the user's own
    // record (pulled like any other; the server links an enterprise account once its enterprise
    // exists, possibly after this login): local mutations and the re-apply after a pull must be
    // judged in the same scope as on the server.
    if (!u.id.isEmpty()) {
        if (auto docs = m_store->records(u"user"_s, core::LocalStore::Link::Id, u.id);
            docs && !docs->isEmpty()) {
            const QJsonObject& doc = docs->first();
            for (const auto& s : doc.value(u"streets"_s).toArray())
                if (!s.toString().isEmpty())
                    a.streets << s.toString();
            if (a.enterpriseId.isEmpty() && a.role == core::Role::Enterprise)
                a.enterpriseId = doc.value(u"enterprise_id"_s).toString();
        }
    }
    return a;
}

std::variant<ApiReply, ApiFailure> SyncEngine::call(
    CycleResult& result, const QByteArray& method, const QString& path, const QJsonObject& body)
{
    return finishCall(result, startCall(result, method, path, body));
}

ApiClient::Pending SyncEngine::startCall(
    CycleResult& result, const QByteArray& method, const QString& path, const QJsonObject& body)
{
    ++result.roundTrips;
    const QByteArray sent
        = body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    // Request line, Host, Authorization, Content-Type/Length: ~ the fixed part of a request.
    result.bytesSent += sent.size() + path.size() + 120 + m_api->session().accessToken.size();
    return m_api->start(method, path, body);
}

std::variant<ApiReply, ApiFailure> SyncEngine::finishCall(
    CycleResult& result, ApiClient::Pending pending)
{
    auto reply = m_api->finish(std::move(pending));
    if (const auto* r = std::get_if<ApiReply>(&reply)) {
        qint64 headerBytes = 17;
        for (const auto& h : r->headers)
            headerBytes += h.first.size() + h.second.size() + 4;
        result.bytesReceived += r->raw.size() + headerBytes;
    }
    return reply;
}

// ---------------------------------------------------------------- the cycle

CycleResult SyncEngine::runCycle(const Progress& progress)
{
    CycleResult result;
    if (m_options.loadSession && m_options.saveSession)
        m_api->setSession(m_options.loadSession());
    if (!m_api->session().isValid()) {
        ApiFailure f;
        f.kind = ApiFailure::Kind::NeedsLogin;
        f.code = u"not_logged_in"_s;
        f.message = u"no device login"_s;
        result.failure = f;
        return result;
    }
    // Photos go up before the mutations that name them. When the server's quota of
    // unreferenced uploads is reached, the mutations go first (their photos then count as
    // referenced) and the remaining photos follow.
    auto uploaded = uploadBlobs(result, progress);
    const bool overQuota = uploaded && uploaded->code == u"blob_quota_exceeded"_s;
    if (uploaded && !overQuota) {
        result.failure = uploaded;
        return result;
    }
    // Over the quota, push() marks the photos of each batch it sends deferred.
    if (auto f = push(result, overQuota)) {
        result.failure = f;
        return result;
    }
    if (overQuota) {
        // The photos left are named by pushed mutations only now: 'deferred' keeps them
        // waiting for upload (across a restart too) although no unsent mutation names them.
        if (auto f = uploadBlobs(result, progress)) {
            result.failure = f;
            return result;
        }
    }
    if (auto f = pull(result)) {
        result.failure = f;
        return result;
    }
    // Pushing once more serves mutations made during the pull (and an outbox emptied by the
    // server only now); cheap when empty because push() sends nothing then.
    if (auto f = push(result)) {
        result.failure = f;
        return result;
    }
    // last_success is advisory (the sync bar, the next push's device report): its commit does
    // not wait for the disk (synchronous=NORMAL in WAL: a power cut may lose this one stamp,
    // never corrupt the file, and the next durable commit carries it), which keeps a no-op
    // cycle free of fsyncs.
    const auto stamped = m_ledger->setValueLazily(
        u"last_success"_s, core::formatTimestamp(QDateTime::currentDateTimeUtc()));
    if (!stamped) {
        result.failure = localFailure(stamped.error());
        return result;
    }
    result.ok = true;
    return result;
}

core::WalCheckpointer::Stats SyncEngine::walCheckpoints() const
{
    return m_ledger->walCheckpoints();
}

QStringList SyncEngine::pendingBlobIds()
{
    return sync::pendingBlobIds(*m_store);
}

namespace {

/// A photo whose mutation was pushed before it (the server's upload quota was reached).
bool isDeferredBlob(core::LocalStore& store, const QString& sha256)
{
    return Ledger(store).blobState(sha256) == u"deferred"_s;
}

} // namespace

QStringList pendingBlobIds(core::LocalStore& store)
{
    QStringList ids;
    auto rows = store.outbox();
    if (!rows)
        return ids;
    QSet<QString> seen;
    for (const auto& row : *rows)
        for (const auto& id : core::referencedBlobIds(row.args))
            if (!seen.contains(id)) {
                seen.insert(id);
                if (const auto st = attachmentSyncState(store, id);
                    st == AttachmentSyncState::Pending || st == AttachmentSyncState::Uploading)
                    ids << id;
            }
    // Photos whose mutations went first because the server's upload quota was reached (and
    // one such upload a crash interrupted).
    for (const QString& id : Ledger(store).blobsWaiting())
        if (!seen.contains(id) && store.blobs().contains(id)) {
            seen.insert(id);
            ids << id;
        }
    return ids;
}

core::Result<PendingCounts> pendingCounts(core::LocalStore& store)
{
    auto mutations = store.outboxCount();
    if (!mutations)
        return mutations.error();
    return PendingCounts { *mutations, static_cast<int>(pendingBlobIds(store).size()) };
}

UploadState uploadState(core::LocalStore& store, const QString& sha256)
{
    switch (attachmentSyncState(store, sha256)) {
    case AttachmentSyncState::Confirmed:
    case AttachmentSyncState::Missing: // on the server, not (yet) fetched here
        return UploadState::OnServer;
    case AttachmentSyncState::Uploading:
        return UploadState::Uploading;
    case AttachmentSyncState::Pending:
        break;
    }
    if (isDeferredBlob(store, sha256))
        return UploadState::Waiting;
    // Only a photo an unsent mutation carries waits for upload; one that came with a pulled
    // record is on the server already.
    const auto waiting = store.outboxNamesBlob(sha256);
    return waiting && *waiting ? UploadState::Waiting : UploadState::OnServer;
}

void SyncEngine::setBlobState(const QString& sha256, const QString& state)
{
    m_ledger->setBlobState(sha256, state);
}

std::optional<ApiFailure> SyncEngine::uploadBlobs(CycleResult& result, const Progress& progress)
{
    return uploadBlobs(pendingBlobIds(), result, progress);
}

std::optional<ApiFailure> SyncEngine::uploadBlobs(
    const QStringList& ids, CycleResult& result, const Progress& progress)
{
    qint64 total = 0;
    for (const auto& id : ids)
        total += QFileInfo(m_store->blobs().path(id)).size();
    qint64 doneBefore = 0;
    BlobUploader uploader(*m_api, m_options.blobChunk);
    for (const auto& id : ids) {
        const QString path = m_store->blobs().path(id);
        if (!QFileInfo::exists(path))
            continue; // not on this device (e.g. captured elsewhere): nothing to send
        const bool deferred = isDeferredBlob(*m_store, id);
        setBlobState(id, u"uploading"_s);
        const qint64 before = uploader.bytesSent();
        auto failure = uploader.upload(path, id, [&](qint64 confirmed, qint64) {
            if (progress)
                progress(doneBefore + confirmed, total, 0, 0);
        });
        result.bytesSent += uploader.bytesSent() - before;
        ++result.roundTrips;
        if (failure) {
            setBlobState(id, deferred ? u"deferred"_s : u"pending"_s);
            return failure;
        }
        setBlobState(id, u"confirmed"_s);
        doneBefore += QFileInfo(path).size();
        ++result.uploadedBlobs;
    }
    return std::nullopt;
}

QStringList SyncEngine::unsentBlobs(const QList<core::OutboxRow>& rows, int count)
{
    QStringList ids;
    QSet<QString> seen;
    for (int i = 0; i < count; ++i)
        for (const auto& id : core::referencedBlobIds(rows.at(i).args)) {
            if (seen.contains(id))
                continue;
            seen.insert(id);
            const auto state = attachmentSyncState(*m_store, id);
            if (state == AttachmentSyncState::Pending || state == AttachmentSyncState::Uploading)
                ids << id;
        }
    return ids;
}

std::optional<ApiFailure> SyncEngine::push(CycleResult& result, bool deferPhotos)
{
    for (int guard = 0; guard < 10000; ++guard) {
        auto rows = m_store->outbox();
        if (!rows)
            return localFailure(rows.error());
        if (rows->isEmpty())
            return std::nullopt;
        const int n = std::min<int>(static_cast<int>(rows->size()), m_options.pushBatch);
        // Mostly none: the cycle's uploads ran first. A mutation stored since then (while they
        // or the pull ran) may name photos they did not see.
        const QStringList unsent = unsentBlobs(*rows, n);
        if (deferPhotos) {
            for (const auto& id : unsent)
                if (!isDeferredBlob(*m_store, id))
                    setBlobState(id, u"deferred"_s);
        } else if (auto f = uploadBlobs(unsent, result, {})) {
            return f;
        }
        QJsonArray mutations;
        for (int i = 0; i < n; ++i) {
            const auto& r = rows->at(i);
            QJsonObject m { { u"id"_s, r.id }, { u"name"_s, r.name },
                { u"entity_id"_s, r.entityId }, { u"hlc"_s, r.hlc }, { u"args"_s, r.args } };
            if (!r.base.isEmpty())
                m.insert(u"base"_s, r.base);
            mutations.append(m);
        }
        const QJsonObject body { { u"client_id"_s, m_options.deviceId },
            { u"schema_version"_s, m_options.schemaVersion }, { u"mutations"_s, mutations },
            { u"device"_s, deviceStatus(static_cast<qint64>(rows->size())) } };
        auto reply = call(result, "POST", u"/api/v1/sync/push"_s, body);
        if (auto* f = std::get_if<ApiFailure>(&reply)) {
            if (f->kind == ApiFailure::Kind::MutationGap && !result.resyncedNumbering) {
                if (auto r = resyncNumbering(f->expected); !r)
                    return localFailure(r.error());
                result.resyncedNumbering = true;
                continue;
            }
            return *f;
        }
        const QJsonObject answer = std::get<ApiReply>(reply).body;
        qint64 lastId = answer.value(u"last_mutation_id"_s).toInteger();
        const qint64 sentLast = rows->at(n - 1).id;
        lastId = std::min(lastId, sentLast);
        if (auto r = m_ledger->begin(); !r)
            return localFailure(r.error());
        QHash<qint64, const core::OutboxRow*> byId;
        for (int i = 0; i < n; ++i)
            byId.insert(rows->at(i).id, &rows->at(i));
        for (const auto& item : answer.value(u"results"_s).toArray()) {
            const QJsonObject o = item.toObject();
            const qint64 id = o.value(u"id"_s).toInteger();
            if (o.value(u"status"_s).toString() != u"rejected"_s || !byId.contains(id))
                continue;
            const QJsonObject e = o.value(u"error"_s).toObject();
            m_ledger->recordRejected({ id, byId[id]->name, byId[id]->entityId,
                e.value(u"code"_s).toString(), e.value(u"message"_s).toString() });
            if (auto r = forgetRejected(*byId[id]); !r) {
                m_ledger->rollback();
                return localFailure(r.error());
            }
        }
        if (auto r = m_store->dropOutboxThrough(lastId); !r) {
            m_ledger->rollback();
            return localFailure(r.error());
        }
        if (auto r = m_ledger->commit(); !r)
            return localFailure(r.error());
        int acknowledged = 0;
        for (int i = 0; i < n; ++i)
            if (rows->at(i).id <= lastId)
                ++acknowledged;
        result.pushed += acknowledged;
        if (acknowledged == 0) {
            ApiFailure f;
            f.kind = ApiFailure::Kind::Refused;
            f.code = u"push_not_acknowledged"_s;
            f.message = u"the server acknowledged none of the pushed mutations"_s;
            return f;
        }
    }
    return std::nullopt;
}

core::Result<void> SyncEngine::forgetRejected(const core::OutboxRow& row)
{
    // A rejected mutation left no trace on the server, but the device applied it when the user
    // acted. Records it created (fresh ids made on this device) exist nowhere else: remove them,
    // so the device holds what the server holds. Records it changed (a hazard's status, an
    // edited field) are sent again by the server with the rejection and arrive in the pull.
    return m_store->forgetCreated(row.name, row.entityId);
}

core::Result<void> SyncEngine::resyncNumbering(qint64 expected)
{
    // The server has lost track of this device's numbering (e.g. its data was restored from a
    // backup): renumber the pending rows, in order, from `expected`, and move the counter on so
    // that new mutations follow them.
    return m_store->renumberOutbox(expected);
}

QJsonObject SyncEngine::deviceStatus(qint64 pendingMutations)
{
    QJsonObject device { { u"app_version"_s, m_options.appVersion },
        { u"pending_mutations"_s, pendingMutations }, { u"pending_blobs"_s, pendingBlobs() } };
    const QString last = m_ledger->value(u"last_success"_s);
    if (!last.isEmpty())
        device.insert(u"last_success"_s, last);
    QString error = m_ledger->value(u"pull_error"_s);
    if (!error.isEmpty()) {
        // Within what the server accepts (docs/api.md "Limits"), or the whole push would be
        // refused: no control characters, at most 500 characters.
        for (QChar& c : error)
            if (c.unicode() < 0x20 || (c.unicode() >= 0x7f && c.unicode() <= 0x9f))
                c = u' ';
        device.insert(u"last_error"_s, error.left(500));
        // The one error a device reports is a pull page it gave up on (pageFailed): the code
        // lets the supervisor's app word it in the supervisor's language.
        device.insert(u"last_error_code"_s, u"pull_stuck"_s);
    }
    return device;
}

std::optional<ApiFailure> SyncEngine::stuckPage(const QString& cursor)
{
    const QString error = m_ledger->value(u"pull_error"_s);
    if (error.isEmpty())
        return std::nullopt;
    const auto since = core::parseTimestamp(m_ledger->value(u"pull_error_at"_s));
    if (m_ledger->value(u"pull_failed_cursor"_s) != cursor
        || m_ledger->value(u"pull_error_version"_s) != m_options.appVersion || !since
        || since->secsTo(m_options.clock()) >= PageRetrySeconds) {
        // Another sync point (a reset), an updated app, or a day later (a cause that was not the
        // page's after all, e.g. a full disk): the page is worth another few tries.
        for (const auto& key : { u"pull_error"_s, u"pull_failed_cursor"_s, u"pull_failed_count"_s,
                 u"pull_error_version"_s, u"pull_error_at"_s })
            m_ledger->clear(key);
        return std::nullopt;
    }
    ApiFailure f;
    f.kind = ApiFailure::Kind::Refused;
    f.code = u"pull_stuck"_s;
    f.message = error;
    return f;
}

ApiFailure SyncEngine::pageFailed(
    CycleResult& result, const QString& cursor, const ApiFailure& failure)
{
    const int count = m_ledger->value(u"pull_failed_cursor"_s) == cursor
        ? m_ledger->value(u"pull_failed_count"_s).toInt() + 1
        : 1;
    static_cast<void>(m_ledger->setValue(u"pull_failed_cursor"_s, cursor));
    static_cast<void>(m_ledger->setValue(u"pull_failed_count"_s, QString::number(count)));
    if (count < MaxPageAttempts)
        return failure;
    // Asking for the same page again would fail the same way every cycle, for ever: give it up
    // until the app is updated, the server resets this device's sync point or a day has passed,
    // and say so.
    const QString error
        = u"the server's changes could not be applied %1 times (%2: %3); this device stops "
          u"asking for them until the app is updated or a day has passed"_s.arg(MaxPageAttempts)
              .arg(failure.code, failure.message.left(300));
    static_cast<void>(m_ledger->setValue(u"pull_error"_s, error));
    static_cast<void>(m_ledger->setValue(u"pull_error_version"_s, m_options.appVersion));
    static_cast<void>(
        m_ledger->setValue(u"pull_error_at"_s, core::formatTimestamp(m_options.clock())));
    reportPullError(result);
    ApiFailure f;
    f.kind = ApiFailure::Kind::Refused;
    f.code = u"pull_stuck"_s;
    f.message = error;
    return f;
}

void SyncEngine::reportPullError(CycleResult& result)
{
    const QString error = m_ledger->value(u"pull_error"_s);
    if (error.isEmpty() || m_ledger->value(u"pull_error_reported"_s) == error)
        return;
    auto pending = m_store->outboxCount();
    if (pending && *pending > 0)
        return; // the next push of the outbox carries it
    // An empty batch: the server applies nothing and records the device status.
    const QJsonObject body { { u"client_id"_s, m_options.deviceId },
        { u"schema_version"_s, m_options.schemaVersion }, { u"mutations"_s, QJsonArray {} },
        { u"device"_s, deviceStatus(0) } };
    if (std::holds_alternative<ApiReply>(call(result, "POST", u"/api/v1/sync/push"_s, body)))
        static_cast<void>(m_ledger->setValue(u"pull_error_reported"_s, error));
}

std::optional<ApiFailure> SyncEngine::pull(CycleResult& result)
{
    bool wrote = false; // a pulled record was written: pending local edits go on top again
    bool fresh = false;
    // The next page, asked for before this one is applied: the server builds page n + 1 while
    // the device writes page n (a first sync of many pages takes about the longer of the two
    // instead of their sum). Dropped unread if applying fails.
    std::optional<std::pair<QString, ApiClient::Pending>> ahead;
    for (int guard = 0; guard < 100000; ++guard) {
        const QString cursor = m_ledger->value(u"cursor"_s);
        if (cursor.isEmpty())
            fresh = true; // every page of a first sync (or of a reset) asks for the large size
        const int limit = fresh ? std::max(m_options.pullLimit, m_options.firstSyncPullLimit)
                                : m_options.pullLimit;
        auto pathOf = [limit](const QString& from) {
            QString path = u"/api/v1/sync/pull?limit=%1"_s.arg(limit);
            if (!from.isEmpty())
                path += u"&cursor="_s + QString::fromLatin1(QUrl::toPercentEncoding(from));
            return path;
        };
        if (auto stuck = stuckPage(cursor)) {
            reportPullError(result);
            return stuck;
        }
        const QString path = pathOf(cursor);
        auto reply = finishCall(result,
            ahead && ahead->first == path ? std::move(ahead->second) : startPull(result, path));
        ahead.reset();
        if (auto* f = std::get_if<ApiFailure>(&reply))
            return f->code == u"malformed_response"_s ? pageFailed(result, cursor, *f) : *f;
        auto read = readPage(std::get<ApiReply>(reply));
        if (auto* f = std::get_if<ApiFailure>(&read))
            return f->code == u"malformed_response"_s ? pageFailed(result, cursor, *f) : *f;
        const PulledPage& page = std::get<PulledPage>(read);
        if (!page.resets.isEmpty()) {
            // Fetch afresh: push first (never discard the outbox), then restart from no cursor.
            if (auto f = push(result))
                return f;
            // `sync_state` values are NOT NULL: a null QString binds as NULL and was refused.
            m_ledger->clear(u"cursor"_s);
            if (guard > 0 && cursor.isEmpty())
                return std::nullopt; // a reset answering a fresh fetch: do not loop
            continue;
        }
        const bool more = page.hasMore;
        if (more) {
            const QString next = pathOf(page.cursor);
            ahead.emplace(next, startPull(result, next));
        }
        if (auto r = applyPage(page, cursor, wrote); !r)
            return pageFailed(result, cursor, localFailure(r.error()));
        if (!m_ledger->value(u"pull_failed_count"_s).isEmpty()) {
            m_ledger->clear(u"pull_failed_cursor"_s);
            m_ledger->clear(u"pull_failed_count"_s);
        }
        result.pulled += static_cast<int>(page.changes.size());
        if (!more)
            break;
    }
    if (wrote)
        if (auto r = reapplyPending(); !r)
            return localFailure(r.error());
    return std::nullopt;
}

core::Result<void> SyncEngine::applyPage(
    const PulledPage& page, const QString& storedCursor, bool& wrote)
{
    return PageApplier(*m_store, *m_ledger).apply(page, storedCursor, wrote);
}

ApiClient::Pending SyncEngine::startPull(CycleResult& result, const QString& path)
{
    ++result.roundTrips;
    // Request line, Host, Authorization: ~ the fixed part of a request.
    result.bytesSent += path.size() + 120 + m_api->session().accessToken.size();
    HttpRequest request = HttpRequest::get(path, std::chrono::seconds(60));
    request.parseJson = false;
    return m_api->start(std::move(request));
}

std::variant<PulledPage, ApiFailure> SyncEngine::readPage(const ApiReply& reply)
{
    auto page = readPullPage(reply.raw);
    if (page)
        return std::move(page.value());
    ApiFailure f;
    // An answer whose size matched its declared length arrived whole; any other (a compressed
    // answer Qt inflated, no declared length) may have been cut on the way, as the transport
    // judges JSON it parses itself.
    const bool whole
        = reply.header("Content-Encoding").isEmpty() && !reply.header("Content-Length").isEmpty();
    if (!whole && page.error().code == QString::fromUtf16(PageCutCode)) {
        f.kind = ApiFailure::Kind::Network;
        f.message = u"the connection broke while the server was answering"_s;
        return f;
    }
    f.kind = ApiFailure::Kind::Refused;
    f.status = reply.status;
    f.code = u"malformed_response"_s;
    f.message
        = u"the server's answer is JSON this app cannot read (%1)"_s.arg(page.error().message);
    return f;
}

core::Result<void> SyncEngine::reapplyPending()
{
    // Pulled rows replaced the device's copies; the user must still see their own unsynced
    // edits, so replay every pending mutation on top, against the versions now stored (so the
    // replay is a plain apply, not a second conflict). Refusals here are not errors: the server
    // will judge the mutation when it is pushed.
    return m_store->reapplyOutbox(actor(), m_options.clock());
}

// ---------------------------------------------------------------- what the UI reads

RecordSyncState recordSyncState(core::LocalStore& store, const QString& recordId)
{
    if (Ledger(store).hasOpenConflict(recordId))
        return RecordSyncState::Conflict;
    // Pending while an unsent mutation changes the record.
    if (const auto pending = store.outboxChanges(recordId); pending && *pending)
        return RecordSyncState::Pending;
    return RecordSyncState::Synced;
}

AttachmentSyncState attachmentSyncState(core::LocalStore& store, const QString& sha256)
{
    const QString s = Ledger(store).blobState(sha256);
    if (s == u"confirmed"_s)
        return AttachmentSyncState::Confirmed;
    if (s == u"uploading"_s)
        return AttachmentSyncState::Uploading;
    return store.blobs().contains(sha256) ? AttachmentSyncState::Pending
                                          : AttachmentSyncState::Missing;
}

RecordSyncState SyncEngine::recordState(const QString& recordId)
{
    return recordSyncState(*m_store, recordId);
}

AttachmentSyncState SyncEngine::attachmentState(const QString& sha256)
{
    return attachmentSyncState(*m_store, sha256);
}

QList<ConflictView> SyncEngine::conflicts(const QString& recordId)
{
    return m_ledger->openConflicts(recordId);
}

core::Result<core::MutationOutcome> SyncEngine::resolveConflict(
    const QString& conflictId, const QString& mutationName, const QJsonObject& args)
{
    const std::optional<QString> recordId = m_ledger->conflictRecord(conflictId);
    if (!recordId)
        return core::makeError(u"not_found"_s, u"no conflict %1 on this device"_s.arg(conflictId));
    auto outcome = m_store->perform(actor(), mutationName, *recordId, args);
    if (!outcome)
        return outcome.error();
    if (auto r = m_ledger->markResolved(conflictId); !r)
        return r.error();
    return outcome;
}

QList<RejectedMutation> SyncEngine::rejectedMutations()
{
    return m_ledger->rejected();
}

int SyncEngine::pendingMutations()
{
    const auto count = m_store->outboxCount();
    return count ? *count : 0;
}

int SyncEngine::pendingBlobs()
{
    return static_cast<int>(pendingBlobIds().size());
}

QString SyncEngine::cursor()
{
    return m_ledger->value(u"cursor"_s);
}

QDateTime SyncEngine::lastSuccess()
{
    return QDateTime::fromString(m_ledger->value(u"last_success"_s), Qt::ISODateWithMs);
}

core::Result<QString> SyncEngine::fetchAttachment(const QString& sha256)
{
    auto& blobs = m_store->blobs();
    if (sha256.size() != 64)
        return core::makeError(u"bad_attachment_id"_s, u"an attachment id is a SHA-256"_s);
    auto touch = [this, &sha256](bool downloaded, qint64 size) {
        m_ledger->touchBlob(sha256, downloaded, size);
    };
    if (blobs.contains(sha256)) {
        touch(false, QFileInfo(blobs.path(sha256)).size());
        return blobs.path(sha256);
    }
    HttpRequest head;
    head.method = "HEAD";
    head.path = u"/api/v1/blobs/"_s + sha256;
    auto sized = m_api->callRaw(head);
    if (auto* f = std::get_if<ApiFailure>(&sized))
        return core::makeError(f->code.isEmpty() ? u"download_failed"_s : f->code, f->message);
    const qint64 length = std::get<ApiReply>(sized).header("Content-Length").toLongLong();
    if (length > m_options.maxDownloadBytes)
        return core::makeError(u"attachment_too_large"_s,
            u"the attachment is %1 bytes, above the download limit of %2"_s.arg(length).arg(
                m_options.maxDownloadBytes));
    auto reply = m_api->callRaw(HttpRequest::get(u"/api/v1/blobs/"_s + sha256));
    if (auto* f = std::get_if<ApiFailure>(&reply))
        return core::makeError(f->code.isEmpty() ? u"download_failed"_s : f->code, f->message);
    const QByteArray bytes = std::get<ApiReply>(reply).raw;
    if (bytes.size() > m_options.maxDownloadBytes)
        return core::makeError(u"attachment_too_large"_s, u"the attachment is above the limit"_s);
    if (core::BlobStore::sha256Hex(bytes) != sha256)
        return core::makeError(u"hash_mismatch"_s, u"the downloaded attachment is damaged"_s);
    if (auto r = blobs.put(bytes); !r)
        return r.error();
    touch(true, bytes.size());
    // Trim the download cache: oldest downloaded copies first, never this one and never a blob
    // that pending mutations still need.
    qint64 used = 0;
    QStringList evict;
    for (const auto& [id, size] : m_ledger->downloadedBlobs()) {
        used += size;
        if (used > m_options.cacheLimitBytes && id != sha256)
            evict << id;
    }
    const QStringList needed = pendingBlobIds();
    for (const auto& id : evict) {
        if (needed.contains(id))
            continue;
        QFile::remove(blobs.path(id));
        m_ledger->forgetBlob(id);
    }
    return blobs.path(sha256);
}

} // namespace safeloop::sync
