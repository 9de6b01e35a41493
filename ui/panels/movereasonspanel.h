#pragma once

#include "core/model/ids.h"

#include <QDockWidget>

#include <string>

class QLabel;
class QTableWidget;

namespace tessera::ui {

class Document;

/// Why units moved: the optimizer's reason for every move of the edited
/// scenario (plan::moveReasons, stored with the plan), one row per unit with
/// the unit's name, the territories before and after, the new territory's
/// rep and the reason with its figures in their units. Sortable by any
/// column; clicking a row asks the map to zoom to the unit.
class MoveReasonsPanel : public QDockWidget {
    Q_OBJECT
public:
    enum Column { UnitColumn, FromColumn, ToColumn, RepColumn, ReasonColumn, ColumnCount };

    explicit MoveReasonsPanel(Document *document, QWidget *parent = nullptr);

    QTableWidget *table() const { return mTable; }
    QString summaryText() const;

signals:
    /// A row was clicked: show this unit.
    void zoomRequested(tessera::UnitId unit);

private:
    void refresh(bool force);

    Document *mDocument;
    QLabel *mSummary;
    QTableWidget *mTable;
    std::string mShownParameters; ///< the parameters the table shows, to skip unchanged refreshes
};

} // namespace tessera::ui
