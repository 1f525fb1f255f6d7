#include "domain/posix_tz.h"

#include <chrono>

namespace parley {

namespace {

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}
  bool done() const { return i_ >= s_.size(); }
  char peek() const { return done() ? '\0' : s_[i_]; }
  bool eat(char c) {
    if (peek() != c) return false;
    ++i_;
    return true;
  }

  // Zone abbreviation: 3+ letters, or "<...>" for numeric ones like "<+03>".
  bool name() {
    if (eat('<')) {
      auto close = s_.find('>', i_);
      if (close == std::string_view::npos || close - i_ < 3) return false;
      i_ = close + 1;
      return true;
    }
    std::size_t start = i_;
    while (!done() && ((peek() >= 'A' && peek() <= 'Z') || (peek() >= 'a' && peek() <= 'z'))) ++i_;
    return i_ - start >= 3;
  }

  std::optional<int> number(int max) {
    int v = 0;
    std::size_t start = i_;
    while (!done() && peek() >= '0' && peek() <= '9') {
      v = v * 10 + (peek() - '0');
      if (v > max) return std::nullopt;
      ++i_;
    }
    if (i_ == start) return std::nullopt;
    return v;
  }

  // [+-]hh[:mm[:ss]] in seconds.
  std::optional<int> clock(int max_hours) {
    int sign = 1;
    if (eat('-')) sign = -1;
    else eat('+');
    auto h = number(max_hours);
    if (!h) return std::nullopt;
    int seconds = *h * 3600;
    if (eat(':')) {
      auto m = number(59);
      if (!m) return std::nullopt;
      seconds += *m * 60;
      if (eat(':')) {
        auto sec = number(59);
        if (!sec) return std::nullopt;
        seconds += *sec;
      }
    }
    return sign * seconds;
  }

  std::optional<PosixTzRule> rule() {
    PosixTzRule r;
    if (eat('M')) {
      r.kind = PosixTzRule::Kind::MonthWeekDay;
      auto m = number(12);
      if (!m || *m < 1 || !eat('.')) return std::nullopt;
      auto w = number(5);
      if (!w || *w < 1 || !eat('.')) return std::nullopt;
      auto d = number(6);
      if (!d) return std::nullopt;
      r.month = *m, r.week = *w, r.day = *d;
    } else if (eat('J')) {
      r.kind = PosixTzRule::Kind::Julian1;
      auto d = number(365);
      if (!d || *d < 1) return std::nullopt;
      r.day = *d;
    } else {
      r.kind = PosixTzRule::Kind::Julian0;
      auto d = number(365);
      if (!d) return std::nullopt;
      r.day = *d;
    }
    if (eat('/')) {
      auto t = clock(167);
      if (!t) return std::nullopt;
      r.time = *t;
    }
    return r;
  }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
};

bool isLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Local midnight of the rule's day in year y, as days since 1970-01-01.
std::int64_t ruleDay(const PosixTzRule& r, int y) {
  using namespace std::chrono;
  const year yr{y};
  switch (r.kind) {
    case PosixTzRule::Kind::Julian1: {
      int offset = r.day - 1 + (isLeap(y) && r.day >= 60 ? 1 : 0);
      return (sys_days{yr / January / 1} + days{offset}).time_since_epoch().count();
    }
    case PosixTzRule::Kind::Julian0:
      return (sys_days{yr / January / 1} + days{r.day}).time_since_epoch().count();
    case PosixTzRule::Kind::MonthWeekDay:
      break;
  }
  const month mo{static_cast<unsigned>(r.month)};
  const weekday wd{static_cast<unsigned>(r.day)};
  sys_days d = r.week == 5 ? sys_days{yr / mo / wd[last]} : sys_days{yr / mo / wd[static_cast<unsigned>(r.week)]};
  return d.time_since_epoch().count();
}

int civilYear(std::int64_t seconds) {
  using namespace std::chrono;
  std::int64_t day = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
  return static_cast<int>(year_month_day{sys_days{days{day}}}.year());
}

}  // namespace

std::optional<PosixTz> parsePosixTz(std::string_view text) {
  Reader r(text);
  PosixTz tz;
  if (!r.name()) return std::nullopt;
  auto std_west = r.clock(24);
  if (!std_west) return std::nullopt;
  tz.std_offset = -*std_west;
  if (r.done()) return tz;

  if (!r.name()) return std::nullopt;
  tz.has_dst = true;
  tz.dst_offset = tz.std_offset + 3600;
  if (r.peek() != ',') {
    auto dst_west = r.clock(24);
    if (!dst_west) return std::nullopt;
    tz.dst_offset = -*dst_west;
  }
  // POSIX leaves the default rule to the implementation; every TZif footer names its rules explicitly.
  if (!r.eat(',')) return std::nullopt;
  auto start = r.rule();
  if (!start || !r.eat(',')) return std::nullopt;
  auto end = r.rule();
  if (!end || !r.done()) return std::nullopt;
  tz.start = *start;
  tz.end = *end;
  return tz;
}

int PosixTz::offsetAt(std::int64_t t) const {
  if (!has_dst) return std_offset;
  int y = civilYear(t + std_offset);
  std::int64_t start_utc = ruleDay(start, y) * 86400 + start.time - std_offset;
  std::int64_t end_utc = ruleDay(end, y) * 86400 + end.time - dst_offset;
  bool dst = start_utc < end_utc ? (t >= start_utc && t < end_utc)    // northern hemisphere
                                 : !(t >= end_utc && t < start_utc);  // southern: DST spans New Year
  return dst ? dst_offset : std_offset;
}

}  // namespace parley
