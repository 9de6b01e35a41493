#pragma once

#include <QLineEdit>
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
    void rebuild();
    void show(const Entry &entry);

    Document *mDocument;
    MapCanvas *mCanvas;
    QStringListModel *mModel;
    QVector<Entry> mEntries; ///< parallel to the model's rows
};

} // namespace tessera::ui
