// Golden cases of the tessera-cli contract (docs/cli.md): every folder of
// tests/data/cli that holds an `args` file is one run of the real binary.
//
// A case folder holds:
//   args            the arguments, one per line (placeholders below)
//   setup           optional: arguments of a command that must succeed first
//   expected_exit   the exit status (0 when absent)
//   expected.json   stdout as JSON: keys compared exactly, numbers within a
//                   relative 1e-6, "seconds" by type only
//   expected.stdout stdout as text (when it is not JSON); with neither, stdout must be empty
//   expected.stderr stderr as text; when absent, stderr must be empty
//   expected.NAME   any other expected.* file: the file NAME the run wrote in @TMP@
// A run that fails (exit other than 0 and 4) must leave @TMP@ and the project untouched.
// Placeholders: @SAMPLE@ a fresh copy of resources/samples/southeast.tessera,
// @DATA@ tests/data, @CASE@ the case folder, @TMP@ the run's temporary folder.
// Paths in the output are turned back into the placeholders before comparing.
//
// TESSERA_UPDATE_GOLDEN=1 rewrites every case's expected files from the runs
// (after a change that legitimately moves figures, e.g. a merge); review the
// diff before committing it.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace {

const QString Cli = QStringLiteral(TESSERA_CLI_PATH);
const QString DataDir = QStringLiteral(TESSERA_SOURCE_DIR "/tests/data");
const QString CasesDir = DataDir + QStringLiteral("/cli");
const QString Sample = QStringLiteral(TESSERA_SOURCE_DIR "/resources/samples/southeast.tessera");

/// Keys whose value changes from run to run: only their type is compared.
const QStringList VolatileKeys = {"seconds"};

constexpr double RelativeTolerance = 1e-6;

bool updating() { return qEnvironmentVariableIntValue("TESSERA_UPDATE_GOLDEN") == 1; }

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(content) == content.size();
}

struct Placeholders {
    QString sample, caseDir, tmp;

    QString expand(QString text) const
    {
        return text.replace("@SAMPLE@", sample).replace("@CASE@", caseDir).replace("@DATA@", DataDir).replace("@TMP@", tmp);
    }
    /// The inverse of expand, longest paths first.
    QString fold(QString text) const
    {
        return text.replace(sample, "@SAMPLE@").replace(caseDir, "@CASE@").replace(DataDir, "@DATA@").replace(tmp, "@TMP@");
    }
};

QStringList argumentsFrom(const QString &path, const Placeholders &placeholders)
{
    QString text = QString::fromUtf8(readAll(path));
    if (text.endsWith('\n'))
        text.chop(1);
    QStringList arguments;
    if (text.isEmpty())
        return arguments;
    for (const QString &line : text.split('\n'))
        arguments << placeholders.expand(line);
    return arguments;
}

struct Run {
    bool finished = false;
    int exitCode = -1;
    QString out;
    QString err;
};

Run runCli(const QStringList &arguments, const QString &workingDir)
{
    QProcess process;
    process.setWorkingDirectory(workingDir);
    process.start(Cli, arguments);
    Run run;
    run.finished = process.waitForFinished(300000) && process.exitStatus() == QProcess::NormalExit;
    run.exitCode = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return "null";
    case QJsonValue::Bool:
        return "bool";
    case QJsonValue::Double:
        return "number";
    case QJsonValue::String:
        return "string";
    case QJsonValue::Array:
        return "array";
    case QJsonValue::Object:
        return "object";
    default:
        return "undefined";
    }
}

/// Every difference between \a expected and \a actual, one line each, naming the JSON path.
void compareJson(const QJsonValue &expected, const QJsonValue &actual, const QString &path, QStringList &differences)
{
    if (expected.type() != actual.type()) {
        differences << QString("%1: expected a %2, got a %3").arg(path, typeName(expected), typeName(actual));
        return;
    }
    const QString key = path.section('.', -1);
    if (VolatileKeys.contains(key))
        return;
    switch (expected.type()) {
    case QJsonValue::Object: {
        const QJsonObject e = expected.toObject(), a = actual.toObject();
        for (auto it = e.begin(); it != e.end(); ++it) {
            if (!a.contains(it.key()))
                differences << QString("%1.%2: missing").arg(path, it.key());
            else
                compareJson(it.value(), a.value(it.key()), path + '.' + it.key(), differences);
        }
        for (auto it = a.begin(); it != a.end(); ++it)
            if (!e.contains(it.key()))
                differences << QString("%1.%2: unexpected key").arg(path, it.key());
        break;
    }
    case QJsonValue::Array: {
        const QJsonArray e = expected.toArray(), a = actual.toArray();
        if (e.size() != a.size())
            differences << QString("%1: expected %2 elements, got %3").arg(path).arg(e.size()).arg(a.size());
        for (qsizetype i = 0; i < std::min(e.size(), a.size()); ++i)
            compareJson(e[i], a[i], QString("%1[%2]").arg(path).arg(i), differences);
        break;
    }
    case QJsonValue::Double: {
        const double e = expected.toDouble(), a = actual.toDouble();
        if (std::fabs(e - a) > RelativeTolerance * std::max(std::fabs(e), std::fabs(a)) + 1e-12)
            differences << QString("%1: expected %2, got %3").arg(path).arg(e, 0, 'g', 17).arg(a, 0, 'g', 17);
        break;
    }
    default:
        if (expected != actual)
            differences << QString("%1: expected %2, got %3")
                               .arg(path, QString::fromUtf8(QJsonDocument(QJsonArray{expected}).toJson(QJsonDocument::Compact)),
                                    QString::fromUtf8(QJsonDocument(QJsonArray{actual}).toJson(QJsonDocument::Compact)));
    }
}

/// Parses \a text as one JSON document (object or array); nothing when it is not.
std::optional<QJsonValue> parseJson(const QString &text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || document.isNull())
        return std::nullopt;
    return document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
}

} // namespace

class TestCliGolden : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(Cli), qPrintable(Cli));
        QVERIFY2(QFile::exists(Sample), qPrintable(Sample));
    }

    /// The comparison itself catches what it must: a renamed key, a moved
    /// figure, a changed type; it forgives rounding and run time.
    void comparisonCatchesDrift()
    {
        const QJsonObject golden{{"cut_edges", 12}, {"seconds", 1.5}, {"rep", QJsonObject{{"name", "Ann"}}}};
        QStringList differences;
        compareJson(golden, golden, "$", differences);
        QVERIFY(differences.isEmpty());

        QJsonObject rounded = golden;
        rounded["cut_edges"] = 12.0 * (1 + 1e-9);
        rounded["seconds"] = 99.0;
        compareJson(golden, rounded, "$", differences);
        QVERIFY2(differences.isEmpty(), qPrintable(differences.join('\n')));

        QJsonObject renamed = golden;
        renamed.remove("cut_edges");
        renamed["cutEdges"] = 12;
        compareJson(golden, renamed, "$", differences);
        QCOMPARE(differences, QStringList({"$.cut_edges: missing", "$.cutEdges: unexpected key"}));

        differences.clear();
        QJsonObject moved = golden;
        moved["cut_edges"] = 13;
        moved["rep"] = QJsonValue();
        compareJson(golden, moved, "$", differences);
        QCOMPARE(differences.size(), 2);
    }

    void goldenCase_data()
    {
        QTest::addColumn<QString>("caseDir");
        const QStringList names = QDir(CasesDir).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        int cases = 0;
        for (const QString &name : names) {
            if (!QFile::exists(CasesDir + '/' + name + "/args"))
                continue; // shared input files
            QTest::newRow(qPrintable(name)) << CasesDir + '/' + name;
            ++cases;
        }
        QVERIFY2(cases > 0, qPrintable(CasesDir));
    }

    void goldenCase()
    {
        QFETCH(QString, caseDir);
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        Placeholders placeholders{tmp.filePath("southeast.tessera"), caseDir, tmp.path()};
        QVERIFY(QFile::copy(Sample, placeholders.sample));
        QFile::setPermissions(placeholders.sample, QFile::ReadOwner | QFile::WriteOwner);

        if (QFile::exists(caseDir + "/setup")) {
            const Run setup = runCli(argumentsFrom(caseDir + "/setup", placeholders), tmp.path());
            QVERIFY2(setup.finished && setup.exitCode == 0, qPrintable("setup failed: " + setup.err));
        }
        const QStringList arguments = argumentsFrom(caseDir + "/args", placeholders);
        const Run run = runCli(arguments, tmp.path());
        QVERIFY2(run.finished, qPrintable("tessera-cli " + arguments.join(' ') + " did not finish"));
        const QString out = placeholders.fold(run.out);
        const QString err = placeholders.fold(run.err);
        const std::optional<QJsonValue> json = parseJson(out);
        QStringList written; // expected.NAME files: outputs the run wrote into @TMP@
        for (const QString &file : QDir(caseDir).entryList({"expected.*"}, QDir::Files))
            if (file != "expected.json" && file != "expected.stdout" && file != "expected.stderr")
                written << file.mid(int(qstrlen("expected.")));

        if (updating()) {
            QVERIFY(writeAll(caseDir + "/expected_exit", QByteArray::number(run.exitCode) + '\n'));
            QFile::remove(caseDir + "/expected.json");
            QFile::remove(caseDir + "/expected.stdout");
            if (json) {
                // Volatile figures are written as 0, so a regeneration diff shows only real changes.
                QString stable = out;
                for (const QString &key : VolatileKeys)
                    stable.replace(QRegularExpression("(?<=\"" + key + "\": )[-+.0-9eE]+"), "0");
                QVERIFY(writeAll(caseDir + "/expected.json", stable.toUtf8()));
            }
            else if (!out.isEmpty())
                QVERIFY(writeAll(caseDir + "/expected.stdout", out.toUtf8()));
            QFile::remove(caseDir + "/expected.stderr");
            if (!err.isEmpty())
                QVERIFY(writeAll(caseDir + "/expected.stderr", err.toUtf8()));
            for (const QString &name : written)
                QVERIFY(writeAll(caseDir + "/expected." + name,
                                 placeholders.fold(QString::fromUtf8(readAll(tmp.filePath(name)))).toUtf8()));
            qInfo("rewrote the expected files of %s", qPrintable(QDir(caseDir).dirName()));
            return;
        }

        const QString context = "tessera-cli " + placeholders.fold(arguments.join(' ')) + "\nstderr:\n" + err;
        const QByteArray expectedExit = readAll(caseDir + "/expected_exit").trimmed();
        QVERIFY2(run.exitCode == (expectedExit.isEmpty() ? 0 : expectedExit.toInt()),
                 qPrintable(QString("exit %1; %2").arg(run.exitCode).arg(context)));
        if (QFile::exists(caseDir + "/expected.json")) {
            const std::optional<QJsonValue> expected = parseJson(QString::fromUtf8(readAll(caseDir + "/expected.json")));
            QVERIFY2(expected, "expected.json is not JSON");
            QVERIFY2(json, qPrintable("stdout is not JSON: " + out));
            QStringList differences;
            compareJson(*expected, *json, "$", differences);
            QVERIFY2(differences.isEmpty(), qPrintable(differences.join('\n') + '\n' + context));
        } else if (QFile::exists(caseDir + "/expected.stdout")) {
            QCOMPARE(out, QString::fromUtf8(readAll(caseDir + "/expected.stdout")));
        } else {
            QVERIFY2(out.isEmpty(), qPrintable("unexpected stdout: " + out));
        }
        const QString expectedErr = QString::fromUtf8(readAll(caseDir + "/expected.stderr"));
        QVERIFY2(err == expectedErr, qPrintable("stderr differs; expected:\n" + expectedErr + "\n" + context));
        if (run.exitCode != 0 && run.exitCode != 4) {
            // A failed run writes nothing and leaves the project as it was.
            // (SQLite's -wal and -shm companions of a project opened read-only are not writes.)
            QStringList left = QDir(tmp.path()).entryList(QDir::Files | QDir::NoDotAndDotDot);
            left.removeIf([](const QString &name) { return name.endsWith("-wal") || name.endsWith("-shm"); });
            QVERIFY2(left == QStringList{"southeast.tessera"}, qPrintable("files left: " + left.join(", ")));
            if (!QFile::exists(caseDir + "/setup"))
                QVERIFY2(readAll(placeholders.sample) == readAll(Sample), "the failed run changed the project");
        }
        for (const QString &name : written) {
            QVERIFY2(QFile::exists(tmp.filePath(name)), qPrintable(name + " was not written"));
            QCOMPARE(placeholders.fold(QString::fromUtf8(readAll(tmp.filePath(name)))),
                     QString::fromUtf8(readAll(caseDir + "/expected." + name)));
        }
    }
};

QTEST_GUILESS_MAIN(TestCliGolden)
#include "tst_cli_golden.moc"
