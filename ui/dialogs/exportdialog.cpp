#include "ui/dialogs/exportdialog.h"

#include "core/feedback.h"
#include "core/io/exporterregistry.h"
#include "core/io/figuretable.h"
#include "core/metrics/metricsengine.h"
#include "ui/dialogs/dialogsettings.h"
#include "core/plan/scenariometrics.h"
#include "ui/document/document.h"
#include "ui/export/slidedeck.h"
#include "ui/export/slideexporter.h"
#include "ui/export/sliderenderer.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEventLoop>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace tessera::ui {

namespace {

/// What the worker needs, copied on the GUI thread.
struct ExportJob {
    Project project;
    int scenario = 0;
    std::shared_ptr<const PreparedGeometry> geometry;
    QString format;
    unsigned contents = 0;
    SlideDeck::Kind deck = SlideDeck::Kind::Scenario;
    int baseline = -1; ///< >= 0: one compare slide against this scenario
    SlideOptions options;
    SlideExtent extent;
    QString path;
};

Result<QStringList> runJob(const ExportJob &job, Feedback *feedback)
{
    if (const auto slideFormat = SlideExporter::formatForKey(job.format)) {
        Result<QList<Slide>> slides = QList<Slide>();
        if (job.baseline >= 0) {
            auto slide = SlideDeck::compare(job.project, job.scenario, job.baseline, job.options);
            if (!slide)
                return slide.error();
            slides = QList<Slide>{*slide};
        } else {
            slides = SlideDeck::build(job.project, job.deck, job.scenario, job.options, feedback);
        }
        if (!slides)
            return slides.error();
        if (auto applied = SlideDeck::applyExtent(job.project, *slides, job.extent); !applied)
            return applied.error();
        const SlideRenderer renderer(job.project, job.geometry);
        return SlideExporter::write(*slideFormat, renderer, *slides, job.options, job.path, feedback);
    }
    const io::Exporter *exporter = io::findExporter(job.format.toStdString());
    if (!exporter)
        return makeError(ErrorCode::InvalidArgument, "unknown format");
    // A what-if scenario on its transformed input data, as the window shows it.
    auto input = ScenarioMetrics::input(job.project, job.project.scenarios()[static_cast<std::size_t>(job.scenario)]);
    if (!input)
        return input.error();
    const Project &data = input->dataOr(job.project);
    auto engine = MetricsEngine::create(data, input->scenario, {}, nullptr, feedback);
    if (!engine)
        return engine.error();
    auto stats = exporter->write({data, input->scenario, **engine}, job.contents, job.path.toStdString(), feedback);
    if (!stats)
        return stats.error();
    return QStringList{job.path};
}

} // namespace

ExportDialog::ExportDialog(const Document *document, std::shared_ptr<const PreparedGeometry> geometry,
                           const MapViewport &currentView, QWidget *parent)
    : QDialog(parent), mDocument(document), mGeometry(std::move(geometry)), mCurrentView(currentView)
{
    setWindowTitle(tr("Export"));
    setObjectName(QStringLiteral("exportDialog"));
    if (mDocument && mDocument->hasProject() && mGeometry)
        mRenderer = std::make_unique<SlideRenderer>(mDocument->project(), mGeometry);

    mFormat = new QComboBox(this);
    mFormat->setObjectName(QStringLiteral("format"));
    for (const QString &key : SlideExporter::keys())
        mFormat->addItem(SlideExporter::nameFilter(*SlideExporter::formatForKey(key)), key);
    mFormat->insertSeparator(mFormat->count());
    for (const auto &exporter : io::exporters())
        mFormat->addItem(QString::fromStdString(exporter->nameFilter()), QString::fromStdString(exporter->key()));
    mFormat->setCurrentIndex(mFormat->findData(QStringLiteral("pptx")));

    mContent = new QComboBox(this);
    mContent->addItem(tr("Default for the format"), 0u);
    mContent->addItem(tr("Territories (dissolved, with figures)"), static_cast<unsigned>(io::ExportContent::Territories));
    mContent->addItem(tr("Units with territory and rep (the plan)"), static_cast<unsigned>(io::ExportContent::Units));
    mContent->addItem(tr("Accounts with territory and rep (CRM)"), static_cast<unsigned>(io::ExportContent::Accounts));
    mDeck = new QComboBox(this);
    mDeck->setObjectName(QStringLiteral("deck"));
    mDeck->addItem(tr("This scenario"), static_cast<int>(SlideDeck::Kind::Scenario));
    mDeck->addItem(tr("Every scenario, one slide each"), static_cast<int>(SlideDeck::Kind::Scenarios));
    mDeck->addItem(tr("This scenario, then one slide per territory"), static_cast<int>(SlideDeck::Kind::Territories));
    mDeck->addItem(tr("Compare with the baseline below"), -1);
    mBaseline = new QComboBox(this);
    mBaseline->setObjectName(QStringLiteral("baseline"));
    if (mDocument && mDocument->hasProject())
        for (const Scenario &scenario : mDocument->project().scenarios())
            mBaseline->addItem(QString::fromStdString(scenario.name));
    mTheme = new QComboBox(this);
    mTheme->addItem(tr("Light"));
    mTheme->addItem(tr("Dark"));
    mExtent = new QComboBox(this);
    mExtent->setObjectName(QStringLiteral("extent"));
    mExtent->addItem(tr("Whole plan"));
    mExtent->addItem(tr("Current view"));
    if (mDocument && mDocument->hasProject() && mDocument->scenarioIndex() >= 0) {
        // One territory of the plan, zoomed to it.
        const Scenario &plan = mDocument->scenario();
        const auto counts = plan.alignment.unitCounts(plan.territories.size());
        for (const Territory &t : plan.territories)
            if (counts[static_cast<std::size_t>(t.id.value())] > 0)
                mExtent->addItem(tr("Territory: %1").arg(QString::fromStdString(t.name)), QString::fromStdString(t.name));
    }
    mTitle = new QLineEdit(this);
    mTitle->setObjectName(QStringLiteral("title"));
    mTitle->setPlaceholderText(tr("Scenario name"));
    mSubtitle = new QLineEdit(this);
    mSubtitle->setPlaceholderText(tr("Territory, unit and account counts"));

    auto check = [this](const QString &text, bool on) {
        auto *box = new QCheckBox(text, this);
        box->setChecked(on);
        connect(box, &QCheckBox::toggled, this, &ExportDialog::schedulePreview);
        return box;
    };
    mBasemap = check(tr("Basemap"), true);
    mBasemap->setObjectName(QStringLiteral("basemap"));
    mFills = check(tr("Territory fills"), true);
    mBorders = check(tr("Territory borders"), true);
    mLabels = check(tr("Labels"), true);
    mReps = check(tr("Rep homes"), true);
    mAccounts = check(tr("Accounts"), false);
    mLegend = check(tr("Legend"), true);
    mTable = check(tr("Metrics table"), true);

    mMetrics = new QListWidget(this);
    mMetrics->setMaximumHeight(150);
    if (mDocument && mDocument->hasProject() && mDocument->scenarioIndex() >= 0) {
        auto engine = MetricsEngine::create(mDocument->project(), mDocument->scenario());
        if (engine) {
            const io::FigureTable figures = io::FigureTable::build(mDocument->project(), **engine);
            const QStringList defaults = SlideDeck::tableKeys(figures, {});
            for (const io::FigureColumn &column : figures.columns()) {
                if (column.key == "territory" || column.key == "color")
                    continue;
                auto *item = new QListWidgetItem(QString::fromStdString(column.label), mMetrics);
                item->setData(Qt::UserRole, QString::fromStdString(column.key));
                const bool shown = defaults.contains(QString::fromStdString(column.key));
                item->setCheckState(shown ? Qt::Checked : Qt::Unchecked);
            }
        }
    }
    connect(mMetrics, &QListWidget::itemChanged, this, &ExportDialog::schedulePreview);

    auto *form = new QFormLayout;
    form->addRow(tr("Format:"), mFormat);
    form->addRow(tr("Data:"), mContent);
    form->addRow(tr("Slides:"), mDeck);
    form->addRow(tr("Baseline:"), mBaseline);
    form->addRow(tr("Title:"), mTitle);
    form->addRow(tr("Subtitle:"), mSubtitle);
    form->addRow(tr("Theme:"), mTheme);
    form->addRow(tr("Extent:"), mExtent);
    auto *layers = new QVBoxLayout;
    for (QCheckBox *box : {mBasemap, mFills, mBorders, mLabels, mReps, mAccounts, mLegend, mTable})
        layers->addWidget(box);
    form->addRow(tr("Show:"), layers);
    form->addRow(tr("Metrics:"), mMetrics);

    mPreview = new QLabel(this);
    mPreview->setObjectName(QStringLiteral("preview"));
    mPreview->setFixedSize(720, 405);
    mPreview->setAlignment(Qt::AlignCenter);
    mPreview->setFrameShape(QFrame::StyledPanel);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *exportButton = buttons->addButton(tr("Export…"), QDialogButtonBox::AcceptRole);
    exportButton->setObjectName(QStringLiteral("exportButton"));
    connect(exportButton, &QPushButton::clicked, this, &ExportDialog::chooseFileAndExport);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *top = new QHBoxLayout;
    top->addLayout(form);
    top->addWidget(mPreview, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(buttons);

    for (QComboBox *box : {mFormat, mContent, mDeck, mBaseline, mTheme, mExtent})
        connect(box, &QComboBox::currentIndexChanged, this, [this] {
            updateEnabled();
            schedulePreview();
        });
    for (QLineEdit *edit : {mTitle, mSubtitle})
        connect(edit, &QLineEdit::textChanged, this, &ExportDialog::schedulePreview);
    mPreviewTimer.setSingleShot(true);
    mPreviewTimer.setInterval(150);
    connect(&mPreviewTimer, &QTimer::timeout, this, &ExportDialog::updatePreview);
    // The title, baseline and metrics belong to the project; the rest is kept between exports.
    const std::pair<QWidget *, const char *> kept[] = {
        {mContent, "content"}, {mTheme, "theme"}, {mFills, "fills"}, {mBorders, "borders"}, {mLabels, "labels"},
        {mReps, "reps"}, {mAccounts, "accounts"}, {mLegend, "legend"}, {mTable, "table"}};
    for (const auto &[widget, name] : kept)
        widget->setObjectName(QString::fromLatin1(name));
    DialogSettings::attach(this, QStringLiteral("export"),
                           {mFormat, mContent, mDeck, mTheme, mExtent, mBasemap, mFills, mBorders, mLabels, mReps,
                            mAccounts, mLegend, mTable});
    updateEnabled();
    updatePreview();
}

ExportDialog::~ExportDialog() = default;

bool ExportDialog::isSlideFormat() const
{
    return SlideExporter::formatForKey(mFormat->currentData().toString()).has_value();
}

void ExportDialog::updateEnabled()
{
    const bool slides = isSlideFormat();
    mContent->setEnabled(!slides);
    mBaseline->setEnabled(slides && mDeck->currentData().toInt() < 0 && mBaseline->count() > 0);
    for (QWidget *w : std::initializer_list<QWidget *>{mDeck, mTitle, mSubtitle, mTheme, mExtent, mBasemap, mFills,
                                                       mBorders, mLabels, mReps, mAccounts, mLegend, mTable, mMetrics})
        w->setEnabled(slides);
}

SlideOptions ExportDialog::slideOptions() const
{
    SlideOptions options;
    options.title = mTitle->text().trimmed();
    options.subtitle = mSubtitle->text().trimmed();
    options.theme = mTheme->currentIndex() == 1 ? SlideOptions::Theme::Dark : SlideOptions::Theme::Light;
    options.basemap = mBasemap->isChecked();
    options.fills = mFills->isChecked();
    options.borders = mBorders->isChecked();
    options.labels = mLabels->isChecked();
    options.repHomes = mReps->isChecked();
    options.accounts = mAccounts->isChecked();
    options.legend = mLegend->isChecked();
    options.table = mTable->isChecked();
    for (int i = 0; i < mMetrics->count(); ++i)
        if (mMetrics->item(i)->checkState() == Qt::Checked)
            options.metrics << mMetrics->item(i)->data(Qt::UserRole).toString();
    if (options.metrics.isEmpty())
        options.table = false;
    return options;
}

QImage ExportDialog::previewImage() const
{
    return mPreviewImage;
}

SlideExtent ExportDialog::chosenExtent() const
{
    SlideExtent extent;
    if (mExtent->currentIndex() == 1 && mCurrentView.isValid()) {
        extent.kind = SlideExtent::Kind::Rect;
        extent.rect = mCurrentView.extent();
    } else if (mExtent->currentIndex() >= 2) {
        extent.kind = SlideExtent::Kind::Territory;
        extent.territory = mExtent->currentData().toString();
    }
    return extent;
}

void ExportDialog::schedulePreview()
{
    mPreviewTimer.start();
}

void ExportDialog::updatePreview()
{
    if (!mRenderer || mDocument->scenarioIndex() < 0) {
        mPreview->setText(tr("Open a project to preview its slides."));
        return;
    }
    SlideOptions options = slideOptions();
    const bool compare = mDeck->currentData().toInt() < 0 && mBaseline->currentIndex() >= 0;
    auto slide = compare ? SlideDeck::compare(mDocument->project(), mDocument->scenarioIndex(), mBaseline->currentIndex(), options)
                         : SlideDeck::overview(mDocument->project(), mDocument->scenarioIndex(), options);
    if (!slide) {
        mPreview->setText(QString::fromStdString(slide.error().toString()));
        return;
    }
    QList<Slide> shown{*slide};
    if (!SlideDeck::applyExtent(mDocument->project(), shown, chosenExtent()))
        shown = {*slide};
    options.size = QSize(960, 540); // the preview is the slide at half size: same layout
    mPreviewImage = mRenderer->image(shown.front(), options);
    mPreview->setPixmap(QPixmap::fromImage(
        mPreviewImage.scaled(mPreview->size(), Qt::KeepAspectRatio, Qt::SmoothTransformation)));
}

bool ExportDialog::exportTo(const QString &path, QString *error)
{
    if (!mDocument || !mDocument->hasProject() || mDocument->scenarioIndex() < 0) {
        if (error)
            *error = tr("No project is open.");
        return false;
    }
    ExportJob job;
    job.project = mDocument->project();
    job.scenario = mDocument->scenarioIndex();
    job.geometry = mGeometry;
    job.format = mFormat->currentData().toString();
    job.contents = mContent->currentData().toUInt();
    if (mDeck->currentData().toInt() < 0)
        job.baseline = mBaseline->currentIndex();
    else
        job.deck = static_cast<SlideDeck::Kind>(mDeck->currentData().toInt());
    job.options = slideOptions();
    job.extent = chosenExtent();
    job.path = path;

    auto feedback = std::make_shared<Feedback>();
    QProgressDialog progress(tr("Exporting…"), tr("Cancel"), 0, 100, this);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(300);
    feedback->setProgressCallback([&progress](double fraction, std::string_view) {
        QMetaObject::invokeMethod(&progress, [&progress, fraction] { progress.setValue(static_cast<int>(fraction * 100)); },
                                  Qt::QueuedConnection);
    });
    connect(&progress, &QProgressDialog::canceled, this, [feedback] { feedback->cancel(); });
    QFutureWatcher<Result<QStringList>> watcher;
    QEventLoop loop;
    connect(&watcher, &QFutureWatcher<Result<QStringList>>::finished, &loop, &QEventLoop::quit);
    watcher.setFuture(QtConcurrent::run([job = std::move(job), feedback] { return runJob(job, feedback.get()); }));
    if (!watcher.isFinished())
        loop.exec();
    feedback->setProgressCallback({});
    const Result<QStringList> result = watcher.result();
    if (!result) {
        if (error)
            *error = QString::fromStdString(result.error().toString());
        return false;
    }
    return true;
}

void ExportDialog::chooseFileAndExport()
{
    const QString key = mFormat->currentData().toString();
    QString filter;
    if (const auto slideFormat = SlideExporter::formatForKey(key))
        filter = SlideExporter::nameFilter(*slideFormat);
    else if (const io::Exporter *exporter = io::findExporter(key.toStdString()))
        filter = QString::fromStdString(exporter->nameFilter());
    QString path = QFileDialog::getSaveFileName(this, tr("Export"), DialogSettings::startPath(QStringLiteral("export")), filter);
    if (path.isEmpty())
        return;
    DialogSettings::rememberFolder(QStringLiteral("export"), path);
    if (!path.contains(QLatin1Char('.')))
        path += QLatin1Char('.') + key;
    QString error;
    if (!exportTo(path, &error)) {
        QMessageBox::warning(this, tr("Export failed"), error);
        return;
    }
    accept();
}

} // namespace tessera::ui
