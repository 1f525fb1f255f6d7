// The Prometheus text format of /metrics (observability/prometheus_text.h, metric_types.h,
// metrics_registry.h): cumulative buckets ending at +Inf, escaping, bounded label sets.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "observability/metric_types.h"
#include "observability/metrics_registry.h"
#include "observability/prometheus_text.h"
#include "security/rate_limiter.h"

using namespace parley;

namespace {

std::vector<std::string> linesOf(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST(MetricsText, HistogramBucketsAreCumulativeAndEndAtInf) {
  MetricHistogram h{1, 2, 4};
  for (double v : {0.5, 1.0, 1.5, 3.0, 4.0, 100.0}) h.observe(v);
  PrometheusText t;
  t.histogram("x_seconds", "Some time.", h.snapshot());
  EXPECT_EQ(t.text(),
            "# HELP x_seconds Some time.\n"
            "# TYPE x_seconds histogram\n"
            "x_seconds_bucket{le=\"1\"} 2\n"  // 0.5 and 1.0 (le: a value on the bound is in it)
            "x_seconds_bucket{le=\"2\"} 3\n"
            "x_seconds_bucket{le=\"4\"} 5\n"
            "x_seconds_bucket{le=\"+Inf\"} 6\n"
            "x_seconds_sum 110\n"
            "x_seconds_count 6\n");
}

TEST(MetricsText, FractionalBoundsAndEmptyHistogram) {
  MetricHistogram h{0.0005, 0.25};
  PrometheusText t;
  t.histogram("f", "h", h.snapshot());
  EXPECT_NE(t.text().find("f_bucket{le=\"0.0005\"} 0\n"), std::string::npos) << t.text();
  EXPECT_NE(t.text().find("f_bucket{le=\"0.25\"} 0\n"), std::string::npos);
  EXPECT_NE(t.text().find("f_bucket{le=\"+Inf\"} 0\nf_sum 0\nf_count 0\n"), std::string::npos);
}

TEST(MetricsText, HistogramRefusesBadBounds) {
  EXPECT_THROW((MetricHistogram{2, 1}), std::invalid_argument);
  EXPECT_THROW((MetricHistogram{1, 1}), std::invalid_argument);
  EXPECT_THROW((MetricHistogram{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17}), std::invalid_argument);
}

TEST(MetricsText, EscapesLabelValuesAndHelp) {
  EXPECT_EQ(escapePrometheusLabelValue(R"(a"b\c)" "\n" "d"), R"(a\"b\\c\nd)");
  EXPECT_EQ(prometheusLabel("limiter", "x\"y"), R"(limiter="x\"y")");
  PrometheusText t;
  t.counter("c_total", "back\\slash\nnew line \"quotes stay\"", 3);
  EXPECT_EQ(t.text(), "# HELP c_total back\\\\slash\\nnew line \"quotes stay\"\n# TYPE c_total counter\nc_total 3\n");
}

TEST(MetricsText, FormatsValues) {
  EXPECT_EQ(formatPrometheusValue(0.1), "0.1");
  EXPECT_EQ(formatPrometheusValue(3), "3");
  EXPECT_EQ(formatPrometheusValue(0.0005), "0.0005");
  EXPECT_EQ(formatPrometheusValue(1e-7), "1e-07");
  EXPECT_EQ(formatPrometheusValue(1.0 / 0.0), "+Inf");
  EXPECT_EQ(formatPrometheusValue(-1.0 / 0.0), "-Inf");
  EXPECT_EQ(formatPrometheusValue(0.0 / 0.0), "NaN");
}

TEST(MetricsText, StatusCountersKeepABoundedLabelSet) {
  StatusCounters s;
  s.count(200);
  s.count(200);
  s.count(404);
  s.count(99);    // not a status: not counted
  s.count(1000);  // neither
  EXPECT_EQ(s.nonZero(), (std::vector<std::pair<int, std::uint64_t>>{{200, 2}, {404, 1}}));
}

TEST(MetricsText, NamedCountersShareOtherPastTheirLimit) {
  NamedCounters n;
  n.counter("a").add(2);
  EXPECT_EQ(&n.counter("a"), &n.counter("a"));
  for (std::size_t i = 1; i < NamedCounters::kMaxNames; ++i) n.counter("n" + std::to_string(i));
  n.counter("one-too-many").add();
  n.counter("two-too-many").add();
  auto values = n.values();
  ASSERT_EQ(values.size(), NamedCounters::kMaxNames + 1);
  EXPECT_EQ(values.front(), (std::pair<std::string, std::uint64_t>{"a", 2}));
  EXPECT_EQ(values.back(), (std::pair<std::string, std::uint64_t>{"other", 2}));
}

// Every line of the whole registry is a comment or `name{labels} value`, and each family has its
// HELP and TYPE before its samples.
TEST(MetricsRegistry, RendersEveryFamilyInTheTextFormat) {
  ServerMetrics m;
  m.http_responses.count(404);
  m.rate_limited.counter("visitor_messages").add(3);
  m.commit_batch_size.observe(3);
  m.sockets_agent.add(2);
  const auto text = renderServerMetrics(m);
  for (const auto* family : {"parley_open_sockets", "parley_send_queue_bytes", "parley_messages_stored_total",
                             "parley_commit_batch_size", "parley_commit_seconds", "parley_fsync_seconds",
                             "parley_http_responses_total", "parley_rate_limited_total"}) {
    EXPECT_NE(text.find(std::string("# TYPE ") + family + " "), std::string::npos) << family;
    EXPECT_NE(text.find(std::string("# HELP ") + family + " "), std::string::npos) << family;
  }
  EXPECT_NE(text.find("parley_open_sockets{role=\"agent\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("parley_http_responses_total{status=\"404\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("parley_rate_limited_total{limiter=\"visitor_messages\"} 3\n"), std::string::npos);
  EXPECT_NE(text.find("parley_commit_batch_size_bucket{le=\"2\"} 0\nparley_commit_batch_size_bucket{le=\"4\"} 1\n"),
            std::string::npos);
  for (const auto& line : linesOf(text)) {
    if (line.starts_with("# ")) continue;
    const auto space = line.rfind(' ');
    ASSERT_NE(space, std::string::npos) << line;
    EXPECT_TRUE(line.starts_with("parley_")) << line;
  }
}

TEST(MetricsRegistry, ARateLimiterCountsItsRefusalsUnderItsName) {
  RateLimiter limiter("unit_test_limiter", 1.0, 1.0);
  auto& counter = serverMetrics().rate_limited.counter("unit_test_limiter");
  const auto before = counter.value();
  EXPECT_TRUE(limiter.allow("k", 0));
  EXPECT_FALSE(limiter.allow("k", 0));
  EXPECT_FALSE(limiter.allow("k", 0, 5.0));  // above the burst
  EXPECT_EQ(counter.value(), before + 2);
}

}  // namespace
