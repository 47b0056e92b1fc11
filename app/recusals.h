#pragma once

#include "devicestore.h"

#include <QObject>
#include <QPointer>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace safeloop::app {

/// The conflicts of interest (回避) the supervisor has recorded: an inspector who must not be
/// drawn to inspect an enterprise (a relative works there, a former employer …). The random
/// draw keeps every pair here apart. Recording and withdrawing are `recusal.upsert` mutations
/// (supervisors only), synced to every inspector's and supervisor's device, never to an
/// enterprise's. A withdrawn recusal stays on record on the server.
class Recusals : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(safeloop::app::DeviceStore* store READ store WRITE setStore NOTIFY storeChanged)
    /// The recusals in force, oldest first: {id, inspectorId, inspector, enterpriseId,
    /// enterprise, reason, recordedOn (ISO date, Asia/Shanghai)}.
    Q_PROPERTY(QVariantList rows READ rows NOTIFY loaded)
    /// The district's badged inspectors a recusal can name: {id, name}, by name.
    Q_PROPERTY(QVariantList inspectors READ inspectors NOTIFY loaded)
    /// Why the last record() or withdraw() was refused ("" when it was stored).
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY errorMessageChanged)

public:
    explicit Recusals(QObject* parent = nullptr);
    DeviceStore* store() const;
    void setStore(DeviceStore* s);
    QVariantList rows() const { return m_rows; }
    QVariantList inspectors() const { return m_inspectors; }
    QString errorMessage() const { return m_error; }

    /// Registered enterprises whose name or credit code contains `text` (case-insensitive), by
    /// name, at most `limit`: {id, name, street}. Empty text matches none.
    Q_INVOKABLE QVariantList enterprisesMatching(const QString& text, int limit = 20) const;
    /// Records that `inspectorId` must not inspect `enterpriseId`, for `reason`. Emits
    /// recorded(true) once stored on this device, or recorded(false) with errorMessage.
    Q_INVOKABLE void record(
        const QString& inspectorId, const QString& enterpriseId, const QString& reason);
    /// Withdraws the recusal `id`: the pair can be drawn together again.
    Q_INVOKABLE void withdraw(const QString& id);

Q_SIGNALS:
    void storeChanged();
    void loaded();
    void errorMessageChanged();
    void recorded(bool ok);
    void withdrawn(bool ok);

private:
    struct Enterprise {
        QString id;
        QString name;
        QString street;
    };
    void reload();
    void upsert(const QString& id, const QJsonObject& args, bool withdrawing);
    void setError(const QString& message);

    QPointer<DeviceStore> m_store;
    QVariantList m_rows;
    QVariantList m_inspectors;
    QList<Enterprise> m_enterprises;
    QString m_error;
};

} // namespace safeloop::app
