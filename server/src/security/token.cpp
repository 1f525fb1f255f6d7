#include "security/token.h"

#include <openssl/evp.h>
#include <sodium.h>

#include <stdexcept>
#include <vector>

#include "security/sodium_init.h"

namespace parley {

std::string toHex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 0x0F]);
  }
  return out;
}

std::string randomToken(std::string_view prefix) {
  ensureSodium();
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  char encoded[sodium_base64_ENCODED_LEN(sizeof raw, kVariant)];
  sodium_bin2base64(encoded, sizeof encoded, raw, sizeof raw, kVariant);
  sodium_memzero(raw, sizeof raw);
  std::string token(prefix);
  token += encoded;
  return token;
}

std::string sha256Hex(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("SHA-256 failed");
  return toHex(std::string_view(reinterpret_cast<const char*>(md), len));
}

std::string randomHex(std::size_t bytes) {
  if (bytes == 0) return {};  // randombytes_buf is declared nonnull; an empty vector's data() may be null
  ensureSodium();
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  return toHex(std::string_view(reinterpret_cast<const char*>(raw.data()), raw.size()));
}

}  // namespace parley
