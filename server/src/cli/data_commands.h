// The commands that move data in or out of an installation: `parley store copy` (SQLite to
// PostgreSQL), `parley backup` / `parley restore` (SQLite), and `parley mail-in` (one email from an
// MTA's pipe to the running server).
#pragma once

#include <string>

namespace parley {

// Exit code 1 (and nothing copied) for a refused or failed copy, with the reason on stderr.
int copyStore(const std::string& from, const std::string& to);

// `parley backup` (backup true: `data_dir`/parley.db to `file`) or `parley restore` (backup false:
// `file` into `data_dir`, refused over an existing database unless `force`). Throws on failure.
int backupOrRestore(bool backup, const std::string& data_dir, const std::string& file, bool force);

// Reads one email from stdin (at most the server's limit) and posts it; the exit code is sysexits'
// (outbound/mail_in_client.h), which an MTA understands.
int mailIn(const std::string& url, std::string token, const std::string& token_file);

}  // namespace parley
