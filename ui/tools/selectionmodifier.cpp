#include "ui/tools/selectionmodifier.h"

#include "ui/document/document.h"

#include <algorithm>

namespace tessera::ui {

void applySelection(Document &document, const std::vector<UnitId> &hit, Qt::KeyboardModifiers modifiers)
{
    if (modifiers & Qt::ControlModifier) {
        std::vector<UnitId> result = document.selection();
        for (UnitId unit : hit) {
            auto it = std::find(result.begin(), result.end(), unit);
            if (it != result.end())
                result.erase(it);
            else
                result.push_back(unit);
        }
        document.setSelection(std::move(result));
    } else if (modifiers & Qt::ShiftModifier) {
        std::vector<UnitId> result = document.selection();
        result.insert(result.end(), hit.begin(), hit.end());
        document.setSelection(std::move(result));
    } else {
        document.setSelection(hit);
    }
}

} // namespace tessera::ui
