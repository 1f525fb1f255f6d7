#include "security/password.h"

#include <sodium.h>

#include <atomic>
#include <stdexcept>

#include "security/sodium_init.h"

namespace parley {

namespace {

std::atomic<bool> g_fast{false};

unsigned long long opsLimit() {
  return g_fast.load() ? crypto_pwhash_argon2id_OPSLIMIT_MIN : crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE;
}

size_t memLimit() {
  return g_fast.load() ? crypto_pwhash_argon2id_MEMLIMIT_MIN : crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE;
}

// libsodium wants a NUL-terminated hash string; reject what cannot be one rather than truncate it.
bool toHashString(std::string_view hash, char (&out)[crypto_pwhash_STRBYTES]) {
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  if (hash.find('\0') != std::string_view::npos) return false;
  hash.copy(out, hash.size());
  out[hash.size()] = '\0';
  return true;
}

}  // namespace

void setPasswordHashingCost(bool fast) { g_fast.store(fast); }

std::string hashPassword(std::string_view pw) {
  ensureSodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, pw.data(), pw.size(), opsLimit(), memLimit(), crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("password hashing failed (out of memory)");
  return out;
}

bool verifyPassword(std::string_view hash, std::string_view pw) {
  ensureSodium();
  char str[crypto_pwhash_STRBYTES];
  if (!toHashString(hash, str)) return false;
  return crypto_pwhash_str_verify(str, pw.data(), pw.size()) == 0;
}

bool passwordNeedsRehash(std::string_view hash) {
  ensureSodium();
  char str[crypto_pwhash_STRBYTES];
  if (!toHashString(hash, str)) return true;
  // Non-zero means "different parameters" (1) or "not a hash we understand" (-1); both deserve a new hash.
  return crypto_pwhash_str_needs_rehash(str, opsLimit(), memLimit()) != 0;
}

}  // namespace parley
