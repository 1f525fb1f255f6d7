// Where a Parley installation keeps its data: by default an embedded SQLite file in the data
// directory; with a postgresql:// URL (`--store`, PARLEY_STORE) a PostgreSQL database that several
// nodes share. Every command that opens the store (serve, agent add, agent password, migrate) goes
// through here, so they all accept the same two forms.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "store/store.h"

namespace parley {

struct StoreLocation {
  std::string url;       // empty: SQLite in data_dir; otherwise postgresql://USER@HOST:PORT/DB
  std::string data_dir;  // SQLite's file and, with either store, the uploads directory
};

// True for postgresql:// and postgres:// URLs (libpq's two spellings).
bool isPostgresUrl(std::string_view url);

// Empty when the location is usable, else what is wrong with it (for the command line's check).
std::string checkStoreUrl(std::string_view url);

// Opens the store (creating the data directory and its uploads/ as needed) and brings its schema
// up to date. Throws what the backend throws when it cannot be opened.
std::unique_ptr<Store> openStore(const StoreLocation& where);

// Creates or upgrades the schema only; returns the schema version now in the database.
int migrateStore(const StoreLocation& where);

// For logs: "SQLite ./data/parley.db" or the PostgreSQL URL without its password.
std::string describeStore(const StoreLocation& where);

}  // namespace parley
