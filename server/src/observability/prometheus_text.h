// The Prometheus text exposition format, version 0.0.4: `# HELP` and `# TYPE` once per metric
// family, then one sample per line. Label values escape backslash, double quote and newline; HELP
// text escapes backslash and newline (the format's only two escaping rules).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "observability/metric_types.h"

namespace parley {

inline constexpr std::string_view kPrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

std::string escapePrometheusLabelValue(std::string_view value);
std::string escapePrometheusHelp(std::string_view help);
// A sample value: integers without a decimal point, others in their shortest round-trip form,
// infinities as +Inf / -Inf and NaN as NaN.
std::string formatPrometheusValue(double value);

class PrometheusText {
 public:
  // `# HELP` and `# TYPE` of a family; type is counter, gauge or histogram.
  void family(std::string_view name, std::string_view type, std::string_view help);
  // One sample; labels is empty or one `key="value"` list without braces, already escaped
  // (see label()).
  void sample(std::string_view name, std::string_view labels, double value);
  void sample(std::string_view name, std::string_view labels, std::uint64_t value);
  void sample(std::string_view name, std::string_view labels, std::int64_t value);

  void counter(std::string_view name, std::string_view help, std::uint64_t value);
  void gauge(std::string_view name, std::string_view help, std::int64_t value);
  // _bucket{le=...} (cumulative, ending with +Inf), _sum and _count.
  void histogram(std::string_view name, std::string_view help, const MetricHistogram::Snapshot& h);

  const std::string& text() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void line(std::string_view name, std::string_view labels, std::string_view value);
  std::string out_;
};

// `key="value"` with the value escaped.
std::string prometheusLabel(std::string_view key, std::string_view value);

}  // namespace parley
