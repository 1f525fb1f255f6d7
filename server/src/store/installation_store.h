// What belongs to the installation rather than to a workspace: its secrets, and news of writes by
// other processes sharing the database.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace parley {

class InstallationStore {
 public:
  virtual ~InstallationStore() = default;

  // A random secret of the installation, made on first use and kept (e.g. the key that signs
  // login device tokens). `name` picks one of several.
  virtual std::string installationSecret(std::string_view name) = 0;

  // Changes when another process (say `parley agent password`) commits to this database; a
  // running server polls it to notice such changes. Constant for stores that see no such thing.
  virtual std::uint64_t changesFromOtherProcesses() { return 0; }
};

}  // namespace parley
