// The visitor's address for rate limits and geo lookup. X-Forwarded-For is written by whoever sent the request,
// so it is believed only as far as it was appended by proxies we run.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace parley {

// peer_ip: the TCP peer. x_forwarded_for: the header value (several headers joined with ","), may be empty.
// trusted_proxies: exact addresses ("10.0.0.5", "::1") or CIDR networks ("10.0.0.0/8"); invalid entries are ignored.
// When the peer is trusted, the XFF chain is walked from the right and the first address that is not a trusted
// proxy is the client; if every hop is trusted, the left-most one is. A malformed hop ends the walk at the last
// good address, since anything left of it was not written by our proxies. Parseable results come back in canonical
// form ("::ffff:1.2.3.4" -> "1.2.3.4"); an unparseable peer is returned unchanged.
std::string clientIp(std::string_view peer_ip, std::string_view x_forwarded_for,
                     const std::vector<std::string>& trusted_proxies);

}  // namespace parley
