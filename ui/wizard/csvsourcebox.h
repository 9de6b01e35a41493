#pragma once

#include <QGroupBox>
#include <QStringList>

class QComboBox;
class QLineEdit;
class QTableWidget;

namespace tessera {

/// A CSV file with its column mapping and a preview of its first rows: the
/// file, then one combo per role ("id", "lat", ...), each "(detected)" by
/// default so the importer picks the column exactly as the CLI does.
class CsvSourceBox : public QGroupBox {
    Q_OBJECT
public:
    CsvSourceBox(const QString &title, const QStringList &roles, QWidget *parent = nullptr);

    QString path() const;
    void setPath(const QString &path);
    /// The column chosen for \a role; empty = detected.
    std::string column(const QString &role) const;

signals:
    void changed();

private:
    void reload();

    QLineEdit *mPath;
    QList<QComboBox *> mCombos;
    QStringList mRoles;
    QTableWidget *mPreview;
};

} // namespace tessera
