// parseUserAgent on any User-Agent header. What it returns is stored on the contact and shown in
// the agents' panel, so besides not crashing it must stay a short, plain label: ASCII built from
// known names and version digits, never bytes copied out of the header.
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/user_agent.h"
#include "fuzz_check.h"

using namespace parley;
using parley::fuzz::fail;

namespace {

void checkLabel(const std::string& label, std::string_view ua, const char* what) {
  for (unsigned char c : label)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' ' || c == '.'))
      fail(what, label);
  // Names are at most ~20 characters; the rest are digits taken from the header.
  if (label.size() > ua.size() + 24) fail("label longer than the header it came from", label);
  if (!label.empty() && (label.front() == ' ' || label.back() == ' ')) fail("label with outer spaces", label);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view ua(reinterpret_cast<const char*>(data), size);
  const ClientInfo info = parseUserAgent(ua);
  checkLabel(info.browser, ua, "browser label with unexpected characters");
  checkLabel(info.os, ua, "OS label with unexpected characters");
  if (ua.empty() && (info.is_bot || !info.browser.empty() || !info.os.empty())) fail("empty header recognised");
  // Pure function: the same header must give the same answer.
  const ClientInfo again = parseUserAgent(ua);
  if (again.browser != info.browser || again.os != info.os || again.is_bot != info.is_bot) fail("not deterministic");
  return 0;
}
