// Versioned schema for the SQLite store. Migrations are append-only: never edit a released one,
// add the next number instead.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace parley {

namespace sqlite {
class Db;
}

// (version, SQL script) in ascending version order.
const std::vector<std::pair<int, const char*>>& sqliteMigrations();

// Applies every migration newer than the file's, each in its own transaction recorded in
// schema_migrations, and makes the store's epoch on first use. Returns the schema version.
// Throws when the file's schema is newer than this binary knows.
int applySqliteMigrations(sqlite::Db& db);

// For `parley migrate`: opens or creates the file, migrates it, returns the schema version.
int migrateSqlite(const std::string& path);

}  // namespace parley
