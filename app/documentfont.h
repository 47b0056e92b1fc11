#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

namespace safeloop::app {

/// The CJK font SafeLoop's PDFs are written with, derived from a system OpenType font so that
/// the PDF's text layer is searchable.
///
/// CJK fonts such as Noto Sans CJK draw a Kangxi radical (U+2F00–U+2FDF) or a CJK radical
/// supplement character (U+2E80–U+2EFF) with the same glyph as the ideograph it looks like
/// (⻘ and 青). Qt's PDF writer maps each glyph back to the lowest code point that reaches it, so
/// an order naming 青禾区 would carry "⻘⽲区" in its text layer: searching and copying fail.
/// The derived font drops exactly those radical mappings whose glyph an ideograph also reaches;
/// everything else (outlines, metrics, layout tables) is the system font's.
class DocumentFont {
public:
    /// The face of `fontFile` (an OpenType font or collection) whose family name ends with
    /// `familySuffix` (the first face if none does), rebuilt as a single font named `family`
    /// with the duplicate radical mappings removed. Errors name the file and what is wrong.
    static core::Result<QByteArray> derive(const QByteArray& fontFile, const QString& familySuffix,
        const QString& family, const QString& styleName);

    /// Registers the derived Regular and Bold faces of the system's Noto CJK font once per
    /// process and returns their family name; empty when no such font is installed or it
    /// cannot be read (the renderer then falls back to the system family).
    static QString family();
};

} // namespace safeloop::app
