#include "uuid.h"

#include <QByteArray>
#include <QRandomGenerator>

namespace safeloop::core {

QString uuidv7(const QDateTime& now)
{
    const auto ms = static_cast<quint64>(now.toMSecsSinceEpoch());
    QByteArray b(16, '\0');
    for (int i = 0; i < 6; ++i)
        b[i] = static_cast<char>((ms >> (8 * (5 - i))) & 0xff);
    auto* rng = QRandomGenerator::system();
    for (int i = 6; i < 16; ++i)
        b[i] = static_cast<char>(rng->bounded(256));
    b[6] = static_cast<char>((b[6] & 0x0f) | 0x70);
    b[8] = static_cast<char>((b[8] & 0x3f) | 0x80);
    const QString hex = QString::fromLatin1(b.toHex());
    return hex.left(8) + u'-' + hex.mid(8, 4) + u'-' + hex.mid(12, 4) + u'-' + hex.mid(16, 4) + u'-'
        + hex.mid(20);
}

} // namespace safeloop::core
