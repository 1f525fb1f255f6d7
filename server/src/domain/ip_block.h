// Blocking an address or a range (issue 16, item 4): what an admin may type and how a visitor's
// address is matched. Pure; the store keeps the canonical text, app/visitor_blocks.h the parsed form.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/ip_address.h"

namespace parley {

// The narrowest range an admin may block: a /0 or /1 would lock out half the internet by a typo.
constexpr int kMinBlockPrefixV4 = 8;
constexpr int kMinBlockPrefixV6 = 16;

// "203.0.113.7", "203.0.113.0/24", "2001:db8::/32". The host bits are cleared ("10.1.2.3/8" is
// 10.0.0.0/8), so the same range has one text. nullopt: not an address, a bad prefix, or too wide.
std::optional<IpNetwork> parseBlockedRange(std::string_view text);

// The canonical text: a bare address for a single host (/32, /128), else "base/prefix".
std::string blockedRangeText(const IpNetwork& net);

}  // namespace parley
