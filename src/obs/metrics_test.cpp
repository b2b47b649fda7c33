#include "obs/metrics.hpp"

#include <gtest/gtest.h>

namespace pactum::obs {
namespace {

TEST(Metrics, RendersCountersAndHistogramsInPrometheusTextFormat) {
  Metrics m;
  m.describe("pactum_http_requests_total", "counter", "HTTP requests by route and status.");
  m.count("pactum_http_requests_total", {{"route", "/api/v1/incidents"}, {"status", "201"}});
  m.count("pactum_http_requests_total", {{"route", "/api/v1/incidents"}, {"status", "201"}});
  m.observe("pactum_http_request_seconds", {{"route", "x\"y"}}, 0.003);
  std::string text = m.render();
  EXPECT_NE(text.find("# HELP pactum_http_requests_total HTTP requests by route and status.\n"
                      "# TYPE pactum_http_requests_total counter\n"
                      "pactum_http_requests_total{route=\"/api/v1/incidents\",status=\"201\"} 2\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("pactum_http_request_seconds_bucket{route=\"x\\\"y\",le=\"0.0025\"} 0\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("pactum_http_request_seconds_bucket{route=\"x\\\"y\",le=\"0.005\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("pactum_http_request_seconds_count{route=\"x\\\"y\"} 1\n"),
            std::string::npos);
}

TEST(Metrics, ASeriesKeptByItsCallerIsTheOneTheRegistryRenders) {
  Metrics m;
  auto& requests = m.counter("requests_total", {{"route", "/a"}});
  EXPECT_EQ(&requests, &m.counter("requests_total", {{"route", "/a"}}));  // found, not made again
  EXPECT_NE(&requests, &m.counter("requests_total", {{"route", "/b"}}));
  m.counter("other_total", {});  // a new family does not move the series kept
  for (int i = 0; i < 3; ++i) requests.add();
  m.count("requests_total", {{"route", "/a"}}, 0.5);
  auto& seconds = m.histogram("seconds", {});
  seconds.observe(0.02);
  seconds.observe(20);  // past the last bound: only in +Inf
  std::string text = m.render();
  EXPECT_NE(text.find("requests_total{route=\"/a\"} 3.5\n"), std::string::npos) << text;
  EXPECT_NE(text.find("requests_total{route=\"/b\"} 0\n"), std::string::npos) << text;
  EXPECT_NE(text.find("seconds_bucket{le=\"0.025\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("seconds_bucket{le=\"10\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("seconds_bucket{le=\"+Inf\"} 2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("seconds_count 2\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace pactum::obs
