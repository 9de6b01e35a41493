#pragma once

#include "core/model/ids.h"
#include "core/model/rep.h"

#include <QDockWidget>
#include <QPointer>

class QLabel;
class QPushButton;
class QTableWidget;

namespace tessera::ui {

class AbstractTool;
class Document;
class MapCanvas;
class PickPointTool;
class RepDialog;

/// The Reps dock: one row per rep (name, home, capacity, skills and the
/// territories they hold in the edited scenario). Add…, Edit… and Remove
/// each make one undo step; removing a rep leaves their territories vacant.
/// "Pick Home" arms a one-shot map tool: the next click on the map
/// becomes the selected rep's home, Esc cancels.
class RepsPanel : public QDockWidget {
    Q_OBJECT

public:
    /// Table columns.
    enum Column { NameColumn, TerritoryColumn, CapacityColumn, HomeColumn, SkillsColumn, ColumnCount };

    RepsPanel(Document *document, MapCanvas *canvas, QWidget *parent = nullptr);

    QTableWidget *table() const { return mTable; }
    QPushButton *addButton() const { return mAdd; }
    QPushButton *editButton() const { return mEdit; }
    QPushButton *removeButton() const { return mRemove; }
    QPushButton *pickButton() const { return mPick; }
    PickPointTool *pickTool() const { return mPickTool; }
    /// The add or edit dialog while it is open.
    RepDialog *dialog() const;
    /// The line under the table (what the last action did, or what to click).
    QString note() const;

    /// The rep of the selected row; invalid without a selection.
    RepId currentRep() const;
    void setCurrentRep(RepId rep);

public slots:
    /// Opens the dialog for a new rep (home at the centre of the map view).
    void addRep();
    /// Opens the dialog for the selected rep.
    void editRep();
    /// Removes the selected rep (one undo step).
    void removeRep();
    /// Arms the map tool for the selected rep's home.
    void pickHome();

private:
    void refresh();
    void updateButtons();
    void openDialog(const Rep &rep, const QString &title, bool adding);
    void setNote(const QString &text);
    void onPicked(const LonLat &position);
    void restoreTool();
    QString uniqueKey() const;

    Document *mDocument;
    MapCanvas *mCanvas;
    QTableWidget *mTable;
    QPushButton *mAdd;
    QPushButton *mEdit;
    QPushButton *mRemove;
    QPushButton *mPick;
    QLabel *mNote;
    PickPointTool *mPickTool;
    QPointer<AbstractTool> mPreviousTool; ///< the map tool to put back after picking
    RepId mPickingFor;                    ///< the rep whose home is being picked
    QPointer<RepDialog> mDialog;
};

} // namespace tessera::ui
