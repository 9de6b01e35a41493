#pragma once

#include <QLineEdit>
#include <QStringList>
#include <QVector>

class QStringListModel;

namespace tessera::ui {

class Document;
class MapCanvas;

/// Ctrl+F: find a unit, account, rep or territory by name or id, with
/// completion; the map zooms to what was found (a unit or territory is
/// also selected).
class FindBox : public QLineEdit {
    Q_OBJECT
public:
    FindBox(Document *document, MapCanvas *canvas, QWidget *parent = nullptr);

    /// Zooms to the entry whose text is \a text, or to the only entry
    /// containing it; false when nothing (or more than one thing) matches.
    bool find(const QString &text);
    /// Every entry the completer offers, e.g. "Fulton (unit 13121)".
    QStringList entries() const;

private:
    enum class Kind { Unit, Account, Rep, Territory };
    struct Entry {
        Kind kind;
        int index;
    };
    /// Every entry, after another project (a million accounts take a while).
    void rebuild();
    /// The territory entries only (the last rows), when their names changed:
    /// after an edit or a scenario switch the rest stays.
    void updateTerritories();
    void show(const Entry &entry);

    Document *mDocument;
    MapCanvas *mCanvas;
    QStringListModel *mModel;
    QVector<Entry> mEntries; ///< parallel to the model's rows
    QStringList mTerritoryTexts; ///< the territory rows at the end of the model
};

} // namespace tessera::ui
