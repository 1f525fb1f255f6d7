#include "geo/country_lookup.h"

#include <GeoIP.h>
#include <maxminddb.h>

#include <cstring>
#include <stdexcept>
#include <sys/stat.h>

#include "domain/ip_address.h"

namespace parley {

namespace {

constexpr const char* kLegacyV4 = "/usr/share/GeoIP/GeoIP.dat";
constexpr const char* kLegacyV6 = "/usr/share/GeoIP/GeoIPv6.dat";

bool fileExists(const char* path) {
  struct stat st {};
  return ::stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

class NoLookup final : public CountryLookup {
 public:
  std::string source() const override { return "none"; }

 protected:
  std::optional<std::string> lookup(const std::string&, bool) const override { return std::nullopt; }
};

class MmdbLookup final : public CountryLookup {
 public:
  explicit MmdbLookup(const std::string& path) : path_(path) {
    int status = MMDB_open(path.c_str(), MMDB_MODE_MMAP, &db_);
    if (status != MMDB_SUCCESS)
      throw std::runtime_error("cannot open GeoIP database " + path + ": " + MMDB_strerror(status));
  }
  ~MmdbLookup() override { MMDB_close(&db_); }
  MmdbLookup(const MmdbLookup&) = delete;
  MmdbLookup& operator=(const MmdbLookup&) = delete;

  std::string source() const override { return "mmdb:" + path_; }

 protected:
  std::optional<std::string> lookup(const std::string& ip, bool) const override {
    int gai_error = 0;
    int mmdb_error = MMDB_SUCCESS;
    // MMDB_lookup_string takes a non-const MMDB_s but only reads it; libmaxminddb documents lookups as thread-safe.
    auto* db = const_cast<MMDB_s*>(&db_);
    MMDB_lookup_result_s result = MMDB_lookup_string(db, ip.c_str(), &gai_error, &mmdb_error);
    if (gai_error != 0 || mmdb_error != MMDB_SUCCESS || !result.found_entry) return std::nullopt;
    // Anycast and satellite ranges have no "country" but do have the registrant's country.
    for (const char* field : {"country", "registered_country"}) {
      MMDB_entry_data_s data{};
      if (MMDB_get_value(&result.entry, &data, field, "iso_code", nullptr) == MMDB_SUCCESS && data.has_data &&
          data.type == MMDB_DATA_TYPE_UTF8_STRING)
        return std::string(data.utf8_string, data.data_size);
    }
    return std::nullopt;
  }

 private:
  std::string path_;
  MMDB_s db_{};
};

class LegacyGeoIpLookup final : public CountryLookup {
 public:
  LegacyGeoIpLookup() {
    // GEOIP_MEMORY_CACHE loads the file once and never touches it again, which is what makes concurrent lookups
    // safe; GEOIP_SILENCE keeps the library from printing to stderr.
    v4_ = GeoIP_open(kLegacyV4, GEOIP_MEMORY_CACHE | GEOIP_SILENCE);
    if (fileExists(kLegacyV6)) v6_ = GeoIP_open(kLegacyV6, GEOIP_MEMORY_CACHE | GEOIP_SILENCE);
    if (!v4_) throw std::runtime_error(std::string("cannot open ") + kLegacyV4);
  }
  ~LegacyGeoIpLookup() override {
    if (v4_) GeoIP_delete(v4_);
    if (v6_) GeoIP_delete(v6_);
  }
  LegacyGeoIpLookup(const LegacyGeoIpLookup&) = delete;
  LegacyGeoIpLookup& operator=(const LegacyGeoIpLookup&) = delete;

  std::string source() const override {
    return std::string("geoip:") + kLegacyV4 + (v6_ ? std::string(",") + kLegacyV6 : std::string());
  }

 protected:
  std::optional<std::string> lookup(const std::string& ip, bool v4) const override {
    // The _gl variants keep per-lookup state on our stack; the plain ones write it into the shared GeoIP struct.
    GeoIPLookup gl{};
    const char* code = v4 ? GeoIP_country_code_by_addr_gl(v4_, ip.c_str(), &gl)
                          : v6_ ? GeoIP_country_code_by_addr_v6_gl(v6_, ip.c_str(), &gl) : nullptr;
    if (!code) return std::nullopt;
    return std::string(code);
  }

 private:
  GeoIP* v4_ = nullptr;
  GeoIP* v6_ = nullptr;
};

// Real ISO codes only: databases also use "--" (unknown), "A1"/"A2" (proxy, satellite), "O1" (other),
// "AP"/"EU" (continent-level) and user-assigned codes (AA, Q*, X*, ZZ), which are not countries a flag can show.
// XK is the exception: Kosovo has no official code and every database uses XK for it.
bool isIsoCountry(const std::string& code) {
  if (code.size() != 2 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z') return false;
  return code != "A1" && code != "A2" && code != "O1" && code != "AP" && code != "EU" && code != "AA" &&
         code != "ZZ" && !(code[0] == 'X' && code != "XK") && code[0] != 'Q';
}

}  // namespace

std::unique_ptr<CountryLookup> CountryLookup::open(const std::string& mmdb_path) {
  if (!mmdb_path.empty()) return std::make_unique<MmdbLookup>(mmdb_path);
  if (fileExists(kLegacyV4)) {
    // Geo is a nicety: an unreadable system file must not stop the server (source() says "none" in the log).
    try {
      return std::make_unique<LegacyGeoIpLookup>();
    } catch (const std::runtime_error&) {
    }
  }
  return std::make_unique<NoLookup>();
}

std::optional<std::string> CountryLookup::country(std::string_view text) const {
  auto ip = parseIp(text);
  if (!ip || !isPublicIp(*ip)) return std::nullopt;
  auto code = lookup(toString(*ip), ip->v4);
  if (!code || !isIsoCountry(*code)) return std::nullopt;
  return code;
}

}  // namespace parley
