#include "observability/prometheus_text.h"

#include <charconv>
#include <cmath>

namespace parley {

std::string escapePrometheusLabelValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

std::string escapePrometheusHelp(std::string_view help) {
  std::string out;
  out.reserve(help.size());
  for (char c : help) {
    if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

std::string formatPrometheusValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  // Plain decimals (0.0005, not 5e-04) for the range bucket bounds and readings live in; the shortest
  // form that reads back the same value either way.
  const double magnitude = std::fabs(value);
  const auto format = magnitude == 0 || (magnitude >= 1e-6 && magnitude < 1e15) ? std::chars_format::fixed
                                                                                 : std::chars_format::general;
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, format);
  return ec == std::errc{} ? std::string(buf, end) : std::string("NaN");
}

std::string prometheusLabel(std::string_view key, std::string_view value) {
  std::string out(key);
  out += "=\"";
  out += escapePrometheusLabelValue(value);
  out += '"';
  return out;
}

void PrometheusText::family(std::string_view name, std::string_view type, std::string_view help) {
  out_ += "# HELP ";
  out_ += name;
  out_ += ' ';
  out_ += escapePrometheusHelp(help);
  out_ += "\n# TYPE ";
  out_ += name;
  out_ += ' ';
  out_ += type;
  out_ += '\n';
}

void PrometheusText::line(std::string_view name, std::string_view labels, std::string_view value) {
  out_ += name;
  if (!labels.empty()) {
    out_ += '{';
    out_ += labels;
    out_ += '}';
  }
  out_ += ' ';
  out_ += value;
  out_ += '\n';
}

void PrometheusText::sample(std::string_view name, std::string_view labels, double value) {
  line(name, labels, formatPrometheusValue(value));
}
void PrometheusText::sample(std::string_view name, std::string_view labels, std::uint64_t value) {
  line(name, labels, std::to_string(value));
}
void PrometheusText::sample(std::string_view name, std::string_view labels, std::int64_t value) {
  line(name, labels, std::to_string(value));
}

void PrometheusText::counter(std::string_view name, std::string_view help, std::uint64_t value) {
  family(name, "counter", help);
  sample(name, {}, value);
}

void PrometheusText::gauge(std::string_view name, std::string_view help, std::int64_t value) {
  family(name, "gauge", help);
  sample(name, {}, value);
}

void PrometheusText::histogram(std::string_view name, std::string_view help, const MetricHistogram::Snapshot& h) {
  family(name, "histogram", help);
  const std::string bucket = std::string(name) + "_bucket";
  for (std::size_t i = 0; i < h.cumulative.size(); ++i) {
    const auto le = i < h.bounds.size() ? formatPrometheusValue(h.bounds[i]) : std::string("+Inf");
    sample(bucket, prometheusLabel("le", le), h.cumulative[i]);
  }
  sample(std::string(name) + "_sum", {}, h.sum);
  sample(std::string(name) + "_count", {}, h.count);
}

}  // namespace parley
