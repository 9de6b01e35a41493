#pragma once

#include "core/plan/whatifapplier.h"

#include <QDialog>

#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QMenuBar;
class QSpinBox;
class QTableWidget;

namespace tessera::ui {

class Document;

/// What-if ▸ Transform Scenario…: a demand shock (scale an attribute in the
/// selection or where FIELD=VALUE), a rep added, removed (territory dissolved
/// or left vacant) or moved, a new territory count and a capped
/// re-optimization. Preview shows the balance table before and after (the
/// scenario diff, measured by MetricsEngine); Apply adds the result, with its
/// transforms, as a new scenario in one undoable step.
class WhatIfDialog : public QDialog {
    Q_OBJECT

public:
    explicit WhatIfDialog(Document *document, QWidget *parent = nullptr);

    /// Adds the What-if menu to \a bar; its action opens the dialog.
    static void addMenu(QMenuBar *bar, Document *document, QWidget *parent);

    /// The transforms the form describes, in the order they apply.
    std::vector<whatif::Transform> transforms() const;
    /// Applies the transforms and fills the before/after table; false (and a
    /// message in the dialog) when they do not fit the project.
    bool preview();
    /// Previews, then adds the new scenario as one undo step and edits it.
    bool apply();

private:
    Document *mDocument;
    std::optional<whatif::Outcome> mOutcome;

    QCheckBox *mScale = nullptr;
    QComboBox *mScaleAttribute = nullptr;
    QDoubleSpinBox *mScaleFactor = nullptr;
    QCheckBox *mScaleSelection = nullptr;
    QLineEdit *mScaleWhere = nullptr;
    QCheckBox *mAddRep = nullptr;
    QLineEdit *mAddRepName = nullptr;
    QDoubleSpinBox *mAddRepLon = nullptr;
    QDoubleSpinBox *mAddRepLat = nullptr;
    QDoubleSpinBox *mAddRepCapacity = nullptr;
    QCheckBox *mRemoveRep = nullptr;
    QComboBox *mRemoveRepWho = nullptr;
    QComboBox *mRemoveRepMode = nullptr;
    QCheckBox *mTerritories = nullptr;
    QSpinBox *mTerritoryCount = nullptr;
    QCheckBox *mReoptimize = nullptr;
    QSpinBox *mMoveCap = nullptr;
    QLineEdit *mName = nullptr;
    QTableWidget *mTable = nullptr;
    QLabel *mStatus = nullptr;
};

} // namespace tessera::ui
