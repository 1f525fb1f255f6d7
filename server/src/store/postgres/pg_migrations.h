// The PostgreSQL schema, as numbered migrations recorded in schema_migrations (like the SQLite
// backend's, with versions of its own: the two schemas are written for their engines).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace parley {

namespace pg {
class Connection;
}

// Applies the pending migrations on `c` and returns the schema version now in the database.
// Several processes may call it at once: an advisory lock makes them take turns. Throws
// std::runtime_error when the database is newer than this binary.
int applyPostgresMigrations(pg::Connection& c);

// (version, SQL script) in order; exposed for tests.
const std::vector<std::pair<int, const char*>>& postgresMigrations();

}  // namespace parley
