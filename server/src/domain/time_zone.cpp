#include "domain/time_zone.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <mutex>

namespace parley {

namespace {

constexpr std::string_view kZoneDir = "/usr/share/zoneinfo/";
constexpr std::size_t kMaxZoneFileBytes = 1 << 20;  // real files are a few KiB

class Bytes {
 public:
  explicit Bytes(std::string_view data) : d_(data) {}
  bool has(std::size_t n) const { return pos_ + n <= d_.size(); }
  std::size_t pos() const { return pos_; }
  void skip(std::size_t n) { pos_ += n; }
  std::int64_t be(int width) {  // big-endian signed integer of 4 or 8 bytes
    std::uint64_t v = 0;
    for (int k = 0; k < width; ++k) v = (v << 8) | static_cast<unsigned char>(d_[pos_ + k]);
    pos_ += width;
    if (width == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
    return static_cast<std::int64_t>(v);
  }
  std::uint8_t byte() { return static_cast<unsigned char>(d_[pos_++]); }
  std::string_view rest() const { return d_.substr(pos_); }

 private:
  std::string_view d_;
  std::size_t pos_ = 0;
};

struct Header {
  char version = 0;
  std::int64_t isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt;
};

std::optional<Header> readHeader(Bytes& b) {
  if (!b.has(44) || b.rest().substr(0, 4) != "TZif") return std::nullopt;
  Header h;
  b.skip(4);
  h.version = static_cast<char>(b.byte());
  b.skip(15);
  h.isutcnt = b.be(4), h.isstdcnt = b.be(4), h.leapcnt = b.be(4);
  h.timecnt = b.be(4), h.typecnt = b.be(4), h.charcnt = b.be(4);
  if (h.typecnt < 1 || h.timecnt < 0 || h.charcnt < 0 || h.leapcnt < 0 || h.isutcnt < 0 || h.isstdcnt < 0)
    return std::nullopt;
  return h;
}

std::size_t blockSize(const Header& h, int time_width) {
  return static_cast<std::size_t>(h.timecnt * time_width + h.timecnt + h.typecnt * 6 + h.charcnt +
                                  h.leapcnt * (time_width + 4) + h.isstdcnt + h.isutcnt);
}

std::optional<std::string> readZoneFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string data;
  data.resize(kMaxZoneFileBytes + 1);
  in.read(data.data(), static_cast<std::streamsize>(data.size()));
  data.resize(static_cast<std::size_t>(in.gcount()));
  if (data.size() > kMaxZoneFileBytes) return std::nullopt;
  return data;
}

}  // namespace

bool isPlausibleZoneName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  std::size_t start = 0;
  while (start <= name.size()) {
    auto slash = name.find('/', start);
    auto part = name.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (part.empty() || part.front() == '.' || part.front() == '-') return false;
    for (char c : part) {
      bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
                c == '+' || c == '-';
      if (!ok) return false;
    }
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return true;
}

std::shared_ptr<const TimeZone> TimeZone::fixed(int offset_seconds) {
  auto tz = std::make_shared<TimeZone>();
  tz->initial_offset_ = offset_seconds;
  return tz;
}

std::shared_ptr<const TimeZone> TimeZone::fromTzif(std::string_view data) {
  Bytes b(data);
  auto h = readHeader(b);
  if (!h) return nullptr;
  int width = 4;
  if (h->version >= '2') {
    // Skip the 32-bit block: version 2+ repeats everything with 64-bit times, which do not end in 2038.
    if (!b.has(blockSize(*h, 4))) return nullptr;
    b.skip(blockSize(*h, 4));
    h = readHeader(b);
    if (!h) return nullptr;
    width = 8;
  }
  if (!b.has(blockSize(*h, width))) return nullptr;

  auto tz = std::make_shared<TimeZone>();
  tz->transitions_.reserve(static_cast<std::size_t>(h->timecnt));
  for (std::int64_t i = 0; i < h->timecnt; ++i) tz->transitions_.push_back(b.be(width));
  std::vector<std::uint8_t> type_of(static_cast<std::size_t>(h->timecnt));
  for (auto& t : type_of) t = b.byte();
  std::vector<int> type_offset(static_cast<std::size_t>(h->typecnt));
  for (auto& off : type_offset) {
    off = static_cast<int>(b.be(4));
    b.skip(2);  // isdst, abbreviation index
  }
  for (auto t : type_of)
    if (t >= type_offset.size()) return nullptr;
  if (!std::is_sorted(tz->transitions_.begin(), tz->transitions_.end())) return nullptr;
  for (auto t : type_of) tz->offset_after_.push_back(type_offset[t]);
  // RFC 8536 3.2: local time type 0 applies before the first transition.
  tz->initial_offset_ = type_offset[0];
  b.skip(static_cast<std::size_t>(h->charcnt + h->leapcnt * (width + 4) + h->isstdcnt + h->isutcnt));

  if (width == 8) {
    std::string_view rest = b.rest();
    if (rest.size() >= 2 && rest.front() == '\n') {
      auto end = rest.find('\n', 1);
      if (end != std::string_view::npos && end > 1) tz->footer_ = parsePosixTz(rest.substr(1, end - 1));
    }
  }
  return tz;
}

std::shared_ptr<const TimeZone> TimeZone::load(std::string_view name) {
  if (!isPlausibleZoneName(name)) return nullptr;
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<const TimeZone>, std::less<>> cache;
  {
    std::lock_guard lock(mu);
    if (auto it = cache.find(name); it != cache.end()) return it->second;
  }
  std::shared_ptr<const TimeZone> tz;
  if (auto data = readZoneFile(std::string(kZoneDir) + std::string(name))) tz = fromTzif(*data);
  if (!tz && (name == "UTC" || name == "Etc/UTC" || name == "GMT")) tz = fixed(0);
  // Only hits are cached: the names come from admin settings, so misses are rare and must not grow the map.
  if (!tz) return nullptr;
  std::lock_guard lock(mu);
  return cache.emplace(std::string(name), tz).first->second;
}

int TimeZone::offsetAt(Millis utc) const {
  std::int64_t seconds = utc >= 0 ? utc / 1000 : -((-utc + 999) / 1000);
  if (transitions_.empty() || seconds < transitions_.front()) {
    if (transitions_.empty() && footer_) return footer_->offsetAt(seconds);
    return initial_offset_;
  }
  if (seconds >= transitions_.back() && footer_) return footer_->offsetAt(seconds);
  auto it = std::upper_bound(transitions_.begin(), transitions_.end(), seconds);
  return offset_after_[static_cast<std::size_t>(it - transitions_.begin()) - 1];
}

}  // namespace parley
