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

private:
    static bool write(const QString& enterpriseId, const QString& startedAt,
        const QString& openDeadline, bool deleted);
};
