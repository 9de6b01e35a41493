#include "ui/commands/changerepcommand.h"

#include "ui/document/document.h"

#include <QCoreApplication>

namespace tessera::ui {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ChangeRepCommand", text);
}
} // namespace

ChangeRepCommand *ChangeRepCommand::edit(Document *document, Rep value)
{
    const QString name = QString::fromStdString(value.name);
    return new ChangeRepCommand(document, std::move(value), tr("Edit Rep %1").arg(name));
}

ChangeRepCommand *ChangeRepCommand::moveHome(Document *document, RepId id, LonLat home)
{
    Rep value = document->project().reps().at(static_cast<std::size_t>(id.value()));
    value.home = home;
    const QString name = QString::fromStdString(value.name);
    return new ChangeRepCommand(document, std::move(value), tr("Move Home of %1").arg(name));
}

ChangeRepCommand::ChangeRepCommand(Document *document, Rep value, const QString &text)
    : mDocument(document), mValue(std::move(value))
{
    setText(text);
}

void ChangeRepCommand::swap()
{
    mDocument->swapRep(mValue);
}

} // namespace tessera::ui
