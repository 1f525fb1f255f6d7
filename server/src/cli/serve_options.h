// The options of `parley serve` (`parley serve --help` lists them): each one sets a field of
// ServerConfig, checked here, so a bad value stops the command before anything starts.
#pragma once

#include <CLI/CLI.hpp>

#include <cstddef>
#include <string>

#include "app/server_config.h"

namespace parley {

struct ServeOptions {
  ServerConfig cfg;
  std::string store_url;  // --store: empty for SQLite in --data
  std::string log_format = "text";
  std::size_t socket_buffers_mb = ServerConfig{}.max_socket_buffers >> 20;

  // The config with the values given in other units applied.
  ServerConfig config() const;
};

// Adds `serve` and its options to `app`, writing into `o` (whose defaults are the help's).
CLI::App* addServeCommand(CLI::App& app, ServeOptions& o);

// --store, shared by every command that opens the database.
void addStoreOption(CLI::App* cmd, std::string& store_url);

}  // namespace parley
