// Visitor country for the contact panel. A configured MaxMind .mmdb (GeoLite2/GeoIP2 Country or City) wins;
// without one we use Debian's geoip-database (legacy GeoIP.dat), which is installed with the package and needs
// no account or download. Lookups are read-only and safe to run from many threads at once.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace parley {

class CountryLookup {
 public:
  // mmdb_path non-empty: open that MaxMind DB, throwing std::runtime_error when it cannot be opened (a configured
  // path that does not work is a deployment error worth stopping for). Empty: Debian's
  // /usr/share/GeoIP/GeoIP.dat (+ GeoIPv6.dat) if present, else a lookup that always answers nullopt.
  static std::unique_ptr<CountryLookup> open(const std::string& mmdb_path);

  virtual ~CountryLookup() = default;

  // ISO 3166-1 alpha-2 ("US"); nullopt for private, loopback and other non-public addresses, for text that is not
  // an IP address, and when the database does not know (including GeoIP's "A1"/"EU"-style pseudo codes).
  std::optional<std::string> country(std::string_view ip) const;

  // Which database answers, for the startup log ("mmdb:/path", "geoip:/usr/share/GeoIP/GeoIP.dat", "none").
  virtual std::string source() const = 0;

 protected:
  // Called only with a canonical public address; returns what the database says, unvalidated.
  virtual std::optional<std::string> lookup(const std::string& ip, bool v4) const = 0;
};

}  // namespace parley
