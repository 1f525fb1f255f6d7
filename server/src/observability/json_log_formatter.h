// `parley serve --log-format json`: each log line one JSON object, for journald, Loki, Elastic and
// the like to read without a parsing rule:
//   {"ts":"2026-12-02T23:57:02.123Z","level":"info","logger":"name","thread":1234,"msg":"..."}
// ("logger" only when the logger has a name; spdlog's default one has none). Whatever a message
// holds (quotes, backslashes, newlines, control bytes, invalid UTF-8 from a peer's header) the line
// stays one valid JSON object: control characters are escaped and invalid UTF-8 bytes become U+FFFD.
#pragma once

#include <spdlog/formatter.h>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace parley {

class JsonLogFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override;
  std::unique_ptr<spdlog::formatter> clone() const override;
};

// The fields of one line, as the formatter reads them from spdlog (tests call it directly too).
struct JsonLogRecord {
  std::chrono::system_clock::time_point time;
  std::string_view level;
  std::string_view logger;
  std::size_t thread_id = 0;
  std::string_view message;
};

// One JSON object and a newline.
std::string formatJsonLogLine(const JsonLogRecord& r);

// Appends s as a JSON string, quotes included.
void appendJsonLogString(std::string& out, std::string_view s);

// ISO-8601 in UTC with milliseconds: 2026-12-02T23:57:02.123Z.
std::string isoUtcMillis(std::chrono::system_clock::time_point t);

}  // namespace parley
