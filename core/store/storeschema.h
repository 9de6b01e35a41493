#pragma once

#include <sqlite3.h>

#include <string>

namespace tessera::storeschema {

/// Creates every table of a new, empty project and stamps application_id and
/// user_version, inside the caller's write transaction.
void create(sqlite3 *db, const std::string &path);

/// Project files are untrusted input: refuses a file whose schema holds an
/// object Tessera does not create (a trigger, a view, an unknown table or
/// index), naming it. The allowed names are those create() makes, so the check
/// follows the schema without a second list.
void checkObjects(sqlite3 *db, const std::string &path);

/// Brings a project of schema \a fromVersion (1 .. current) up to the current
/// schema, inside the caller's write transaction; nothing is lost.
void migrate(sqlite3 *db, const std::string &path, int fromVersion);

/// Tables in the order a full rewrite empties them (children first).
inline constexpr const char *TablesChildrenFirst[] = {
    "kpi_values",        "kpi_snapshots", "account_overrides", "alignment", "territories", "scenarios", "rep_skills", "reps",
    "account_requirements", "accounts",  "adjacency", "units",       "attribute_columns", "settings"};

/// Layer names used in attribute_columns.layer.
inline constexpr const char *UnitLayerName = "unit";
inline constexpr const char *AccountLayerName = "account";

} // namespace tessera::storeschema
