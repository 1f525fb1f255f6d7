// `parley agent add` and `parley agent password`: agents made or fixed from the server's shell, with
// the audit log's "command line" as the actor.
#pragma once

#include <string>

#include "domain/model.h"
#include "store/store.h"
#include "store/store_location.h"

namespace parley {

// The installation's first workspace, made ("Demo") when there is none.
Workspace ensureWorkspace(Store& store);

// Exit code 0, or 1 with the reason on stderr (an email already taken).
int addAgent(const StoreLocation& where, const std::string& workspace, const std::string& email, const std::string& name,
             const std::string& password, const std::string& role, int capacity);

// For the admin who lost the login `serve` printed once: a new password, and every session of the
// account ended. Exit code 1 for an unknown email.
int setPassword(const StoreLocation& where, const std::string& email, const std::string& password);

}  // namespace parley
