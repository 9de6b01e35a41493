#include "ui/wizard/csvsourcebox.h"

#include "core/io/csvreader.h"
#include "ui/dialogs/dialogsettings.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>

namespace tessera {

namespace {
constexpr int PreviewRows = 5;
}

CsvSourceBox::CsvSourceBox(const QString &title, const QStringList &roles, QWidget *parent)
    : QGroupBox(title, parent), mPath(new QLineEdit(this)), mRoles(roles), mPreview(new QTableWidget(this))
{
    auto *form = new QFormLayout(this);
    auto *row = new QHBoxLayout;
    mPath->setObjectName(QStringLiteral("path"));
    mPath->setPlaceholderText(tr("none"));
    auto *browse = new QPushButton(tr("Browse…"), this);
    row->addWidget(mPath);
    row->addWidget(browse);
    form->addRow(tr("File:"), row);
    auto *columns = new QHBoxLayout;
    for (const QString &role : roles) {
        auto *combo = new QComboBox(this);
        combo->setObjectName(role);
        combo->setToolTip(tr("Column holding the %1").arg(role));
        columns->addWidget(combo);
        mCombos.push_back(combo);
    }
    form->addRow(tr("Columns (%1):").arg(roles.join(QStringLiteral(", "))), columns);
    mPreview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    mPreview->verticalHeader()->hide();
    mPreview->setMaximumHeight(150);
    form->addRow(mPreview);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, QGroupBox::title(),
                                                          ui::DialogSettings::startPath(QStringLiteral("newProject"), mPath->text()),
                                                          tr("CSV files (*.csv *.txt);;All files (*)"));
        if (file.isEmpty())
            return;
        ui::DialogSettings::rememberFolder(QStringLiteral("newProject"), file);
        setPath(file);
    });
    connect(mPath, &QLineEdit::editingFinished, this, &CsvSourceBox::reload);
}

QString CsvSourceBox::path() const
{
    return mPath->text().trimmed();
}

void CsvSourceBox::setPath(const QString &path)
{
    mPath->setText(path);
    reload();
}

std::string CsvSourceBox::column(const QString &role) const
{
    const int index = mRoles.indexOf(role);
    if (index < 0 || mCombos[index]->currentIndex() <= 0)
        return {};
    return mCombos[index]->currentText().toStdString();
}

void CsvSourceBox::reload()
{
    mPreview->clear();
    mPreview->setRowCount(0);
    mPreview->setColumnCount(0);
    QStringList columns;
    if (!path().isEmpty()) {
        auto table = io::readCsv(path().toStdString(), io::CsvOptions{});
        if (table) {
            for (const std::string &column : table->columns)
                columns << QString::fromStdString(column);
            mPreview->setColumnCount(int(columns.size()));
            mPreview->setHorizontalHeaderLabels(columns);
            const int rows = int(std::min<std::size_t>(table->records.size(), PreviewRows));
            mPreview->setRowCount(rows);
            for (int r = 0; r < rows; ++r)
                for (std::size_t c = 0; c < table->records[std::size_t(r)].fields.size() && int(c) < columns.size(); ++c)
                    mPreview->setItem(r, int(c),
                                      new QTableWidgetItem(QString::fromStdString(table->records[std::size_t(r)].fields[c])));
        } else {
            mPreview->setColumnCount(1);
            mPreview->setHorizontalHeaderLabels({tr("Problem")});
            mPreview->setRowCount(1);
            mPreview->setItem(0, 0, new QTableWidgetItem(QString::fromStdString(table.error().toString())));
        }
    }
    for (QComboBox *combo : mCombos) {
        combo->clear();
        combo->addItem(tr("(detected)"));
        combo->addItems(columns);
    }
    emit changed();
}

} // namespace tessera
