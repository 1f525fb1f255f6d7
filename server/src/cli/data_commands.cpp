#include "cli/data_commands.h"

#include <filesystem>
#include <fstream>
#include <iostream>

#include "domain/email.h"
#include "outbound/mail_in_client.h"
#include "store/copy/store_copy.h"
#include "store/sqlite/sqlite_backup.h"
#include "store/sqlite/sqlite_migrations.h"
#include "store/store_location.h"

namespace parley {

// Exit code 1 (and nothing copied) for a refused or failed copy, with the reason on stderr.
int copyStore(const std::string& from, const std::string& to) {
  StoreCopyOptions options;
  options.on_table = [](const CopiedTableCount& t) { std::cout << "  " << t.table << ": " << t.rows << " rows\n" << std::flush; };
  try {
    std::cout << "copying " << from << " into " << describeStore(StoreLocation{to, from}) << " ...\n" << std::flush;
    std::cout << describeStoreCopy(copySqliteToPostgres(from, to, options));
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "store copy: " << e.what() << "\n";
    return 1;
  }
}

int backupOrRestore(bool backup, const std::string& data_dir, const std::string& file, bool force) {
  const auto db = (std::filesystem::path(data_dir) / "parley.db").string();
  const auto info = backup ? backupSqliteDatabase(db, file)
                           : restoreSqliteDatabase(file, db, sqliteMigrations().back().first, force);
  std::cout << (backup ? "backed up " : "restored ") << info.messages << " messages (schema version "
            << info.schema_version << ", " << info.bytes << " bytes) " << (backup ? "to " + file : "into " + db) << "\n";
  return 0;
}

int mailIn(const std::string& url, std::string token, const std::string& token_file) {
  if (!token_file.empty()) {
    std::ifstream in(token_file);
    std::getline(in, token);
  }
  if (token.empty()) {
    std::cerr << "mail-in: --token or --token-file is required\n";
    return kMailInNoPermission;
  }
  // One email, at most the server's upload limit and a little: read a byte more to know it is more.
  std::string raw;
  raw.resize(kMaxInboundEmailBytes + 1);
  std::cin.read(raw.data(), static_cast<std::streamsize>(raw.size()));
  raw.resize(static_cast<std::size_t>(std::cin.gcount()));
  if (raw.size() > kMaxInboundEmailBytes) {
    std::cerr << "mail-in: the email is larger than " << kMaxInboundEmailBytes << " bytes\n";
    return kMailInDataError;
  }
  auto r = postInboundEmail(url, token, raw);
  (r.exit_code == kMailInTaken ? std::cout : std::cerr) << "mail-in: " << r.message << "\n";
  return r.exit_code;
}

}  // namespace parley
