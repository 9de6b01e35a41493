#pragma once

#include "core/health/healthcheck.h"
#include "core/model/ids.h"

#include <QDockWidget>

class QLabel;
class QTableWidget;

namespace tessera::ui {

class Document;
class TerritoryStatistics;

/// Plan health, live: every breach of the project's health rules by the
/// edited scenario, worst first, and the rules that could not be checked.
/// The figures are HealthCheck's on the shared metrics engine; this view
/// only formats them.
class HealthPanel : public QDockWidget {
    Q_OBJECT
public:
    /// Table columns.
    enum Column { TerritoryColumn, RepColumn, RuleColumn, FigureColumn, LimitColumn, ColumnCount };

    HealthPanel(Document *document, TerritoryStatistics *statistics, QWidget *parent = nullptr);

    QTableWidget *table() const { return mTable; }
    /// The headline above the table ("3 breaches, worst first").
    QString summaryText() const;
    /// The rules not checked, one line each with the reason; empty when all were.
    QString skippedText() const;

signals:
    /// A breach was double-clicked: show its territory.
    void zoomRequested(tessera::TerritoryId territory);
    /// The "Propose Fixes…" button was pressed.
    void proposeFixesRequested();
    /// The "Rules…" button was pressed.
    void editRulesRequested();

private:
    void refresh();

    Document *mDocument;
    TerritoryStatistics *mStatistics;
    QLabel *mSummary;
    QTableWidget *mTable;
    QLabel *mSkipped;
};

} // namespace tessera::ui
