// Agent passwords: Argon2id via libsodium's self-describing hash strings ("$argon2id$v=19$m=...,t=...,p=1$...").
// The string carries its own parameters, so verifyPassword works for hashes made at any cost setting.
#pragma once

#include <string>
#include <string_view>

namespace parley {

// Throws std::runtime_error when libsodium cannot allocate the memory the hash needs.
std::string hashPassword(std::string_view pw);

// False for a wrong password and for anything that is not an Argon2 hash string (never throws).
bool verifyPassword(std::string_view hash, std::string_view pw);

// fast = true switches new hashes to libsodium's minimum cost. Interactive cost (~64 MiB, ~0.1 s) is
// what production must use, but a test suite creating hundreds of agents would spend minutes in it.
void setPasswordHashingCost(bool fast);

// True when the hash was made with other parameters than the current setting (e.g. a fast test hash
// in a production database): the caller may re-hash after a successful login.
bool passwordNeedsRehash(std::string_view hash);

}  // namespace parley
