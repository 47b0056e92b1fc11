#pragma once

#include <QObject>
#include <QString>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

/// Records as a device pulls them, written into the app's DeviceStore for the QML tests (QML
/// singleton `StoreFixtures` of the test-only module SafeLoop.TestFixtures).
class StoreFixtures : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

public:
    explicit StoreFixtures(QObject* parent = nullptr);
    /// A finished self-check (企业自查) of `enterpriseId` started on `startedAt` (RFC 3339) with
    /// two findings (`source` self_check), one closed and one open, as an inspector's device
    /// pulls them; the open one is due on `openDeadline` (ISO date). False when the store is
    /// closed or refuses a record.
    Q_INVOKABLE bool addSelfCheck(const QString& enterpriseId, const QString& startedAt,
        const QString& openDeadline = QStringLiteral("2099-12-31"));
    /// Deletes what addSelfCheck wrote for `enterpriseId` (the store is shared by the test
    /// files). False when the store is closed or refuses a record.
    Q_INVOKABLE bool removeSelfCheck(const QString& enterpriseId);
    /// Replaces the `order` (document.issue) that hazard `hazardId` carries by `order` (an
    /// empty map: none, as before the order arrived) and returns the one it carried. An empty
    /// map also when the store is closed or holds no such hazard.
    Q_INVOKABLE QVariantMap swapHazardOrder(const QString& hazardId, const QVariantMap& order);
    /// Replaces the PDF (blob id) of the first document of `kind` that `enterpriseId` received
    /// by `pdf` and returns the one it had (empty when the store is closed or holds none).
    Q_INVOKABLE QString swapDocumentPdf(
        const QString& enterpriseId, const QString& kind, const QString& pdf);

    /// A device's health record as a supervisor's device pulls it (entity `device`; `fields`
    /// its wire fields, `id` among them). False when the store is closed or refuses it.
    Q_INVOKABLE bool putDevice(const QVariantMap& fields);
    /// Removes the device record `id` (the store is shared by the test files).
    Q_INVOKABLE bool removeDevice(const QString& id);
    /// The documents of one finished inspection of `enterpriseId` (现场检查记录 and 责令限期整改
    /// 指令书, rendered), with the inspection and its hazards, as an inspector's or supervisor's
    /// device pulls them: the demo's own inspection of 恒泰 (DemoSeed::seedEnterpriseTasks).
    /// Returns 恒泰's credit code; empty when the store is closed or refuses a record.
    Q_INVOKABLE QString addEnterpriseInspectionDocuments();
    /// Tells every view of the store that it changed, writing nothing: what a background sync
    /// that brought nothing for the page on screen does. False when the store is closed.
    Q_INVOKABLE bool notifyStoreChanged();
    /// The demo district's enterprises (credit codes), 恒泰 first.
    Q_INVOKABLE QStringList demoEnterpriseIds() const;

private:
    static bool write(const QString& enterpriseId, const QString& startedAt,
        const QString& openDeadline, bool deleted);
};
