// parley: serve | agent add | agent password | migrate | store copy | backup | restore | mail-in.
// One binary for the whole product; this file is its command line, the commands are in cli/.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <iostream>

#include "cli/agent_commands.h"
#include "cli/data_commands.h"
#include "cli/serve_command.h"
#include "cli/serve_options.h"
#include "domain/enums.h"
#include "domain/model.h"
#include "observability/json_log_formatter.h"
#include "store/store_location.h"

using namespace parley;

int main(int argc, char** argv) {
  CLI::App app{"Parley: self-hosted live chat"};
  app.require_subcommand(1);

  ServeOptions serveOptions;
  serveOptions.cfg.web_dir = defaultWebDir();
  serveOptions.cfg.threads = usableCpus();
  auto* serveCmd = addServeCommand(app, serveOptions);

  std::string storeUrl;
  const auto passwordRule = [](const std::string& p) {
    return p.size() >= 8 ? std::string{} : std::string("password must be at least 8 characters");
  };
  std::string dataDir = "./data", workspace, email, name, password, role = "agent";
  int capacity = 5;
  auto* agentCmd = app.add_subcommand("agent", "manage agents");
  agentCmd->require_subcommand(1);
  auto* addCmd = agentCmd->add_subcommand("add", "add an agent (creates workspace Demo if none exists)");
  addCmd->add_option("--data", dataDir, "data directory");
  addStoreOption(addCmd, storeUrl);
  addCmd->add_option("--workspace", workspace, "workspace name (created when new; default: the first one)");
  addCmd->add_option("--email", email, "login email")->required();
  addCmd->add_option("--name", name, "display name")->required();
  addCmd->add_option("--password", password, "password (8+ characters)")->required()->check(passwordRule);
  const auto& roles = EnumNames<AgentRole>::names;
  addCmd->add_option("--role", role, "admin or agent")
      ->check(CLI::IsMember(std::vector<std::string>(roles.begin(), roles.end())));
  addCmd->add_option("--capacity", capacity, "open conversations auto-assignment may give")->check(CLI::Range(0, 1000));

  auto* passwordCmd = agentCmd->add_subcommand("password", "set an agent's password (e.g. a lost admin login)");
  passwordCmd->add_option("--data", dataDir, "data directory");
  addStoreOption(passwordCmd, storeUrl);
  passwordCmd->add_option("--email", email, "login email")->required();
  passwordCmd->add_option("--password", password, "new password (8+ characters)")->required()->check(passwordRule);

  auto* migrateCmd = app.add_subcommand("migrate", "create or upgrade the database");
  migrateCmd->add_option("--data", dataDir, "data directory");
  addStoreOption(migrateCmd, storeUrl);

  // SQLite to PostgreSQL (docs/scaling.md, "Moving up from SQLite"); the code is store/copy/.
  std::string copyFrom = "./data", copyTo;
  auto* storeCmd = app.add_subcommand("store", "move an installation's data");
  storeCmd->require_subcommand(1);
  auto* copyCmd = storeCmd->add_subcommand(
      "copy", "copy a SQLite installation into an empty PostgreSQL database (uploads stay files in --from)");
  copyCmd->add_option("--from", copyFrom, "data directory of the SQLite installation (holds parley.db)");
  copyCmd->add_option("--to", copyTo, "postgresql://USER@HOST:PORT/DB: an empty database (default: PARLEY_STORE)")
      ->envname("PARLEY_STORE")
      ->required()
      ->check([](const std::string& url) {
        return isPostgresUrl(url) ? std::string{} : std::string("--to must be a postgresql://USER@HOST:PORT/DB URL");
      });

  // Replies by email (issue 15, item 3): the MTA pipes one email in; the running server posts it.
  auto* mailInCmd = app.add_subcommand("mail-in", "post one email read from stdin to the server (for an MTA pipe)");
  std::string mailInUrl = "http://127.0.0.1:8080", mailInToken, mailInTokenFile;
  mailInCmd->add_option("--url", mailInUrl, "the Parley server");
  mailInCmd->add_option("--token", mailInToken, "an API token of the workspace (write scope)")->envname("PARLEY_TOKEN");
  mailInCmd->add_option("--token-file", mailInTokenFile, "a file holding the API token (keeps it out of ps)");

  // Backups of the SQLite store (issue 17, item 4; store/sqlite/sqlite_backup.h). PostgreSQL has pg_dump.
  std::string backupOut, restoreFrom;
  bool restoreForce = false;
  auto* backupCmd = app.add_subcommand("backup", "copy the SQLite database, consistent while the server runs");
  backupCmd->add_option("--data", dataDir, "data directory (holds parley.db)");
  backupCmd->add_option("--out", backupOut, "the backup file to write (replaced whole, never half written)")->required();
  auto* restoreCmd = app.add_subcommand("restore", "put a backup in place of the SQLite database (server stopped)");
  restoreCmd->add_option("--data", dataDir, "data directory to restore into");
  restoreCmd->add_option("--from", restoreFrom, "a file written by `parley backup`")->required();
  restoreCmd->add_flag("--force", restoreForce, "replace the database that is there");

  CLI11_PARSE(app, argc, argv);
  try {
    if (*serveCmd) {
      const bool json = serveOptions.log_format == "json";
      if (json) spdlog::set_formatter(std::make_unique<JsonLogFormatter>());
      return serve(serveOptions.config(), serveOptions.store_url, json);
    }
    if (*copyCmd) return copyStore(copyFrom, copyTo);
    if (*mailInCmd) return mailIn(mailInUrl, mailInToken, mailInTokenFile);
    if (*backupCmd) return backupOrRestore(true, dataDir, backupOut, false);
    if (*restoreCmd) return backupOrRestore(false, dataDir, restoreFrom, restoreForce);
    const StoreLocation where{storeUrl, dataDir};
    if (*passwordCmd) return setPassword(where, email, password);
    if (*addCmd) return addAgent(where, workspace, email, name, password, role, capacity);
    if (*migrateCmd) {
      int v = migrateStore(where);
      std::cout << "database at schema version " << v << "\n";
      return 0;
    }
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
    return 1;
  }
  return 0;
}
