#include "security/totp.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <stdexcept>

#include "security/hmac.h"
#include "security/sodium_init.h"

namespace parley {

namespace {

constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

int base32Value(char c) {
  if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  auto pos = kBase32Alphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

std::string totpPercentEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~' || c == '@') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string base32Encode(std::string_view bytes) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out += kBase32Alphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kBase32Alphabet[(buffer << (5 - bits)) & 31];
  return out;
}

std::optional<std::string> base32Decode(std::string_view text) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == ' ' || c == '-' || c == '=') continue;
    int v = base32Value(c);
    if (v < 0) return std::nullopt;
    buffer = (buffer << 5) | static_cast<std::uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      out += static_cast<char>((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  if (bits >= 5 || (buffer & ((1u << bits) - 1)) != 0) return std::nullopt;
  return out;
}

std::string hotp(std::string_view key, std::uint64_t counter, int digits) {
  if (digits < 6 || digits > 9) throw std::invalid_argument("HOTP digits must be 6 to 9");
  unsigned char msg[8];
  for (int i = 7; i >= 0; --i) {
    msg[i] = static_cast<unsigned char>(counter & 0xff);
    counter >>= 8;
  }
  static const unsigned char kEmpty = 0;
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (HMAC(EVP_sha1(), key.empty() ? &kEmpty : static_cast<const void*>(key.data()), static_cast<int>(key.size()),
           msg, sizeof msg, md, &len) == nullptr || len != 20)
    throw std::runtime_error("HMAC-SHA1 failed");
  // Dynamic truncation (RFC 4226 section 5.3).
  const int offset = md[19] & 0x0f;
  const std::uint32_t bin = (static_cast<std::uint32_t>(md[offset] & 0x7f) << 24) |
                            (static_cast<std::uint32_t>(md[offset + 1]) << 16) |
                            (static_cast<std::uint32_t>(md[offset + 2]) << 8) | md[offset + 3];
  std::uint32_t mod = 1;
  for (int i = 0; i < digits; ++i) mod *= 10;
  std::string code = std::to_string(bin % mod);
  return std::string(static_cast<std::size_t>(digits) - code.size(), '0') + code;
}

std::int64_t totpStep(Millis now) { return now / kTotpStepMs; }

std::optional<std::int64_t> matchTotp(std::string_view key, std::string_view code, Millis now) {
  if (code.size() != kTotpDigits) return std::nullopt;
  for (char c : code)
    if (c < '0' || c > '9') return std::nullopt;
  const auto step = totpStep(now);
  std::optional<std::int64_t> found;
  // All three are computed and compared, whichever matches, so the time taken says nothing.
  for (std::int64_t s : {step - 1, step, step + 1})
    if (s >= 0 && constantTimeEqual(hotp(key, static_cast<std::uint64_t>(s)), code) && !found) found = s;
  return found;
}

std::string newTotpSecret() {
  ensureSodium();
  std::string bytes(kTotpSecretBytes, '\0');
  randombytes_buf(bytes.data(), bytes.size());
  return bytes;
}

std::string otpauthUri(std::string_view issuer, std::string_view account, std::string_view secret_base32) {
  const auto iss = totpPercentEncode(issuer);
  return "otpauth://totp/" + iss + ":" + totpPercentEncode(account) + "?secret=" + std::string(secret_base32) +
         "&issuer=" + iss + "&algorithm=SHA1&digits=6&period=30";
}

}  // namespace parley
