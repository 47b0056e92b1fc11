#include "localization.h"

#include <QCoreApplication>
#include <QQmlEngine>
#include <QTranslator>

#include <memory>

using namespace Qt::StringLiterals;

namespace safeloop::app {

namespace {
QString g_language = u"zh_CN"_s;
std::unique_ptr<QTranslator> g_translator;
} // namespace

Localization::Localization(QObject* parent)
    : QObject(parent)
{
}

QString Localization::language() const
{
    return g_language;
}

QString Localization::current()
{
    return g_language;
}

bool Localization::apply(const QString& language, QQmlEngine* engine)
{
    if (language != u"zh_CN"_s && language != u"en"_s)
        return false;
    if (g_translator) {
        QCoreApplication::removeTranslator(g_translator.get());
        g_translator.reset();
    }
    if (language == u"en"_s) {
        auto translator = std::make_unique<QTranslator>();
        if (!translator->load(u":/i18n/safeloop_en.qm"_s))
            return false;
        QCoreApplication::installTranslator(translator.get());
        g_translator = std::move(translator);
    }
    g_language = language;
    if (engine)
        engine->retranslate();
    return true;
}

bool Localization::setLanguage(const QString& language)
{
    if (language == g_language)
        return true;
    if (!apply(language, qmlEngine(this)))
        return false;
    Q_EMIT languageChanged();
    return true;
}

QString Localization::formatDate(const QDate& date, const QString& language)
{
    if (!date.isValid())
        return {};
    if (language == u"en"_s)
        return date.toString(Qt::ISODate);
    return u"%1年%2月%3日"_s.arg(date.year()).arg(date.month()).arg(date.day());
}

QString Localization::formatDate(const QDate& date) const
{
    return formatDate(date, g_language);
}

QString Localization::formatDateTime(const QDateTime& dateTime) const
{
    if (!dateTime.isValid())
        return {};
    const QDateTime local = dateTime.toLocalTime();
    return formatDate(local.date(), g_language) + u' ' + local.toString(u"HH:mm"_s);
}

QString Localization::formatTime(const QDateTime& dateTime) const
{
    if (!dateTime.isValid())
        return {};
    return dateTime.toLocalTime().toString(u"HH:mm"_s);
}

} // namespace safeloop::app
