#include "ui/panels/layerspanel.h"

#include "ui/canvas/mapcanvas.h"
#include "ui/canvas/maplayer.h"
#include "ui/canvas/unitfilllayer.h"
#include "ui/document/territorystatistics.h"

#include <QComboBox>
#include <QFormLayout>
#include <QListWidget>
#include <QVBoxLayout>

namespace tessera::ui {

LayersPanel::LayersPanel(MapCanvas *canvas, TerritoryStatistics *statistics, QWidget *parent)
    : QDockWidget(tr("Layers"), parent), mCanvas(canvas), mStatistics(statistics)
{
    setObjectName(QStringLiteral("LayersPanel"));
    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(4, 4, 4, 4);
    mLayers = new QListWidget(content);
    layout->addWidget(mLayers);
    auto *form = new QFormLayout;
    mThematic = new QComboBox(content);
    form->addRow(tr("Colour units by"), mThematic);
    layout->addLayout(form);
    setWidget(content);

    connect(mLayers, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        if (!mUpdating)
            mCanvas->setLayerVisible(item->data(Qt::UserRole).toString(), item->checkState() == Qt::Checked);
    });
    connect(mThematic, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (mUpdating)
            return;
        if (auto *units = dynamic_cast<UnitFillLayer *>(mCanvas->layer(QStringLiteral("units")))) {
            units->setThematicAttribute(index <= 0 ? QString() : mThematic->currentText());
            mCanvas->refreshLayer(QStringLiteral("units"));
        }
    });
    connect(mStatistics, &TerritoryStatistics::updated, this, [this] {
        if (mThematic->count() != mStatistics->attributes().size() + 1)
            refresh();
    });
    refresh();
}

void LayersPanel::refresh()
{
    mUpdating = true;
    mLayers->clear();
    const auto &layers = mCanvas->layers();
    for (auto it = layers.rbegin(); it != layers.rend(); ++it) {
        auto *item = new QListWidgetItem((*it)->name(), mLayers);
        item->setData(Qt::UserRole, (*it)->id());
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState((*it)->isVisible() ? Qt::Checked : Qt::Unchecked);
    }
    const QString current = mThematic->currentText();
    mThematic->clear();
    mThematic->addItem(tr("Territory"));
    mThematic->addItems(mStatistics->attributes());
    const int index = mThematic->findText(current);
    mThematic->setCurrentIndex(index < 0 ? 0 : index);
    mUpdating = false;
}

} // namespace tessera::ui
