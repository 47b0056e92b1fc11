#include "localization.h"

#include <QCoreApplication>
#include <QHash>
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

QString Localization::industryNameOf(const QString& code)
{
    // The classes and divisions of the district's enterprises (GB/T 4754-2017).
    static const QHash<QString, const char*> names {
        { u"C3670"_s, QT_TRANSLATE_NOOP("Localization", "汽车零部件及配件制造") },
        { u"C3391"_s, QT_TRANSLATE_NOOP("Localization", "黑色金属铸造") },
        { u"C3484"_s, QT_TRANSLATE_NOOP("Localization", "机械零部件加工") },
        { u"C3360"_s, QT_TRANSLATE_NOOP("Localization", "金属表面处理及热处理加工") },
        { u"C2110"_s, QT_TRANSLATE_NOOP("Localization", "木质家具制造") },
        { u"P8331"_s, QT_TRANSLATE_NOOP("Localization", "普通初中教育") },
        { u"R8870"_s, QT_TRANSLATE_NOOP("Localization", "群众文体活动") },
        { u"C21"_s, QT_TRANSLATE_NOOP("Localization", "家具制造业") },
        { u"C33"_s, QT_TRANSLATE_NOOP("Localization", "金属制品业") },
        { u"C34"_s, QT_TRANSLATE_NOOP("Localization", "通用设备制造业") },
        { u"C36"_s, QT_TRANSLATE_NOOP("Localization", "汽车制造业") },
        { u"E47"_s, QT_TRANSLATE_NOOP("Localization", "房屋建筑业") },
        { u"F51"_s, QT_TRANSLATE_NOOP("Localization", "批发业") },
        { u"G59"_s, QT_TRANSLATE_NOOP("Localization", "装卸搬运和仓储业") },
        { u"P83"_s, QT_TRANSLATE_NOOP("Localization", "教育") },
        { u"R88"_s, QT_TRANSLATE_NOOP("Localization", "文化艺术业") },
    };
    const QString key = code.trimmed().toUpper();
    if (const auto it = names.constFind(key); it != names.cend())
        return QCoreApplication::translate("Localization", *it);
    if (const auto it = names.constFind(key.left(3)); key.size() > 3 && it != names.cend())
        return QCoreApplication::translate("Localization", *it);
    return code;
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
