#pragma once

#include "sync/apiclient.h"

#include <QString>

namespace safeloop::app {

/// The one place a device login lives: `session.json` (owner-only) in the app data directory.
/// The login form (SessionController) and the sync engine's token refresh (through
/// sync::SyncEngine::Options::loadSession/saveSession) both read and write the tokens here, so a
/// rotated refresh token is never held in two diverging copies (the server revokes a device login
/// whose spent refresh token is presented again). Thread-safe: calls are serialised.
class SessionStore {
public:
    /// A stored login plus what the login answer adds beyond the tokens.
    struct Stored {
        sync::Session session;
        QString badge; ///< inspector badge number (执法证号), kept across token rotations
    };

    static QString path(const QString& dataDir);
    /// The stored login; an invalid session when none is stored.
    static Stored load(const QString& dataDir);
    /// Stores a login (login answer): tokens, user and badge.
    static bool save(const QString& dataDir, const Stored& stored);
    /// Stores rotated tokens (refresh) and keeps the stored badge and, when the refresh answer
    /// carries no user, the stored user. An invalid session removes the login.
    static bool saveRotated(const QString& dataDir, const sync::Session& session);
    /// Removes the login (logout); returns what was stored.
    static Stored take(const QString& dataDir);
};

} // namespace safeloop::app
