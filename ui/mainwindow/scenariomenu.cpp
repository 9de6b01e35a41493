#include "ui/mainwindow/scenariomenu.h"

#include "ui/dialogs/comparedialog.h"
#include "ui/document/document.h"
#include "ui/mainwindow/mainwindow.h"
#include "ui/panels/scenariopanel.h"

#include <QAction>
#include <QInputDialog>
#include <QMenu>
#include <QMenuBar>

namespace tessera::ui {

ScenarioMenu::ScenarioMenu(MainWindow *window)
    : QObject(window), mWindow(window), mDocument(window->document()), mPanel(new ScenarioPanel(window->document(), window))
{
    window->addDockWidget(Qt::LeftDockWidgetArea, mPanel);
    connect(mPanel, &ScenarioPanel::compareRequested, this, [this] { openCompare(); });
}

void ScenarioMenu::addMenu(QMenuBar *bar)
{
    QMenu *menu = bar->addMenu(tr("S&cenario"));
    auto add = [this, menu](const QString &name, const QString &text, const QKeySequence &key, auto slot) {
        auto *a = new QAction(text, mWindow);
        a->setObjectName(name);
        if (!key.isEmpty())
            a->setShortcut(key);
        connect(a, &QAction::triggered, this, slot);
        menu->addAction(a);
        mWindow->addAction(a);
        return a;
    };
    add(QStringLiteral("newScenario"), tr("&New Empty Scenario…"), {}, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(mWindow, tr("New Empty Scenario"), tr("Name:"), QLineEdit::Normal,
                                                   QString::fromStdString(mDocument->uniqueScenarioName("Scenario")), &ok);
        if (ok && !name.trimmed().isEmpty())
            mPanel->createScenario(name.trimmed().toStdString(), false);
    });
    add(QStringLiteral("cloneScenario"), tr("&Clone Scenario…"), {}, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(
            mWindow, tr("Clone Scenario"), tr("Name:"), QLineEdit::Normal,
            QString::fromStdString(mDocument->uniqueScenarioName(mDocument->scenario().name + " copy")), &ok);
        if (ok && !name.trimmed().isEmpty())
            mPanel->cloneScenario(mDocument->scenarioIndex(), name.trimmed().toStdString());
    });
    add(QStringLiteral("saveAsScenario"), tr("Save &As New Scenario…"), QKeySequence::SaveAs, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(
            mWindow, tr("Save As New Scenario"), tr("Name:"), QLineEdit::Normal,
            QString::fromStdString(mDocument->uniqueScenarioName(mDocument->scenario().name + " copy")), &ok);
        if (ok && !name.trimmed().isEmpty())
            saveAsScenario(name.trimmed());
    });
    menu->addSeparator();
    add(QStringLiteral("baselineScenario"), tr("Make &Baseline"), {}, [this] { mPanel->makeBaseline(mDocument->scenarioIndex()); });
    add(QStringLiteral("deleteScenario"), tr("&Delete Scenario"), {}, [this] { mPanel->deleteScenario(mDocument->scenarioIndex()); });
    menu->addSeparator();
    add(QStringLiteral("compareScenarios"), tr("C&ompare with Baseline…"), QKeySequence(Qt::CTRL | Qt::Key_D),
        [this] { openCompare(); });
}

CompareDialog *ScenarioMenu::openCompare()
{
    if (!mDocument->hasProject() || mDocument->scenarioCount() < 1)
        return nullptr;
    const int current = mDocument->scenarioIndex();
    int before = -1;
    for (int i = 0; i < mDocument->scenarioCount(); ++i)
        if (mDocument->scenarioAt(i).isBaseline)
            before = i;
    int after = current;
    if (before < 0)
        before = current == 0 && mDocument->scenarioCount() > 1 ? 1 : 0;
    if (before == current && mDocument->scenarioCount() > 1)
        after = current == 0 ? 1 : 0; // the baseline is edited: compare the first other plan with it
    if (mCompare)
        mCompare->close();
    mCompare = new CompareDialog(*mDocument, before, after, mWindow);
    mCompare->setAttribute(Qt::WA_DeleteOnClose);
    mCompare->show();
    return mCompare;
}

bool ScenarioMenu::saveAsScenario(const QString &name)
{
    mPanel->cloneScenario(mDocument->scenarioIndex(), name.toStdString());
    return mWindow->saveProject();
}

} // namespace tessera::ui
