#pragma once

#include "core/model/attributedisplay.h"

#include <QDialog>
#include <QStringList>

#include <optional>

class QTableWidget;

namespace tessera::ui {

class Document;

/// Edit ▸ Attributes…: every attribute with its display name, unit, number
/// format (decimals, thousands separator, percent) and a Hidden box, with an
/// example figure. OK applies all edits as one undo step; the settings are
/// saved with the project.
class AttributesDialog : public QDialog {
    Q_OBJECT
public:
    enum Column { Attribute, DisplayName, Unit, Decimals, Thousands, Percent, Hidden, Example, ColumnCount };

    AttributesDialog(Document *document, const QStringList &attributes, QWidget *parent = nullptr);

    /// The presentations as the table shows them.
    AttributeDisplay display() const;
    /// Pushes one ChangeSettingsCommand when anything differs from the
    /// project; returns whether it did.
    bool apply();
    QTableWidget *table() const { return mTable; }
    /// Row of \a attribute, or -1.
    int rowOf(const QString &attribute) const;

    /// Shows the dialog for \a document and applies it on OK.
    static void edit(Document *document, const QStringList &attributes, QWidget *parent);

private:
    void fillRow(int row, const AttributePresentation &presentation);
    std::optional<AttributePresentation> presentationAt(int row) const;
    void updateExample(int row);

    Document *mDocument;
    QStringList mAttributes;
    AttributeDisplay mStored; ///< as in the project when the dialog opened (unknown entries are kept)
    QTableWidget *mTable;
};

} // namespace tessera::ui
