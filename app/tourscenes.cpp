#include "tourscenes.h"

#include "inspectioncontroller.h"
#include "signaturepad.h"

#include <QEventLoop>
#include <QPointF>
#include <QQuickItem>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace safeloop::app {

namespace {

/// The object named `name` under `root`: its QObject children, and the visual children of
/// items (a Flickable's content, a Page's contentItem).
QObject* findByName(QObject* root, const QString& name)
{
    if (!root)
        return nullptr;
    if (auto* found = root->findChild<QObject*>(name))
        return found;
    if (auto* item = qobject_cast<QQuickItem*>(root)) {
        for (QQuickItem* child : item->childItems()) {
            if (child->objectName() == name)
                return child;
            if (auto* found = findByName(child, name))
                return found;
        }
    }
    return nullptr;
}

InspectionController* controllerOf(QObject* page)
{
    return page
        ? qobject_cast<InspectionController*>(page->property("controller").value<QObject*>())
        : nullptr;
}

QVariantList points(std::initializer_list<QPointF> list)
{
    QVariantList out;
    for (const QPointF& p : list)
        out.append(p);
    return out;
}

/// Draws `strokes` on the SignatureBox named `box` unless something is drawn there already.
void sign(QObject* page, const QString& box, const QList<QVariantList>& strokes)
{
    QObject* signatureBox = findByName(page, box);
    auto* pad = signatureBox
        ? qobject_cast<SignaturePad*>(signatureBox->property("pad").value<QObject*>())
        : nullptr;
    if (!pad || !pad->isEmpty())
        return;
    for (const QVariantList& stroke : strokes)
        pad->addStroke(stroke);
}

} // namespace

InspectionTourScene::InspectionTourScene(QObject* page, const QString& scene)
    : m_page(page)
    , m_scene(scene)
{
}

QString InspectionTourScene::inspectionId() const
{
    const InspectionController* ctrl = controllerOf(m_page);
    return ctrl ? ctrl->inspectionId() : QString();
}

bool InspectionTourScene::step()
{
    InspectionController* ctrl = controllerOf(m_page);
    if (!ctrl || ctrl->busy())
        return false;
    const QString stage = m_page->property("stage").toString();
    if (stage == u"setup"_s) {
        // A new inspection with the first checklist the setup suggests (one checklist keeps the
        // scenes that answer every item short); a resumed one waits here until it has loaded.
        QObject* setup = findByName(m_page, u"setupStage"_s);
        const QStringList suggested
            = setup ? setup->property("templateRefs").toStringList() : QStringList();
        if (!suggested.isEmpty() && !ctrl->templateOptions().isEmpty() && !m_startRequested) {
            m_startRequested = true;
            ctrl->start(m_page->property("enterpriseId").toString(), u"plan"_s, u"guidance"_s, {},
                { suggested.first() });
        }
        return false;
    }
    if (stage == u"documents"_s)
        return !ctrl->recordPdf().isEmpty();
    const int n = ctrl->checklist()->rowCount();
    if (n == 0)
        return false;
    const int failIndex = std::min(3, n - 1);
    const bool all = m_scene == u"signature"_s || m_scene == u"documents"_s;
    const int wanted = all ? n : std::min(4, n);
    for (int i = 0; i < wanted; ++i) {
        const QVariantMap row = ctrl->checklist()->get(i);
        if (row.value(u"result"_s).toString().isEmpty()) {
            ctrl->answer(row.value(u"code"_s).toString(),
                i == failIndex ? u"fail"_s
                    : i == 2   ? u"na"_s
                               : u"pass"_s);
            return false;
        }
    }
    const QString failCode = ctrl->checklist()->get(failIndex).value(u"code"_s).toString();
    if (m_scene == u"checklist"_s) {
        m_page->setProperty("current", failIndex);
        return true;
    }
    if (m_scene == u"hazard"_s) {
        m_page->setProperty("current", failIndex);
        QMetaObject::invokeMethod(m_page, "recordHazard", Q_ARG(QString, failCode));
        return true;
    }
    if (ctrl->hazardCount() == 0) {
        if (!m_hazardRequested) {
            m_hazardRequested = true;
            const QVariantMap p = ctrl->proposeHazard(failCode);
            ctrl->createHazard({ { u"itemCode"_s, failCode },
                { u"description"_s, p.value(u"description"_s).toString() },
                { u"place"_s, u"冲压二车间"_s },
                { u"level"_s, p.value(u"level"_s, u"general"_s).toString() },
                { u"category"_s, p.value(u"category"_s).toString() },
                { u"basis"_s, p.value(u"basis"_s).toString() },
                { u"measure"_s, p.value(u"measure"_s).toString() },
                { u"deadline"_s, p.value(u"deadline"_s, ctrl->defaultDeadline(u"general"_s)) },
                { u"photoIds"_s, QStringList() }, { u"location"_s, QVariantMap() } });
        }
        return false;
    }
    m_page->setProperty("stage", u"finish"_s);
    sign(m_page, u"enterpriseSignature"_s,
        { points({ { 30, 120 }, { 70, 60 }, { 110, 130 }, { 150, 70 }, { 200, 110 } }),
            points({ { 60, 90 }, { 180, 95 } }) });
    sign(m_page, u"inspectorSignature"_s,
        { points({ { 40, 80 }, { 90, 130 }, { 120, 60 }, { 170, 125 }, { 230, 75 } }) });
    if (m_scene == u"signature"_s)
        return true;
    if (!m_finishRequested) {
        m_finishRequested = true;
        QMetaObject::invokeMethod(m_page, "finishInspection");
    }
    return false;
}

bool playInspectionScene(QObject* page, const QString& scene, QString* inspectionId, int timeoutMs)
{
    InspectionTourScene driver(page, scene);
    for (int waited = 0; waited < timeoutMs; waited += 30) {
        if (driver.step()) {
            if (inspectionId)
                *inspectionId = driver.inspectionId();
            return true;
        }
        QEventLoop loop;
        QTimer::singleShot(30, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return false;
}

} // namespace safeloop::app
