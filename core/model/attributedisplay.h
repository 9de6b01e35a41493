#pragma once

#include "core/result.h"

#include <string>
#include <vector>

namespace tessera {

/// How a number is written for people.
struct NumberFormat {
    int decimals = 0;       ///< digits after the point, 0–6
    bool thousands = true;  ///< "12,345" rather than "12345"
    bool percent = false;   ///< the value is a fraction: 0.25 is written "25 %"

    bool operator==(const NumberFormat &) const = default;
};

/// How the user wants one attribute shown: a display name, a unit, a number
/// format, hidden or not. The attribute keeps its stored name; only what
/// people read changes.
struct AttributePresentation {
    std::string attribute;   ///< stored name, e.g. "revenue_potential"
    std::string displayName; ///< empty = the stored name
    std::string unit;        ///< free text written after the figure: "€", "h", "visits"
    NumberFormat format;
    bool hidden = false;     ///< left out of the balance table, labels, slides and spreadsheets

    bool operator==(const AttributePresentation &) const = default;
};

/// The attribute presentations of a project, kept in its settings under
/// "attribute_display" (as the health rules are), and the one place where
/// attribute figures become text: the GUI panels, map labels, slides and
/// spreadsheets all ask this class, so a renamed attribute or a new unit
/// shows the same everywhere.
class AttributeDisplay {
public:
    static constexpr const char *SettingsKey = "attribute_display";

    /// The presentations stored in a project's settings JSON (none when it has
    /// none); InvalidInput names the entry and field that is wrong.
    static Result<AttributeDisplay> fromSettings(const std::string &settingsJson);
    /// \a settingsJson with its "attribute_display" replaced by these entries
    /// (removed when there are none).
    Result<std::string> storedIn(const std::string &settingsJson) const;

    /// The presentation of \a attribute: the stored one, or the default
    /// (its own name, no unit, no decimals, thousands separators, shown).
    AttributePresentation presentation(const std::string &attribute) const;
    /// Replaces (or adds) the entry for \a presentation.attribute; an entry
    /// equal to the default is dropped so settings stay small.
    void set(AttributePresentation presentation);
    const std::vector<AttributePresentation> &entries() const { return mEntries; }

    /// The name people read: the display name, else the stored name.
    std::string label(const std::string &attribute) const;
    /// The name with the unit, for column headers: "Revenue (€)".
    std::string labelWithUnit(const std::string &attribute) const;
    bool isHidden(const std::string &attribute) const { return presentation(attribute).hidden; }
    /// \a value in the attribute's format, with its unit: "1,234 €"; "–" when
    /// not finite (never "nan").
    std::string format(const std::string &attribute, double value) const;
    /// The figure alone, without the unit ("1,234"); "–" when not finite.
    std::string formatNumber(const std::string &attribute, double value) const;

    /// Every number formatting of figures goes through here: fixed decimals,
    /// ',' between thousands when asked, '.' before decimals, no "-0";
    /// empty when \a value is not finite.
    static std::string formatNumber(double value, const NumberFormat &format);

    bool operator==(const AttributeDisplay &) const = default;

private:
    std::vector<AttributePresentation> mEntries;
};

} // namespace tessera
