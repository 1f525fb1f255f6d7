#include "security/secret_box.h"

#include <sodium.h>

#include <stdexcept>

#include "security/sodium_init.h"
#include "security/token.h"

namespace parley {

namespace {

std::string secretBoxKey(std::string_view key_material, std::string_view context) {
  ensureSodium();
  std::string key(crypto_secretbox_KEYBYTES, '\0');
  const std::string input = std::string(context) + '\0' + std::string(key_material);
  crypto_generichash(reinterpret_cast<unsigned char*>(key.data()), key.size(),
                     reinterpret_cast<const unsigned char*>(input.data()), input.size(), nullptr, 0);
  return key;
}

std::optional<std::string> secretBoxFromHex(std::string_view hex) {
  std::string out(hex.size() / 2, '\0');
  std::size_t len = 0;
  if (hex.size() % 2 != 0 ||
      sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), hex.data(), hex.size(), nullptr, &len,
                     nullptr) != 0 ||
      len != out.size())
    return std::nullopt;
  return out;
}

}  // namespace

std::string sealSecret(std::string_view key_material, std::string_view context, std::string_view plain) {
  const auto key = secretBoxKey(key_material, context);
  std::string out(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size(), '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(out.data());
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  if (crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES, reinterpret_cast<const unsigned char*>(plain.data()),
                            plain.size(), nonce, reinterpret_cast<const unsigned char*>(key.data())) != 0)
    throw std::runtime_error("crypto_secretbox_easy failed");
  return toHex(out);
}

std::optional<std::string> openSecret(std::string_view key_material, std::string_view context, std::string_view sealed) {
  auto bytes = secretBoxFromHex(sealed);
  if (!bytes || bytes->size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) return std::nullopt;
  const auto key = secretBoxKey(key_material, context);
  const auto* nonce = reinterpret_cast<const unsigned char*>(bytes->data());
  std::string plain(bytes->size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()), nonce + crypto_secretbox_NONCEBYTES,
                                 bytes->size() - crypto_secretbox_NONCEBYTES, nonce,
                                 reinterpret_cast<const unsigned char*>(key.data())) != 0)
    return std::nullopt;
  return plain;
}

}  // namespace parley
