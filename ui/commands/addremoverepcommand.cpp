#include "ui/commands/addremoverepcommand.h"

#include "ui/document/document.h"

#include <QCoreApplication>

namespace tessera::ui {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("AddRemoveRepCommand", text);
}
} // namespace

AddRemoveRepCommand *AddRemoveRepCommand::add(Document *document, Rep rep)
{
    rep.id = RepId(static_cast<std::int32_t>(document->project().reps().size()));
    return new AddRemoveRepCommand(document, true, std::move(rep));
}

AddRemoveRepCommand *AddRemoveRepCommand::remove(Document *document, RepId id)
{
    return new AddRemoveRepCommand(document, false, document->project().reps().at(static_cast<std::size_t>(id.value())));
}

AddRemoveRepCommand::AddRemoveRepCommand(Document *document, bool adding, Rep rep)
    : mDocument(document), mAdding(adding), mRep(std::move(rep))
{
    const QString name = QString::fromStdString(mRep.name);
    setText(adding ? tr("Add Rep %1").arg(name) : tr("Remove Rep %1").arg(name));
}

void AddRemoveRepCommand::insert()
{
    mDocument->insertRep(mRep, mHolders);
    mHolders.clear();
}

void AddRemoveRepCommand::take()
{
    mRep = mDocument->takeRep(mRep.id, &mHolders);
}

} // namespace tessera::ui
