#include "geo/country_lookup.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>
#include <unistd.h>
#include <vector>

namespace parley {
namespace {

constexpr const char* kDebianGeoIp = "/usr/share/GeoIP/GeoIP.dat";

// Debian's geoip-database is a declared dependency: a missing file must fail loudly, not skip.
std::unique_ptr<CountryLookup> openDebian() {
  EXPECT_TRUE(std::filesystem::exists(kDebianGeoIp))
      << kDebianGeoIp << " is missing: install the Debian package geoip-database";
  return CountryLookup::open("");
}

TEST(CountryLookupTest, DebianLegacyDatabaseIsUsedWithoutAPath) {
  auto geo = openDebian();
  ASSERT_TRUE(geo);
  EXPECT_TRUE(geo->source().starts_with("geoip:")) << geo->source();
  EXPECT_EQ(geo->country("8.8.8.8"), "US");
  EXPECT_EQ(geo->country("::ffff:8.8.8.8"), "US");  // what a dual-stack socket reports
  EXPECT_EQ(geo->country("2001:4860:4860::8888"), "US");
}

TEST(CountryLookupTest, NonPublicAndGarbageGiveNothing) {
  auto geo = openDebian();
  ASSERT_TRUE(geo);
  for (const char* ip : {"127.0.0.1", "10.1.2.3", "192.168.0.1", "172.16.5.4", "::1", "fe80::1", "0.0.0.0",
                         "", "garbage", "8.8.8", "8.8.8.8.8", "google.com", "8.8.8.8:53"}) {
    EXPECT_EQ(geo->country(ip), std::nullopt) << ip;
  }
}

TEST(CountryLookupTest, ConcurrentLookupsAgree) {
  auto geo = openDebian();
  ASSERT_TRUE(geo);
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i)
        if (geo->country(i % 2 ? "8.8.8.8" : "127.0.0.1") != (i % 2 ? std::optional<std::string>("US") : std::nullopt))
          ++wrong[t];
    });
  for (auto& th : threads) th.join();
  for (int w : wrong) EXPECT_EQ(w, 0);
}

TEST(CountryLookupTest, MissingMmdbThrows) {
  EXPECT_THROW(CountryLookup::open("/nonexistent/GeoLite2-Country.mmdb"), std::runtime_error);
}

TEST(CountryLookupTest, CorruptMmdbThrows) {
  auto path = std::filesystem::temp_directory_path() / ("parley-corrupt-" + std::to_string(::getpid()) + ".mmdb");
  std::ofstream(path, std::ios::binary) << "this is not a MaxMind database";
  EXPECT_THROW(CountryLookup::open(path.string()), std::runtime_error);
  std::filesystem::remove(path);
}

// --- A tiny MaxMind DB written byte by byte (format spec 2.0), so the libmaxminddb path is tested without a
// --- licensed GeoLite2 download: 8.0.0.0/8 -> country DE, 9.0.0.0/8 -> only registered_country NL.

void put(std::string& out, std::initializer_list<int> bytes) {
  for (int b : bytes) out.push_back(static_cast<char>(b));
}
void putString(std::string& out, std::string_view s) {  // UTF-8 string, type 2, short form
  out.push_back(static_cast<char>(0x40 | s.size()));
  out.append(s);
}
void putUint16(std::string& out, std::uint16_t v) {  // type 5, two bytes
  put(out, {0xA2, v >> 8, v & 0xff});
}
void putRecord24(std::string& out, std::uint32_t v) { put(out, {int(v >> 16) & 0xff, int(v >> 8) & 0xff, int(v) & 0xff}); }

std::string mmdbFile(const std::string& tree, std::uint32_t nodes, const std::string& data);

std::string buildMmdb() {
  constexpr std::uint32_t kNodes = 8;
  std::string data;
  const std::uint32_t offset_de = 0;
  put(data, {0xE1});  // map, 1 entry
  putString(data, "country");
  put(data, {0xE1});
  putString(data, "iso_code");
  putString(data, "DE");
  const auto offset_nl = static_cast<std::uint32_t>(data.size());
  put(data, {0xE1});
  putString(data, "registered_country");
  put(data, {0xE1});
  putString(data, "iso_code");
  putString(data, "NL");

  // First octet 8 = 00001000, 9 = 00001001: nodes 0..6 follow 0000100, node 7 splits on the last bit.
  std::string tree;
  const int path[7] = {0, 0, 0, 0, 1, 0, 0};
  for (std::uint32_t n = 0; n < 7; ++n) {
    std::uint32_t next = n + 1;
    putRecord24(tree, path[n] == 0 ? next : kNodes);  // left (bit 0)
    putRecord24(tree, path[n] == 1 ? next : kNodes);  // right (bit 1)
  }
  putRecord24(tree, kNodes + 16 + offset_de);
  putRecord24(tree, kNodes + 16 + offset_nl);
  return mmdbFile(tree, kNodes, data);
}

// One node whose both halves point at {country: {iso_code: "DE"}}: every IPv4 address is "in Germany",
// so only our own filtering can keep private and loopback addresses out.
std::string buildCatchAllMmdb() {
  std::string data;
  put(data, {0xE1});
  putString(data, "country");
  put(data, {0xE1});
  putString(data, "iso_code");
  putString(data, "DE");
  std::string tree;
  putRecord24(tree, 1 + 16);
  putRecord24(tree, 1 + 16);
  return mmdbFile(tree, 1, data);
}

std::string mmdbFile(const std::string& tree, std::uint32_t nodes, const std::string& data) {
  std::string meta = "\xAB\xCD\xEFMaxMind.com";
  put(meta, {0xE9});  // map, 9 entries
  putString(meta, "node_count");
  put(meta, {0xC1, static_cast<int>(nodes)});  // uint32, one byte (tests use < 256 nodes)
  putString(meta, "record_size");
  putUint16(meta, 24);
  putString(meta, "ip_version");
  putUint16(meta, 4);
  putString(meta, "database_type");
  putString(meta, "Parley-Test-Country");
  putString(meta, "languages");
  put(meta, {0x01, 0x04});  // extended type 11 (array), 1 element
  putString(meta, "en");
  putString(meta, "binary_format_major_version");
  putUint16(meta, 2);
  putString(meta, "binary_format_minor_version");
  putUint16(meta, 0);
  putString(meta, "build_epoch");
  put(meta, {0x04, 0x02, 0x65, 0x00, 0x00, 0x00});  // extended type 9 (uint64), 4 bytes
  putString(meta, "description");
  put(meta, {0xE1});
  putString(meta, "en");
  putString(meta, "test database");

  return tree + std::string(16, '\0') + data + meta;
}

std::filesystem::path writeTemp(const std::string& name, const std::string& bytes) {
  auto path = std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()) + ".mmdb");
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

TEST(CountryLookupTest, MaxMindDatabaseFromConfiguredPath) {
  auto path = writeTemp("parley-test", buildMmdb());
  std::unique_ptr<CountryLookup> geo;
  ASSERT_NO_THROW(geo = CountryLookup::open(path.string()));
  EXPECT_EQ(geo->source(), "mmdb:" + path.string());
  EXPECT_EQ(geo->country("8.8.8.8"), "DE");   // the configured database wins over Debian's (which says US)
  EXPECT_EQ(geo->country("8.1.2.3"), "DE");
  EXPECT_EQ(geo->country("9.9.9.9"), "NL");   // registered_country fallback
  EXPECT_EQ(geo->country("1.1.1.1"), std::nullopt);  // not in this database
  EXPECT_EQ(geo->country("127.0.0.1"), std::nullopt);
  EXPECT_EQ(geo->country("2001:4860:4860::8888"), std::nullopt);  // IPv6 in an IPv4-only database
  geo.reset();
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace parley

namespace parley {
namespace {

TEST(CountryLookupTest, NonPublicAddressesAreFilteredEvenIfTheDatabaseKnowsThem) {
  auto path = writeTemp("parley-catchall", buildCatchAllMmdb());
  std::unique_ptr<CountryLookup> geo;
  ASSERT_NO_THROW(geo = CountryLookup::open(path.string()));
  EXPECT_EQ(geo->country("8.8.8.8"), "DE");
  EXPECT_EQ(geo->country("203.0.114.1"), "DE");
  for (const char* ip : {"127.0.0.1", "10.0.0.1", "192.168.1.1", "172.16.0.1", "169.254.1.1", "100.64.0.1"})
    EXPECT_EQ(geo->country(ip), std::nullopt) << ip;
  geo.reset();
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace parley
