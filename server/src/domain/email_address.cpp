#include "domain/email_address.h"

#include <string>

namespace parley {

namespace {

bool isEmailDomainChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

bool isEmailLocalChar(char c) {
  if (c <= 0x20 || c >= 0x7f) return false;
  for (char bad : std::string_view("\"<>,;\\()[]:@")) if (c == bad) return false;
  return true;
}

std::string_view trimEmailSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

bool isPlainEmailAddress(std::string_view a) {
  if (a.empty() || a.size() > kMaxEmailAddressBytes) return false;
  auto at = a.find('@');
  if (at == std::string_view::npos || at == 0 || a.find('@', at + 1) != std::string_view::npos) return false;
  auto local = a.substr(0, at), domain = a.substr(at + 1);
  if (local.size() > 64 || local.front() == '.' || local.back() == '.') return false;
  for (char c : local)
    if (!isEmailLocalChar(c)) return false;
  if (domain.size() < 3 || domain.front() == '.' || domain.back() == '.' || domain.front() == '-' ||
      domain.find('.') == std::string_view::npos || domain.find("..") != std::string_view::npos)
    return false;
  for (char c : domain)
    if (!isEmailDomainChar(c)) return false;
  return true;
}

std::optional<EmailAddress> parseMailbox(std::string_view text) {
  text = trimEmailSpaces(text);
  EmailAddress out;
  auto lt = text.rfind('<');
  if (lt != std::string_view::npos) {
    if (text.back() != '>') return std::nullopt;
    out.address = std::string(text.substr(lt + 1, text.size() - lt - 2));
    auto name = trimEmailSpaces(text.substr(0, lt));
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') name = name.substr(1, name.size() - 2);
    for (char c : name)
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return std::nullopt;
    out.name = std::string(name);
  } else {
    out.address = std::string(text);
  }
  if (!isPlainEmailAddress(out.address)) return std::nullopt;
  return out;
}

std::string emailDomainOf(std::string_view address) {
  auto at = address.rfind('@');
  return at == std::string_view::npos ? std::string() : std::string(address.substr(at + 1));
}

}  // namespace parley
