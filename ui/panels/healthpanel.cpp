#include "ui/panels/healthpanel.h"

#include "core/health/kpitrend.h"
#include "core/metrics/metricsengine.h"
#include "ui/document/document.h"
#include "ui/document/territorystatistics.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>
#include <map>

namespace tessera::ui {

namespace {

/// A rule's figure in the rule's unit: percent for utilisation and balance,
/// pieces for contiguity, the plain ratio for a KPI.
QString figureText(const HealthRule &rule, double value)
{
    const QLocale locale;
    if (!std::isfinite(value))
        return QStringLiteral("–");
    switch (rule.kind) {
    case HealthRuleKind::NotContiguous:
        return std::lround(value) == 1 ? HealthPanel::tr("1 piece")
                                       : HealthPanel::tr("%1 pieces").arg(std::lround(value));
    case HealthRuleKind::SkillMismatch:
        return std::lround(value) == 1 ? HealthPanel::tr("1 account")
                                       : HealthPanel::tr("%1 accounts").arg(std::lround(value));
    case HealthRuleKind::KpiBelow:
        return locale.toString(value, 'g', 3);
    default: {
        // Limits are usually whole percents: no decimal then.
        const double percent = value * 100.0;
        const int decimals = std::abs(percent - std::round(percent)) < 1e-9 ? 0 : 1;
        return locale.toString(percent, 'f', decimals) + QStringLiteral(" %");
    }
    }
}

/// What is wrong, in a few words (the full rule is the cell's tooltip);
/// attribute keys read as words, or as the display name the user gave them.
QString problemText(const HealthRule &rule, const HealthBreach &breach, const AttributeDisplay &display)
{
    const AttributePresentation presentation = display.presentation(rule.attribute);
    const QString attribute = presentation.displayName.empty()
                                  ? QString::fromStdString(rule.attribute).replace(QLatin1Char('_'), QLatin1Char(' '))
                                  : QString::fromStdString(presentation.displayName);
    switch (rule.kind) {
    case HealthRuleKind::UtilisationAbove: return HealthPanel::tr("Rep overloaded");
    case HealthRuleKind::UtilisationBelow: return HealthPanel::tr("Rep underused");
    case HealthRuleKind::BalanceOutside:
        return breach.value > breach.threshold ? HealthPanel::tr("%1 too high").arg(attribute)
                                               : HealthPanel::tr("%1 too low").arg(attribute);
    case HealthRuleKind::KpiBelow:
        return HealthPanel::tr("%1 low").arg(QString::fromStdString(rule.name).replace(QLatin1Char('_'), QLatin1Char(' ')));
    case HealthRuleKind::NotContiguous: return HealthPanel::tr("Territory split");
    case HealthRuleKind::SkillMismatch: return HealthPanel::tr("Skill mismatch");
    }
    return QString::fromStdString(rule.name);
}

/// The rule as a sentence; attribute keys read as words.
QString ruleText(const HealthRule &rule)
{
    return QString::fromStdString(rule.describe()).replace(QLatin1Char('_'), QLatin1Char(' '));
}

QTableWidgetItem *cell(const QString &text, Qt::Alignment alignment = Qt::AlignLeft | Qt::AlignVCenter)
{
    auto *item = new QTableWidgetItem(text);
    item->setTextAlignment(alignment);
    return item;
}

} // namespace

HealthPanel::HealthPanel(Document *document, TerritoryStatistics *statistics, QWidget *parent)
    : QDockWidget(tr("Health"), parent), mDocument(document), mStatistics(statistics)
{
    setObjectName(QStringLiteral("HealthPanel"));
    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *top = new QHBoxLayout;
    mSummary = new QLabel(content);
    mSummary->setWordWrap(true);
    top->addWidget(mSummary, 1);
    auto *propose = new QPushButton(tr("Propose Fixes…"), content);
    propose->setObjectName(QStringLiteral("proposeFixes"));
    propose->setToolTip(tr("Propose at most N unit moves that reduce the breaches, then review each one"));
    connect(propose, &QPushButton::clicked, this, &HealthPanel::proposeFixesRequested);
    top->addWidget(propose, 0, Qt::AlignTop);
    auto *rules = new QPushButton(tr("Rules…"), content);
    rules->setObjectName(QStringLiteral("editHealthRules"));
    rules->setToolTip(tr("Choose what counts as a breach: utilisation, balance, KPI and contiguity limits"));
    connect(rules, &QPushButton::clicked, this, &HealthPanel::editRulesRequested);
    top->addWidget(rules, 0, Qt::AlignTop);
    layout->addLayout(top);
    mTable = new QTableWidget(0, ColumnCount, content);
    mTable->setHorizontalHeaderLabels({tr("Territory"), tr("Rep"), tr("Breach"), tr("Figure"), tr("Limit")});
    mTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    mTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    mTable->setSelectionMode(QAbstractItemView::SingleSelection);
    mTable->verticalHeader()->hide();
    mTable->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    mTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // The breach wraps so names and figures stay whole in a narrow dock.
    mTable->horizontalHeader()->setSectionResizeMode(RuleColumn, QHeaderView::Stretch);
    mTable->setToolTip(tr("Double-click a breach to show its territory on the map"));
    layout->addWidget(mTable, 1);
    mSkipped = new QLabel(content);
    mSkipped->setWordWrap(true);
    mSkipped->hide();
    layout->addWidget(mSkipped);
    setWidget(content);

    // The statistics object updates after every document change, once its
    // engine is current; checking the rules is a pass over its figures.
    connect(mStatistics, &TerritoryStatistics::updated, this, &HealthPanel::refresh);
    connect(mTable, &QTableWidget::cellDoubleClicked, this, [this](int row) {
        const TerritoryId territory(mTable->item(row, TerritoryColumn)->data(Qt::UserRole).toInt());
        if (!mDocument->isValidTerritory(territory))
            return;
        mDocument->setCurrentTerritory(territory);
        emit zoomRequested(territory);
    });
    refresh();
}

QString HealthPanel::summaryText() const
{
    return mSummary->text();
}

QString HealthPanel::skippedText() const
{
    return mSkipped->isHidden() ? QString() : mSkipped->text();
}

void HealthPanel::refresh()
{
    mTable->setRowCount(0);
    mSkipped->hide();
    const MetricsEngine *engine = mStatistics->engine();
    if (!engine) {
        mSummary->setText(mDocument->hasProject() ? tr("No figures: %1").arg(mStatistics->metricsError())
                                                  : tr("No project open."));
        return;
    }
    const Result<HealthRules> rules = HealthRules::fromSettings(mDocument->project().settingsJson());
    if (!rules) {
        mSummary->setText(tr("The project's health rules cannot be read: %1")
                              .arg(QString::fromStdString(rules.error().toString())));
        return;
    }
    const HealthReport report = HealthCheck(*rules).check(*engine);

    // The figures' data: a what-if scenario's added reps are named too.
    const auto &reps = mStatistics->data() ? mStatistics->data()->reps() : mDocument->project().reps();
    // KPI rules on snapshot columns: the figure on the snapshot before, for the trend.
    const KpiSnapshot *previous = mDocument->project().previousKpiSnapshot();
    std::map<std::size_t, std::vector<double>> previousKpi;
    if (previous)
        for (const HealthBreach &breach : report.breaches)
            if (!previousKpi.count(breach.rule))
                previousKpi[breach.rule] =
                    kpiOnSnapshot(mDocument->project(), mDocument->scenario(), rules->rules[breach.rule], *previous);
    const QString scenario = QString::fromStdString(mDocument->scenario().name);
    const auto count = static_cast<int>(report.breaches.size());
    mSummary->setText(count == 0   ? tr("%1: every rule is met.").arg(scenario)
                      : count == 1 ? tr("%1: 1 breach.").arg(scenario)
                                   : tr("%1: %2 breaches, worst first.").arg(scenario).arg(count));
    mTable->setRowCount(static_cast<int>(report.breaches.size()));
    const auto right = Qt::AlignRight | Qt::AlignVCenter;
    for (int row = 0; row < mTable->rowCount(); ++row) {
        const HealthBreach &breach = report.breaches[static_cast<std::size_t>(row)];
        const HealthRule &rule = rules->rules[breach.rule];
        auto *ruleItem = cell(problemText(rule, breach, mStatistics->display()));
        ruleItem->setToolTip(ruleText(rule));
        mTable->setItem(row, RuleColumn, ruleItem);
        const bool hasTerritory = mDocument->isValidTerritory(breach.territory);
        auto *territory = cell(hasTerritory ? QString::fromStdString(mDocument->territory(breach.territory).name)
                                            : QStringLiteral("–"));
        territory->setData(Qt::UserRole, hasTerritory ? breach.territory.value() : -1);
        if (hasTerritory)
            territory->setData(Qt::DecorationRole, QColor::fromRgb(mDocument->territory(breach.territory).color));
        mTable->setItem(row, TerritoryColumn, territory);
        const auto rep = static_cast<std::size_t>(breach.rep.value());
        mTable->setItem(row, RepColumn,
                        cell(breach.rep.isValid() && rep < reps.size() ? QString::fromStdString(reps[rep].name)
                                                                       : tr("(no rep)")));
        auto *figure = cell(figureText(rule, breach.value), right);
        figure->setData(Qt::UserRole, breach.value);
        QString tip = tr("%1 % past the limit").arg(QLocale().toString(breach.severity * 100.0, 'f', 0));
        const auto trend = previousKpi.find(breach.rule);
        if (trend != previousKpi.end() && static_cast<std::size_t>(breach.territory.value()) < trend->second.size()
            && std::isfinite(trend->second[static_cast<std::size_t>(breach.territory.value())])) {
            const double before = trend->second[static_cast<std::size_t>(breach.territory.value())];
            const QString arrow = breach.value > before ? QStringLiteral("▲") : breach.value < before ? QStringLiteral("▼") : QStringLiteral("=");
            figure->setText(QStringLiteral("%1 %2 %3").arg(figureText(rule, breach.value), arrow, figureText(rule, before)));
            tip += QLatin1Char('\n') + tr("%1 on %2 (the snapshot before %3)")
                                           .arg(figureText(rule, before), QString::fromStdString(previous->date),
                                                QString::fromStdString(mDocument->project().latestKpiSnapshot()->date));
        }
        figure->setToolTip(tip);
        // Up to a quarter past the limit: amber; beyond: red.
        figure->setBackground(breach.severity <= 0.25 ? QColor(0xFD, 0xE0, 0xA0) : QColor(0xF4, 0xA5, 0x82));
        mTable->setItem(row, FigureColumn, figure);
        auto *limit = cell(figureText(rule, breach.threshold), right);
        limit->setData(Qt::UserRole, breach.threshold);
        mTable->setItem(row, LimitColumn, limit);
    }
    QStringList skipped;
    for (const SkippedRule &s : report.skipped)
        skipped << tr("Not checked: %1 (%2)")
                       .arg(ruleText(rules->rules[s.rule]), QString::fromStdString(s.reason));
    if (!skipped.isEmpty()) {
        mSkipped->setText(skipped.join(QLatin1Char('\n')));
        mSkipped->show();
    }
}

} // namespace tessera::ui
