#include "domain/ip_block.h"

namespace parley {

std::optional<IpNetwork> parseBlockedRange(std::string_view text) {
  auto net = parseNetwork(text);
  if (!net) return std::nullopt;
  if (net->prefix < (net->base.v4 ? kMinBlockPrefixV4 : kMinBlockPrefixV6)) return std::nullopt;
  const int width = net->base.v4 ? 4 : 16;
  for (int i = 0; i < width; ++i) {
    const int bitsHere = net->prefix - i * 8;
    if (bitsHere >= 8) continue;
    net->base.bytes[i] = bitsHere <= 0 ? 0 : std::uint8_t(net->base.bytes[i] & (0xff << (8 - bitsHere)));
  }
  return net;
}

std::string blockedRangeText(const IpNetwork& net) {
  const int full = net.base.v4 ? 32 : 128;
  auto text = toString(net.base);
  return net.prefix == full ? text : text + "/" + std::to_string(net.prefix);
}

}  // namespace parley
