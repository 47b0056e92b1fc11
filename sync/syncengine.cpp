#include "syncengine.h"

#include "pagetext.h"

#include "blobuploader.h"
#include "hlc.h"

#include "core/database.h"
#include "core/domain.h"
#include "core/entities.h"
#include "core/uuid.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace safeloop::sync {

using core::compact;
using core::sqlError;

namespace {

QString compactValue(const QJsonValue& v)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray { v }).toJson(QJsonDocument::Compact));
}

QJsonValue parseValue(const QString& text)
{
    if (text.isEmpty())
        return {};
    const QJsonArray a = QJsonDocument::fromJson(text.toUtf8()).array();
    return a.isEmpty() ? QJsonValue() : a.first();
}

ApiFailure localFailure(const core::Error& e)
{
    ApiFailure f;
    f.kind = ApiFailure::Kind::Refused;
    f.code = e.code;
    f.message = e.message;
    return f;
}

/// The hlc a pulled record carries (newest over its fields), if any.
QString newestHlc(const QJsonObject& fields)
{
    QString best = fields.value(u"hlc"_s).toString();
    const QJsonObject hlcs = fields.value(u"hlcs"_s).toObject();
    for (auto it = hlcs.begin(); it != hlcs.end(); ++it)
        if (it.value().toString() > best)
            best = it.value().toString();
    return best;
}

/// A page's changes with parents before the records that reference them (a hazard before its
/// events, an inspection before its answers) and removals last, children first. The server
/// ships each record once per page at its latest change, so a hazard updated after its order
/// event was logged comes after that event; applied in page order, the event's foreign key
/// would fail and the page could never be applied.
/// Returns the positions of the changes in that order (each change's rank computed once).
QList<qsizetype> parentsFirst(const QList<QJsonObject>& changes)
{
    static const QStringList rank { u"enterprise"_s, u"user"_s, u"template"_s, u"plan"_s,
        u"inspection"_s, u"hazard"_s, u"answer"_s, u"rectification_event"_s, u"comment"_s,
        u"attachment"_s, u"conflict"_s, u"device"_s };
    QList<std::pair<qsizetype, qsizetype>> keyed; // (rank key, position)
    keyed.reserve(changes.size());
    for (qsizetype i = 0; i < changes.size(); ++i) {
        const QJsonObject& c = changes.at(i);
        qsizetype r = rank.indexOf(c.value(u"entity"_s).toString());
        if (r < 0)
            r = rank.size();
        keyed.append({ c.value(u"op"_s).toString() == u"remove"_s ? 2 * rank.size() - r : r, i });
    }
    std::stable_sort(
        keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    QList<qsizetype> order;
    order.reserve(keyed.size());
    for (const auto& k : std::as_const(keyed))
        order.append(k.second);
    return order;
}

} // namespace

SyncEngine::SyncEngine(Options options, std::unique_ptr<core::LocalStore> store)
    : m_options(std::move(options))
    , m_store(std::move(store))
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
    auto store = core::LocalStore::open(so);
    if (!store)
        return store.error();
    std::unique_ptr<SyncEngine> engine(
        new SyncEngine(std::move(options), std::move(store.value())));
    if (auto m = engine->migrate(); !m)
        return m.error();
    SyncEngine* raw = engine.get();
    if (engine->m_options.loadSession && engine->m_options.saveSession) {
        engine->m_api->setSession(engine->m_options.loadSession());
        engine->m_api->setSessionSink(
            [raw](const Session& session) { raw->m_options.saveSession(session); });
        return engine;
    }
    // Restore the device login.
    const QJsonObject s
        = QJsonDocument::fromJson(engine->stateValue(u"session"_s).toUtf8()).object();
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

core::Result<void> SyncEngine::migrate()
{
    // The sync tables sit beside core's schema and are created idempotently after core's
    // migrations, so they never collide with core's user_version numbering.
    const QStringList statements {
        u"CREATE TABLE IF NOT EXISTS sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s,
        u"CREATE TABLE IF NOT EXISTS sync_blobs (sha256 TEXT PRIMARY KEY, state TEXT NOT NULL, "
        u"downloaded INTEGER NOT NULL DEFAULT 0, size BIGINT NOT NULL DEFAULT 0, "
        u"last_used TEXT)"_s,
        u"CREATE TABLE IF NOT EXISTS sync_rejected (id BIGINT PRIMARY KEY, name TEXT NOT NULL, "
        u"entity_id TEXT NOT NULL, code TEXT, message TEXT, at TEXT NOT NULL)"_s,
        u"CREATE TABLE IF NOT EXISTS sync_conflicts_resolved (id TEXT PRIMARY KEY)"_s,
        u"CREATE TABLE IF NOT EXISTS sync_devices (id TEXT PRIMARY KEY, doc TEXT NOT NULL)"_s,
        u"CREATE TABLE IF NOT EXISTS sync_orphans (id TEXT PRIMARY KEY, parent TEXT NOT NULL, "
        u"change TEXT NOT NULL)"_s,
    };
    for (const auto& sql : statements) {
        QSqlQuery q(m_store->database());
        if (!q.exec(sql))
            return sqlError(q);
    }
    return {};
}

QString SyncEngine::stateValue(const QString& key)
{
    QSqlQuery q(m_store->database());
    q.prepare(u"SELECT value FROM sync_state WHERE key = ?"_s);
    q.addBindValue(key);
    return q.exec() && q.next() ? q.value(0).toString() : QString();
}

core::Result<void> SyncEngine::setState(const QString& key, const QString& value)
{
    QSqlQuery q(m_store->database());
    q.prepare(u"INSERT INTO sync_state (key, value) VALUES (?, ?) "
              u"ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s);
    q.addBindValue(key);
    q.addBindValue(value);
    if (!q.exec())
        return sqlError(q);
    return {};
}

namespace {

/// Forgets a `sync_state` entry (its values are NOT NULL: an empty value is no entry).
void clearState(core::LocalStore& store, const QString& key)
{
    QSqlQuery q(store.database());
    q.prepare(u"DELETE FROM sync_state WHERE key = ?"_s);
    q.addBindValue(key);
    q.exec();
}

} // namespace

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
    if (auto r = setState(u"session"_s, s.isEmpty() ? QString() : compact(s)); !r)
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
    if (overQuota)
        for (const auto& id : pendingBlobIds())
            setBlobState(id, u"deferred"_s);
    if (auto f = push(result)) {
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
    QSqlQuery relax(m_store->database());
    relax.exec(u"PRAGMA synchronous=NORMAL"_s);
    const auto stamped
        = setState(u"last_success"_s, core::formatTimestamp(QDateTime::currentDateTimeUtc()));
    relax.exec(u"PRAGMA synchronous=FULL"_s);
    if (!stamped) {
        result.failure = localFailure(stamped.error());
        return result;
    }
    result.ok = true;
    return result;
}

QStringList SyncEngine::pendingBlobIds()
{
    return sync::pendingBlobIds(*m_store);
}

namespace {

/// A photo whose mutation was pushed before it (the server's upload quota was reached).
bool isDeferredBlob(core::LocalStore& store, const QString& sha256)
{
    QSqlQuery q(store.database());
    q.prepare(u"SELECT 1 FROM sync_blobs WHERE sha256 = ? AND state = 'deferred'"_s);
    q.addBindValue(sha256);
    return q.exec() && q.next();
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
    QSqlQuery q(store.database());
    if (q.exec(u"SELECT sha256 FROM sync_blobs WHERE state IN ('deferred', 'uploading') "
               u"ORDER BY sha256"_s))
        while (q.next()) {
            const QString id = q.value(0).toString();
            if (!seen.contains(id) && store.blobs().contains(id)) {
                seen.insert(id);
                ids << id;
            }
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
    QSqlQuery q(m_store->database());
    q.prepare(u"INSERT INTO sync_blobs (sha256, state) VALUES (?, ?) "
              u"ON CONFLICT (sha256) DO UPDATE SET state = excluded.state"_s);
    q.addBindValue(sha256);
    q.addBindValue(state);
    q.exec();
}

std::optional<ApiFailure> SyncEngine::uploadBlobs(CycleResult& result, const Progress& progress)
{
    const QStringList ids = pendingBlobIds();
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

std::optional<ApiFailure> SyncEngine::push(CycleResult& result)
{
    for (int guard = 0; guard < 10000; ++guard) {
        auto rows = m_store->outbox();
        if (!rows)
            return localFailure(rows.error());
        if (rows->isEmpty())
            return std::nullopt;
        QJsonArray mutations;
        const int n = std::min<int>(static_cast<int>(rows->size()), m_options.pushBatch);
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
        auto& db = m_store->database();
        if (!db.transaction())
            return localFailure(core::makeError(u"sql_error"_s, db.lastError().text()));
        QHash<qint64, const core::OutboxRow*> byId;
        for (int i = 0; i < n; ++i)
            byId.insert(rows->at(i).id, &rows->at(i));
        for (const auto& item : answer.value(u"results"_s).toArray()) {
            const QJsonObject o = item.toObject();
            const qint64 id = o.value(u"id"_s).toInteger();
            if (o.value(u"status"_s).toString() != u"rejected"_s || !byId.contains(id))
                continue;
            const QJsonObject e = o.value(u"error"_s).toObject();
            QSqlQuery q(db);
            q.prepare(u"INSERT OR REPLACE INTO sync_rejected (id, name, entity_id, code, "
                      u"message, at) VALUES (?, ?, ?, ?, ?, ?)"_s);
            q.addBindValue(id);
            q.addBindValue(byId[id]->name);
            q.addBindValue(byId[id]->entityId);
            q.addBindValue(e.value(u"code"_s).toString());
            q.addBindValue(e.value(u"message"_s).toString());
            q.addBindValue(core::formatTimestamp(QDateTime::currentDateTimeUtc()));
            q.exec();
            if (auto r = forgetRejected(*byId[id]); !r) {
                db.rollback();
                return localFailure(r.error());
            }
        }
        if (auto r = m_store->dropOutboxThrough(lastId); !r) {
            db.rollback();
            return localFailure(r.error());
        }
        if (!db.commit())
            return localFailure(core::makeError(u"sql_error"_s, db.lastError().text()));
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

core::Result<void> SyncEngine::observeHlc(const QString& hlc)
{
    // Core stamps local mutations from its clock; folding every received HLC into it keeps the
    // device's clock ahead of everything it has seen.
    return m_store->observeHlc(hlc);
}

QJsonObject SyncEngine::deviceStatus(qint64 pendingMutations)
{
    QJsonObject device { { u"app_version"_s, m_options.appVersion },
        { u"pending_mutations"_s, pendingMutations }, { u"pending_blobs"_s, pendingBlobs() } };
    const QString last = stateValue(u"last_success"_s);
    if (!last.isEmpty())
        device.insert(u"last_success"_s, last);
    QString error = stateValue(u"pull_error"_s);
    if (!error.isEmpty()) {
        // Within what the server accepts (docs/api.md "Limits"), or the whole push would be
        // refused: no control characters, at most 500 characters.
        for (QChar& c : error)
            if (c.unicode() < 0x20 || (c.unicode() >= 0x7f && c.unicode() <= 0x9f))
                c = u' ';
        device.insert(u"last_error"_s, error.left(500));
    }
    return device;
}

std::optional<ApiFailure> SyncEngine::stuckPage(const QString& cursor)
{
    const QString error = stateValue(u"pull_error"_s);
    if (error.isEmpty())
        return std::nullopt;
    const auto since = core::parseTimestamp(stateValue(u"pull_error_at"_s));
    if (stateValue(u"pull_failed_cursor"_s) != cursor
        || stateValue(u"pull_error_version"_s) != m_options.appVersion || !since
        || since->secsTo(m_options.clock()) >= PageRetrySeconds) {
        // Another sync point (a reset), an updated app, or a day later (a cause that was not the
        // page's after all, e.g. a full disk): the page is worth another few tries.
        for (const auto& key : { u"pull_error"_s, u"pull_failed_cursor"_s, u"pull_failed_count"_s,
                 u"pull_error_version"_s, u"pull_error_at"_s })
            clearState(*m_store, key);
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
    const int count = stateValue(u"pull_failed_cursor"_s) == cursor
        ? stateValue(u"pull_failed_count"_s).toInt() + 1
        : 1;
    static_cast<void>(setState(u"pull_failed_cursor"_s, cursor));
    static_cast<void>(setState(u"pull_failed_count"_s, QString::number(count)));
    if (count < MaxPageAttempts)
        return failure;
    // Asking for the same page again would fail the same way every cycle, for ever: give it up
    // until the app is updated, the server resets this device's sync point or a day has passed,
    // and say so.
    const QString error
        = u"the server's changes could not be applied %1 times (%2: %3); this device stops "
          u"asking for them until the app is updated or a day has passed"_s.arg(MaxPageAttempts)
              .arg(failure.code, failure.message.left(300));
    static_cast<void>(setState(u"pull_error"_s, error));
    static_cast<void>(setState(u"pull_error_version"_s, m_options.appVersion));
    static_cast<void>(setState(u"pull_error_at"_s, core::formatTimestamp(m_options.clock())));
    reportPullError(result);
    ApiFailure f;
    f.kind = ApiFailure::Kind::Refused;
    f.code = u"pull_stuck"_s;
    f.message = error;
    return f;
}

void SyncEngine::reportPullError(CycleResult& result)
{
    const QString error = stateValue(u"pull_error"_s);
    if (error.isEmpty() || stateValue(u"pull_error_reported"_s) == error)
        return;
    auto pending = m_store->outboxCount();
    if (pending && *pending > 0)
        return; // the next push of the outbox carries it
    // An empty batch: the server applies nothing and records the device status.
    const QJsonObject body { { u"client_id"_s, m_options.deviceId },
        { u"schema_version"_s, m_options.schemaVersion }, { u"mutations"_s, QJsonArray {} },
        { u"device"_s, deviceStatus(0) } };
    if (std::holds_alternative<ApiReply>(call(result, "POST", u"/api/v1/sync/push"_s, body)))
        static_cast<void>(setState(u"pull_error_reported"_s, error));
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
        const QString cursor = stateValue(u"cursor"_s);
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
        auto reply = ahead && ahead->first == path ? finishCall(result, std::move(ahead->second))
                                                   : call(result, "GET", path);
        ahead.reset();
        if (auto* f = std::get_if<ApiFailure>(&reply))
            return f->code == u"malformed_response"_s ? pageFailed(result, cursor, *f) : *f;
        const QJsonObject page = std::get<ApiReply>(reply).body;
        if (!page.value(u"cursor"_s).isString() || !page.value(u"changes"_s).isArray()) {
            ApiFailure f;
            f.kind = ApiFailure::Kind::Network;
            f.code = u"bad_response"_s;
            f.message = u"the server's answer to a pull arrived incomplete"_s;
            return pageFailed(result, cursor, f);
        }
        if (!page.value(u"resets"_s).toArray().isEmpty()) {
            // Fetch afresh: push first (never discard the outbox), then restart from no cursor.
            if (auto f = push(result))
                return f;
            // `sync_state` values are NOT NULL: a null QString binds as NULL and was refused.
            clearState(*m_store, u"cursor"_s);
            if (guard > 0 && cursor.isEmpty())
                return std::nullopt; // a reset answering a fresh fetch: do not loop
            continue;
        }
        const bool more = page.value(u"has_more"_s).toBool();
        if (more) {
            const QString next = pathOf(page.value(u"cursor"_s).toString());
            ahead.emplace(next, startCall(result, "GET", next));
        }
        if (auto r = applyPage(page, std::get<ApiReply>(reply).raw, cursor, wrote); !r)
            return pageFailed(result, cursor, localFailure(r.error()));
        if (!stateValue(u"pull_failed_count"_s).isEmpty()) {
            clearState(*m_store, u"pull_failed_cursor"_s);
            clearState(*m_store, u"pull_failed_count"_s);
        }
        result.pulled += static_cast<int>(page.value(u"changes"_s).toArray().size());
        if (!more)
            break;
    }
    if (wrote)
        if (auto r = reapplyPending(); !r)
            return localFailure(r.error());
    return std::nullopt;
}

core::Result<void> SyncEngine::applyPage(
    const QJsonObject& page, const QByteArray& pageText, const QString& storedCursor, bool& wrote)
{
    const QJsonArray changeArray = page.value(u"changes"_s).toArray();
    QList<QJsonObject> changes;
    changes.reserve(changeArray.size());
    for (const auto& v : changeArray)
        changes.append(v.toObject());
    const QString nextCursor = page.value(u"cursor"_s).toString();
    // Nothing new and the cursor where it was (the no-op cycle): no write, so no commit to sync.
    if (changes.isEmpty() && nextCursor == storedCursor)
        return {};
    auto& db = m_store->database();
    if (!db.transaction())
        return core::makeError(u"sql_error"_s, db.lastError().text());
    auto fail = [&db](core::Error e) -> core::Result<void> {
        db.rollback();
        return e;
    };
    // The change log orders records by their latest change, so a rectification event or an
    // answer can arrive before its hazard or inspection (the parent changed later). Within a
    // page the foreign keys are checked at commit; a child whose parent is neither on the
    // device nor in this page waits in sync_orphans until a later page brings the parent.
    QSqlQuery defer(db);
    defer.exec(u"PRAGMA defer_foreign_keys = ON"_s);
    // The hazards and inspections this page brings (the parents a child may wait for).
    QSet<QString> parentsInPage;
    for (const auto& c : std::as_const(changes)) {
        const QString entity = c.value(u"entity"_s).toString();
        if (entity == u"hazard"_s || entity == u"inspection"_s)
            parentsInPage.insert(c.value(u"id"_s).toString());
    }
    // The text of each change's fields and versions as it arrived, bound as the record's doc and
    // versions instead of serialising the parsed objects again (when the text lines up with the
    // parsed changes; otherwise every record is serialised as before).
    std::optional<QList<ChangeText>> texts = changeTexts(pageText);
    if (texts && texts->size() != changes.size())
        texts.reset();
    // The record a child cannot be stored before (core's entity table: an answer's inspection,
    // an event's hazard), as (entity, id); empty for the rest.
    auto parentOf
        = [](const QString& entity, const QJsonObject& fields) -> QPair<QString, QString> {
        const core::EntityInfo* info = core::entityInfo(entity);
        if (!info || !info->foreignKey)
            return {};
        return { info->parent, fields.value(info->parentField).toString() };
    };
    // One prepared statement per entity for the whole page (the first sync is all puts), and one
    // lookup per parent entity.
    const std::unique_ptr<core::RecordWriter> writer = m_store->recordWriter();
    QString newest;
    for (const qsizetype position : parentsFirst(changes)) {
        const QJsonObject& c = changes.at(position);
        const QString entity = c.value(u"entity"_s).toString();
        const QString id = c.value(u"id"_s).toString();
        const bool remove = c.value(u"op"_s).toString() == u"remove"_s;
        const QJsonObject fields = c.value(u"fields"_s).toObject();
        wrote = true;
        const QString h = newestHlc(fields);
        if (h > newest)
            newest = h;
        if (entity == u"conflict"_s) {
            QSqlQuery q(db);
            if (remove) {
                q.prepare(u"DELETE FROM conflicts WHERE id = ?"_s);
                q.addBindValue(id);
            } else {
                q.prepare(u"INSERT OR REPLACE INTO conflicts (id, entity, record_id, field, "
                          u"user_id, kept_value, lost_value, kept_hlc, lost_hlc, reason, "
                          u"created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
                q.addBindValue(id);
                q.addBindValue(fields.value(u"entity"_s).toString());
                q.addBindValue(fields.value(u"record_id"_s).toString());
                q.addBindValue(fields.value(u"field"_s).toString());
                q.addBindValue(fields.value(u"user_id"_s).toString());
                q.addBindValue(compactValue(fields.value(u"kept_value"_s)));
                q.addBindValue(compactValue(fields.value(u"lost_value"_s)));
                q.addBindValue(fields.value(u"kept_hlc"_s).toString());
                q.addBindValue(fields.value(u"lost_hlc"_s).toString());
                q.addBindValue(fields.value(u"reason"_s).toString(u"concurrent_edit"_s));
                q.addBindValue(fields.value(u"created_at"_s).toString());
            }
            if (!q.exec())
                return fail(sqlError(q));
            continue;
        }
        if (entity == u"device"_s) {
            QSqlQuery q(db);
            if (remove) {
                q.prepare(u"DELETE FROM sync_devices WHERE id = ?"_s);
                q.addBindValue(id);
            } else {
                q.prepare(u"INSERT OR REPLACE INTO sync_devices (id, doc) VALUES (?, ?)"_s);
                q.addBindValue(id);
                q.addBindValue(compact(fields));
            }
            if (!q.exec())
                return fail(sqlError(q));
            continue;
        }
        const QString table = core::tableOf(entity);
        if (table.isEmpty())
            continue; // an entity this app version does not know: skip, never fail the page
        if (remove) {
            // Out of scope (or deleted for good): the device no longer holds it, nor the rows
            // that hang on it (a hazard's events, an inspection's answers). Their own removes
            // may come in a later page or never (a soft delete sends one for the record only);
            // left behind they would fail the page's deferred foreign keys at commit, every
            // cycle again. A child still held back for this parent goes too.
            if (auto r = writer->remove(entity, id); !r)
                return fail(r.error());
            QSqlQuery q(db);
            q.prepare(u"DELETE FROM sync_orphans WHERE id = ? OR parent = ?"_s);
            q.addBindValue(id);
            q.addBindValue(id);
            if (!q.exec())
                return fail(sqlError(q));
            continue;
        }
        if (const auto [parentEntity, parentId] = parentOf(entity, fields); !parentEntity.isEmpty()
            && !parentsInPage.contains(parentId) && !writer->holds(parentEntity, parentId)) {
            QSqlQuery q(db);
            q.prepare(
                u"INSERT OR REPLACE INTO sync_orphans (id, parent, change) VALUES (?, ?, ?)"_s);
            q.addBindValue(id);
            q.addBindValue(parentId);
            q.addBindValue(compact(c));
            if (!q.exec())
                return fail(sqlError(q));
            continue;
        }
        core::StoredRecord record { entity, id, fields, c.value(u"versions"_s).toObject(),
            fields.value(u"deleted"_s).toBool() };
        if (texts) {
            const ChangeText& text = texts->at(position);
            if (auto r = writer->store(record, text.fields, text.versions); !r)
                return fail(r.error());
        } else if (auto r = writer->store(record); !r) {
            return fail(r.error());
        }
    }
    // Children held back earlier whose parent has arrived now.
    {
        QSqlQuery held(db);
        if (!held.exec(u"SELECT id, change FROM sync_orphans"_s))
            return fail(sqlError(held));
        QStringList adopted;
        while (held.next()) {
            const QJsonObject c
                = QJsonDocument::fromJson(held.value(1).toString().toUtf8()).object();
            const QString entity = c.value(u"entity"_s).toString();
            const QJsonObject fields = c.value(u"fields"_s).toObject();
            const auto [parentEntity, parentId] = parentOf(entity, fields);
            if (!writer->holds(parentEntity, parentId))
                continue;
            core::StoredRecord record { entity, held.value(0).toString(), fields,
                c.value(u"versions"_s).toObject(), fields.value(u"deleted"_s).toBool() };
            if (auto r = writer->store(record); !r)
                return fail(r.error());
            adopted << record.id;
            wrote = true;
        }
        for (const auto& id : adopted) {
            QSqlQuery d(db);
            d.prepare(u"DELETE FROM sync_orphans WHERE id = ?"_s);
            d.addBindValue(id);
            if (!d.exec())
                return fail(sqlError(d));
        }
    }
    if (!newest.isEmpty())
        if (auto r = observeHlc(newest); !r)
            return fail(r.error());
    if (auto r = setState(u"cursor"_s, nextCursor); !r)
        return fail(r.error());
    if (!db.commit())
        return fail(core::makeError(u"sql_error"_s, db.lastError().text()));
    return {};
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
    auto& db = store.database();
    QSqlQuery q(db);
    q.prepare(u"SELECT 1 FROM conflicts c WHERE c.record_id = ? AND NOT EXISTS "
              u"(SELECT 1 FROM sync_conflicts_resolved r WHERE r.id = c.id) LIMIT 1"_s);
    q.addBindValue(recordId);
    if (q.exec() && q.next())
        return RecordSyncState::Conflict;
    // Pending while an unsent mutation changes the record.
    if (const auto pending = store.outboxChanges(recordId); pending && *pending)
        return RecordSyncState::Pending;
    return RecordSyncState::Synced;
}

AttachmentSyncState attachmentSyncState(core::LocalStore& store, const QString& sha256)
{
    QSqlQuery q(store.database());
    q.prepare(u"SELECT state FROM sync_blobs WHERE sha256 = ?"_s);
    q.addBindValue(sha256);
    if (q.exec() && q.next()) {
        const QString s = q.value(0).toString();
        if (s == u"confirmed"_s)
            return AttachmentSyncState::Confirmed;
        if (s == u"uploading"_s)
            return AttachmentSyncState::Uploading;
    }
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
    QList<ConflictView> list;
    QSqlQuery q(m_store->database());
    q.prepare(u"SELECT id, entity, record_id, field, user_id, kept_value, lost_value, reason, "
              u"created_at FROM conflicts c WHERE (? = '' OR record_id = ?) AND NOT EXISTS "
              u"(SELECT 1 FROM sync_conflicts_resolved r WHERE r.id = c.id) "
              u"ORDER BY created_at, id"_s);
    q.addBindValue(recordId.isNull() ? QString(u""_s) : recordId);
    q.addBindValue(recordId.isNull() ? QString(u""_s) : recordId);
    if (!q.exec())
        return list;
    while (q.next())
        list.append({ q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
            q.value(3).toString(), q.value(4).toString(), parseValue(q.value(5).toString()),
            parseValue(q.value(6).toString()), q.value(7).toString(), q.value(8).toString() });
    return list;
}

core::Result<core::MutationOutcome> SyncEngine::resolveConflict(
    const QString& conflictId, const QString& mutationName, const QJsonObject& args)
{
    QSqlQuery q(m_store->database());
    q.prepare(u"SELECT record_id FROM conflicts WHERE id = ?"_s);
    q.addBindValue(conflictId);
    if (!q.exec() || !q.next())
        return core::makeError(u"not_found"_s, u"no conflict %1 on this device"_s.arg(conflictId));
    const QString recordId = q.value(0).toString();
    auto outcome = m_store->perform(actor(), mutationName, recordId, args);
    if (!outcome)
        return outcome.error();
    QSqlQuery mark(m_store->database());
    mark.prepare(u"INSERT OR IGNORE INTO sync_conflicts_resolved (id) VALUES (?)"_s);
    mark.addBindValue(conflictId);
    if (!mark.exec())
        return sqlError(mark);
    return outcome;
}

QList<RejectedMutation> SyncEngine::rejectedMutations()
{
    QList<RejectedMutation> list;
    QSqlQuery q(m_store->database());
    if (!q.exec(u"SELECT id, name, entity_id, code, message FROM sync_rejected ORDER BY id"_s))
        return list;
    while (q.next())
        list.append({ q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
            q.value(3).toString(), q.value(4).toString() });
    return list;
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
    return stateValue(u"cursor"_s);
}

QDateTime SyncEngine::lastSuccess()
{
    return QDateTime::fromString(stateValue(u"last_success"_s), Qt::ISODateWithMs);
}

core::Result<QString> SyncEngine::fetchAttachment(const QString& sha256)
{
    auto& blobs = m_store->blobs();
    if (sha256.size() != 64)
        return core::makeError(u"bad_attachment_id"_s, u"an attachment id is a SHA-256"_s);
    auto touch = [this, &sha256](bool downloaded, qint64 size) {
        QSqlQuery q(m_store->database());
        q.prepare(u"INSERT INTO sync_blobs (sha256, state, downloaded, size, last_used) "
                  u"VALUES (?, 'confirmed', ?, ?, ?) ON CONFLICT (sha256) DO UPDATE SET "
                  u"last_used = excluded.last_used"_s);
        q.addBindValue(sha256);
        q.addBindValue(downloaded ? 1 : 0);
        q.addBindValue(size);
        q.addBindValue(core::formatTimestamp(QDateTime::currentDateTimeUtc()));
        q.exec();
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
    QSqlQuery q(m_store->database());
    q.exec(u"SELECT sha256, size FROM sync_blobs WHERE downloaded = 1 ORDER BY last_used DESC"_s);
    qint64 used = 0;
    QStringList evict;
    while (q.next()) {
        used += q.value(1).toLongLong();
        if (used > m_options.cacheLimitBytes && q.value(0).toString() != sha256)
            evict << q.value(0).toString();
    }
    const QStringList needed = pendingBlobIds();
    for (const auto& id : evict) {
        if (needed.contains(id))
            continue;
        QFile::remove(blobs.path(id));
        QSqlQuery d(m_store->database());
        d.prepare(u"DELETE FROM sync_blobs WHERE sha256 = ?"_s);
        d.addBindValue(id);
        d.exec();
    }
    return blobs.path(sha256);
}

} // namespace safeloop::sync
