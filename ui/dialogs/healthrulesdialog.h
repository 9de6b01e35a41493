#pragma once

#include "core/health/healthrule.h"

#include <QDialog>
#include <QStringList>

#include <optional>

class QTableWidget;

namespace tessera::ui {

class Document;

/// Territory ▸ Health Rules… (and "Rules…" in the Health dock): the rules
/// the Health dock checks, one row each: on or off, name, what it watches,
/// the attribute or KPI, the limit(s) and, for a KPI, what it divides by.
/// Percent limits are entered as percentages (110 %), stored as fractions.
/// OK applies all edits as one undo step; the rules are saved with the project.
class HealthRulesDialog : public QDialog {
    Q_OBJECT
public:
    enum Column { Enabled, Name, Kind, Attribute, Threshold, Upper, Denominator, ColumnCount };

    /// \a attributes: the entries the balance table knows, offered for balance and KPI rules.
    HealthRulesDialog(Document *document, const QStringList &attributes, QWidget *parent = nullptr);

    QTableWidget *table() const { return mTable; }
    /// Appends a row for \a rule and returns its index.
    int addRule(const HealthRule &rule);
    void removeRule(int row);
    /// Replaces the rows with the default rules.
    void restoreDefaults();
    /// The rules as the table shows them, checked as the project file checks
    /// them; the error names the row and field that is wrong.
    Result<HealthRules> rules() const;
    /// Pushes one ChangeSettingsCommand when the rules differ from the
    /// project's; returns false when they are invalid (after saying why).
    bool apply();

    /// Shows the dialog for \a document and applies it on OK.
    static void edit(Document *document, const QStringList &attributes, QWidget *parent);

    void accept() override;

private:
    void kindChanged(int row);
    HealthRule ruleAt(int row) const;

    Document *mDocument;
    QStringList mAttributes;
    HealthRules mStored;
    QTableWidget *mTable;
};

} // namespace tessera::ui
