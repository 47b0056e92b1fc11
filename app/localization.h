#pragma once

#include <QDate>
#include <QDateTime>
#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;

namespace safeloop::app {

/// UI language (zh_CN source, en translation) and the date formats that go with it:
/// "2026年11月25日" in Chinese, ISO 8601 in English.
class Localization : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    /// "zh_CN" or "en".
    Q_PROPERTY(QString language READ language NOTIFY languageChanged)

public:
    explicit Localization(QObject* parent = nullptr);

    QString language() const;
    /// Switches the UI language at runtime and retranslates every qsTr binding.
    /// Returns false for an unsupported language (nothing changes).
    Q_INVOKABLE bool setLanguage(const QString& language);
    /// A local date: "2026年11月25日" (zh_CN) or "2026-11-25" (en).
    Q_INVOKABLE QString formatDate(const QDate& date) const;
    /// An instant shown in local time: "2026年11月25日 10:42" or "2026-11-25 10:42".
    Q_INVOKABLE QString formatDateTime(const QDateTime& dateTime) const;
    /// Clock time "10:42" (24 h) in local time.
    Q_INVOKABLE QString formatTime(const QDateTime& dateTime) const;

    /// The name of a GB/T 4754 industry code ("C3670" → 汽车零部件及配件制造); a code not in the
    /// table is named by its division (its letter and first two digits), else shown as it is.
    Q_INVOKABLE QString industryName(const QString& code) const { return industryNameOf(code); }
    /// The name of a GB/T 4754 industry code (its class, else its division), else the code.
    static QString industryNameOf(const QString& code);

    /// Installs the translator for `language` application-wide; `engine` (may be null) is
    /// retranslated. Used by the launcher for `--lang` before Main.qml loads.
    static bool apply(const QString& language, QQmlEngine* engine);
    static QString current();
    static QString formatDate(const QDate& date, const QString& language);

Q_SIGNALS:
    void languageChanged();
};

} // namespace safeloop::app
