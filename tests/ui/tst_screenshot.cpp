// `tessera --screenshot OUT.png PROJECT` renders the main window with the map
// without a display; the PNG must show the territories, not a blank canvas.
#include "core/store/projectstore.h"
#include "tests/ui/testprojects.h"

#include <QFileInfo>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using namespace tessera;

class TestScreenshot : public QObject {
    Q_OBJECT

private:
    QTemporaryDir mDir;

    /// The sample project, or a generated one when the sample is missing.
    QString projectPath()
    {
        const QString sample = QStringLiteral(TESSERA_SOURCE_DIR "/resources/samples/southeast.tessera");
        if (QFileInfo::exists(sample))
            return sample;
        const QString path = mDir.filePath(QStringLiteral("grid.tessera"));
        auto store = ProjectStore::open(path.toStdString(), ProjectStore::OpenMode::Create);
        if (store)
            (void)(*store)->save(testing::makeGridProject(30, 20, 6));
        return path;
    }

    static int run(const QStringList &arguments, QString *errors = nullptr)
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(TESSERA_GUI_PATH), arguments);
        if (!process.waitForFinished(180000))
            return -1;
        if (errors)
            *errors = QString::fromLocal8Bit(process.readAllStandardError());
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }

private slots:
    void rendersTheMap()
    {
        QVERIFY(mDir.isValid());
        const QString project = projectPath();
        auto store = ProjectStore::open(project.toStdString(), ProjectStore::OpenMode::ReadOnly);
        QVERIFY2(store, store ? "" : store.error().toString().c_str());
        auto loaded = (*store)->load();
        QVERIFY2(loaded, loaded ? "" : loaded.error().toString().c_str());
        QVERIFY(!loaded->scenarios().empty());
        const Scenario &plan = loaded->scenarios().front();
        QVERIFY(plan.territories.size() >= 2);

        const QString out = mDir.filePath(QStringLiteral("shot.png"));
        QString errors;
        QCOMPARE(run({QStringLiteral("--screenshot"), out, QStringLiteral("--size"), QStringLiteral("1200x800"), project}, &errors), 0);
        QImage image(out);
        QVERIFY2(!image.isNull(), qPrintable(errors));
        QCOMPARE(image.size(), QSize(1200, 800));

        // Unit fills are the territory colour at alpha 215 over the map background.
        const QColor background(0xDD, 0xE8, 0xF0);
        auto blend = [&](std::uint32_t rgb) {
            const double a = 215.0 / 255.0;
            return QColor(int(((rgb >> 16) & 0xFF) * a + background.red() * (1 - a) + 0.5),
                          int(((rgb >> 8) & 0xFF) * a + background.green() * (1 - a) + 0.5),
                          int((rgb & 0xFF) * a + background.blue() * (1 - a) + 0.5));
        };
        QList<QColor> expected;
        for (const Territory &t : plan.territories)
            expected << blend(t.color);
        QSet<QRgb> distinct;
        QList<int> perTerritory(expected.size(), 0);
        qint64 territoryPixels = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x) {
                const QColor c(image.pixel(x, y));
                distinct.insert(c.rgb());
                for (qsizetype i = 0; i < expected.size(); ++i) {
                    const QColor &e = expected[i];
                    if (std::abs(c.red() - e.red()) + std::abs(c.green() - e.green()) + std::abs(c.blue() - e.blue()) <= 24) {
                        ++perTerritory[i];
                        ++territoryPixels;
                        break;
                    }
                }
            }
        const double share = double(territoryPixels) / (image.width() * image.height());
        qInfo("territory-coloured share: %.1f %%, distinct colours: %d", share * 100, int(distinct.size()));
        QVERIFY2(share > 0.04, "territory fills should cover a meaningful part of the window");
        QVERIFY(distinct.size() > 50);
        int shown = 0;
        for (int n : perTerritory)
            shown += n > 50 ? 1 : 0;
        QVERIFY2(shown >= int(expected.size()) * 3 / 4, "most territories should be visible");
    }

    void badArguments()
    {
        QCOMPARE(run({QStringLiteral("--screenshot"), mDir.filePath(QStringLiteral("x.png")),
                      mDir.filePath(QStringLiteral("missing.tessera"))}), 1);
        QCOMPARE(run({QStringLiteral("--screenshot"), mDir.filePath(QStringLiteral("x.png")), QStringLiteral("--size"),
                      QStringLiteral("10x10")}), 2);
    }
};

QTEST_GUILESS_MAIN(TestScreenshot)
#include "tst_screenshot.moc"
