#pragma once

#include "core/store/projectstore.h"

#include <QWidget>

#include <cstdint>
#include <vector>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace tessera::ui {

class Document;

/// The saved history of the edited scenario: one row per save, newest first,
/// with the local time and what changed. "Restore as New Scenario…" adds the
/// state after the chosen save as a new scenario (one undoable step) and
/// edits it; the scenario itself is never changed. Refreshed after each save
/// and when another scenario is edited.
class ScenarioHistoryPanel : public QWidget {
    Q_OBJECT
public:
    explicit ScenarioHistoryPanel(Document *document, QWidget *parent = nullptr);
    QTreeWidget *tree() const { return mTree; }
    /// The listed entries, newest first (the rows of tree()).
    const std::vector<HistoryEntry> &entries() const { return mEntries; }

    /// Reads the edited scenario's history again.
    void refresh();
    /// "<scenario> as of <local date time>", made unique among the scenarios.
    QString defaultRestoreName(const HistoryEntry &entry) const;
    /// Adds the state after \a entry as a new scenario named \a name (made
    /// unique) and edits it, as one undoable command. False, with
    /// \a error set, when the state cannot be read.
    bool restoreEntry(const HistoryEntry &entry, const QString &name, QString *error = nullptr);

    /// A save time as the user reads it: local time, "Today 14:05" for today.
    static QString displayTime(std::int64_t at);

private:
    void showSelected();
    void chooseRestore();
    void showContextMenu(const QPoint &position);
    int selectedRow() const;

    Document *mDocument;
    QLabel *mCaption;
    QTreeWidget *mTree;
    QLabel *mDetails; ///< the selected entry's time and whole summary
    QPushButton *mRestore;
    std::vector<HistoryEntry> mEntries;
};

} // namespace tessera::ui
