#include "ui/panels/findbox.h"

#include "ui/canvas/mapcanvas.h"
#include "ui/canvas/webmercator.h"
#include "ui/document/document.h"

#include <QCompleter>
#include <QStringListModel>

namespace tessera::ui {

namespace {

/// Half the side of the square shown around a point (an account, a rep's home), metres.
constexpr double PointViewHalfSide = 15000.0;

QString label(const std::string &name, const char *kind, const std::string &key)
{
    const QString n = QString::fromStdString(name);
    const QString k = QString::fromStdString(key);
    return (n.isEmpty() || n == k) ? QStringLiteral("%1 %2").arg(QLatin1String(kind), k)
                                   : QStringLiteral("%1 (%2 %3)").arg(n, QLatin1String(kind), k);
}

} // namespace

FindBox::FindBox(Document *document, MapCanvas *canvas, QWidget *parent)
    : QLineEdit(parent), mDocument(document), mCanvas(canvas), mModel(new QStringListModel(this))
{
    setObjectName(QStringLiteral("findBox"));
    setPlaceholderText(tr("Find unit, account, rep, territory (Ctrl+F)"));
    setToolTip(tr("Find a unit, account, rep or territory by name or id (Ctrl+F)"));
    setClearButtonEnabled(true);
    setMaximumWidth(320);
    auto *completer = new QCompleter(mModel, this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    setCompleter(completer);
    connect(completer, qOverload<const QString &>(&QCompleter::activated), this, [this](const QString &text) { find(text); });
    connect(this, &QLineEdit::returnPressed, this, [this] { find(text()); });
    connect(document, &Document::projectReplaced, this, &FindBox::rebuild);
    connect(document, &Document::scenariosChanged, this, &FindBox::updateTerritories);
    connect(document, &Document::changed, this, &FindBox::updateTerritories);
    rebuild();
}

void FindBox::rebuild()
{
    QStringList texts;
    mEntries.clear();
    if (mDocument->hasProject()) {
        const Project &project = mDocument->project();
        for (const Unit &unit : project.units().units()) {
            texts << label(unit.name, "unit", unit.key);
            mEntries.push_back({Kind::Unit, unit.id.value()});
        }
        for (const Account &account : project.accounts().accounts()) {
            texts << label(account.name, "account", account.key);
            mEntries.push_back({Kind::Account, account.id.value()});
        }
        for (const Rep &rep : project.reps()) {
            texts << label(rep.name, "rep", rep.key);
            mEntries.push_back({Kind::Rep, rep.id.value()});
        }
    }
    mTerritoryTexts.clear();
    mModel->setStringList(texts);
    updateTerritories();
}

void FindBox::updateTerritories()
{
    QStringList territories;
    if (mDocument->hasProject())
        for (const Territory &territory : mDocument->scenario().territories)
            territories << QStringLiteral("%1 (territory)").arg(QString::fromStdString(territory.name));
    if (territories == mTerritoryTexts)
        return;
    const int first = int(mEntries.size()) - int(mTerritoryTexts.size());
    mModel->removeRows(first, int(mTerritoryTexts.size()));
    mEntries.resize(first);
    mModel->insertRows(first, int(territories.size()));
    for (int t = 0; t < territories.size(); ++t) {
        mModel->setData(mModel->index(first + t), territories[t]);
        mEntries.push_back({Kind::Territory, t});
    }
    mTerritoryTexts = std::move(territories);
}

QStringList FindBox::entries() const
{
    return mModel->stringList();
}

bool FindBox::find(const QString &text)
{
    const QString wanted = text.trimmed();
    if (wanted.isEmpty())
        return false;
    const QStringList texts = mModel->stringList();
    int found = int(texts.indexOf(wanted));
    if (found < 0) {
        // Else the only entry containing the text (a name or an id).
        for (int i = 0; i < texts.size(); ++i)
            if (texts[i].contains(wanted, Qt::CaseInsensitive)) {
                if (found >= 0)
                    return false;
                found = i;
            }
    }
    if (found < 0)
        return false;
    show(mEntries[found]);
    return true;
}

void FindBox::show(const Entry &entry)
{
    const Project &project = mDocument->project();
    auto around = [this](const LonLat &point) {
        const QPointF p = mercator::project(point);
        mCanvas->zoomToRect(QRectF(p.x() - PointViewHalfSide, p.y() - PointViewHalfSide, 2 * PointViewHalfSide,
                                   2 * PointViewHalfSide));
    };
    switch (entry.kind) {
    case Kind::Unit: {
        const UnitId unit(entry.index);
        mDocument->setSelection({unit});
        mCanvas->zoomToUnits({unit});
        break;
    }
    case Kind::Account:
        around(project.accounts().account(AccountId(entry.index)).location);
        break;
    case Kind::Rep:
        around(project.reps()[std::size_t(entry.index)].home);
        break;
    case Kind::Territory:
        mDocument->setCurrentTerritory(TerritoryId(entry.index));
        mCanvas->zoomToTerritory(TerritoryId(entry.index));
        break;
    }
}

} // namespace tessera::ui
