#include "domain/email_address.h"

#include "domain/email.h"

namespace parley {

bool isPlausibleEmailAddress(std::string_view address) {
  if (address.empty() || address.size() > kMaxEmailAddressBytes) return false;
  for (unsigned char c : address)
    if (c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == ',' || c == ';' || c == '"' || c == '\\' ||
        c == '(' || c == ')')
      return false;
  const auto at = address.find('@');
  if (at == std::string_view::npos || at == 0 || address.find('@', at + 1) != std::string_view::npos) return false;
  const auto domain = address.substr(at + 1);
  const auto dot = domain.find('.');
  return !domain.empty() && dot != std::string_view::npos && domain.front() != '.' && domain.back() != '.' &&
         domain.find("..") == std::string_view::npos;
}

}  // namespace parley
