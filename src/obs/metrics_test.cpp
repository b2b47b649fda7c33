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
  EXPECT_NE(text.find("pactum_http_request_seconds_count{route=\"x\\\"y\"} 1\n"), std::string::npos);
}

}  // namespace
}  // namespace pactum::obs
