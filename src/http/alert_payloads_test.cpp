// T5: reading Alertmanager v2, webhook v4 and generic alert bodies; bad input names its field.
#include "http/alert_payloads.hpp"

#include <gtest/gtest.h>

namespace pactum::http {
namespace {

const Instant now = *parse_instant("2026-03-02T12:00:00Z");

TEST(AlertPayloads, T5_PrometheusV2BodyIsRead) {
  // What Prometheus 2.42 posts, unknown extras included.
  auto alerts = parse_v2_alerts(R"([
    {"labels":{"alertname":"ServiceDown","service":"api","job":"api"},
     "annotations":{"summary":"API down"},
     "startsAt":"2026-03-02T07:00:00.123Z","endsAt":"2026-03-02T12:04:00Z",
     "generatorURL":"http://prom:9090/graph?g0.expr=up"},
    {"labels":{"alertname":"DataCorruption"},"startsAt":"2026-03-02T11:00:00+08:00","extra":1}
  ])",
                                now);
  ASSERT_TRUE(alerts.ok()) << alerts.error().field << ": " << alerts.error().message;
  ASSERT_EQ(alerts->size(), 2u);
  const Alert& a = (*alerts)[0];
  EXPECT_EQ(a.labels.at("service"), "api");
  EXPECT_EQ(a.annotations.at("summary"), "API down");
  EXPECT_EQ(a.starts_at, *parse_instant("2026-03-02T07:00:00.123Z"));
  ASSERT_TRUE(a.ends_at);
  EXPECT_FALSE(a.resolved_at(now));  // Prometheus sends endsAt in the future while firing
  EXPECT_EQ(a.generator_url, "http://prom:9090/graph?g0.expr=up");
  EXPECT_EQ((*alerts)[1].starts_at, *parse_instant("2026-03-02T03:00:00Z"));
}

TEST(AlertPayloads, T5_WebhookV4BodyIsReadAndGoZeroTimeMeansNone) {
  auto alerts = parse_webhook_v4(R"({
    "version":"4","status":"firing","receiver":"pactum","groupKey":"{}:{alertname=\"ServiceDown\"}",
    "truncatedAlerts":0,"groupLabels":{},"commonLabels":{},"commonAnnotations":{},"externalURL":"http://am",
    "alerts":[
      {"status":"firing","labels":{"alertname":"ServiceDown","service":"api"},"annotations":{},
       "startsAt":"2026-03-02T07:00:00Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"","fingerprint":"abc"},
      {"status":"resolved","labels":{"alertname":"ServiceDown","service":"db"},"annotations":{},
       "startsAt":"2026-03-02T07:00:00Z","endsAt":"2026-03-02T11:00:00Z","fingerprint":"def"}
    ]})",
                                 now);
  ASSERT_TRUE(alerts.ok()) << alerts.error().field << ": " << alerts.error().message;
  ASSERT_EQ(alerts->size(), 2u);
  EXPECT_FALSE((*alerts)[0].ends_at);
  EXPECT_TRUE((*alerts)[1].resolved_at(now));
}

TEST(AlertPayloads, T5_BadBatchesAreRefusedWholeNamingTheField) {
  struct Case {
    const char* body;
    const char* field;
    const char* message;
  } cases[] = {
      {"[{", "", "not valid JSON"},
      {R"({"labels":{}})", "alerts", "JSON array"},
      {R"([{"labels":{"alertname":"A"}}, {"labels":{"service":"api"}}])",
       "alerts[1].labels.alertname", "alertname"},
      {R"([{"labels":{"alertname":"A","n":5}}])", "alerts[0].labels.n", "string"},
      {R"([{"labels":{"alertname":"A"},"startsAt":"yesterday"}])", "alerts[0].startsAt",
       "RFC 3339"},
      {R"([{"labels":{"alertname":"A"},"startsAt":"2036-03-02T12:00:00Z"}])", "alerts[0].startsAt",
       "plausible"},
      {R"([{"labels":{"alertname":"A"},"startsAt":"1970-01-01T00:00:01Z"}])", "alerts[0].startsAt",
       "plausible"},
      {R"([7])", "alerts[0]", "JSON object"},
  };
  for (const auto& c : cases) {
    auto r = parse_v2_alerts(c.body, now);
    ASSERT_FALSE(r.ok()) << c.body;
    EXPECT_EQ(r.error().field, c.field) << c.body;
    EXPECT_NE(r.error().message.find(c.message), std::string::npos)
        << c.body << " → " << r.error().message;
  }
}

TEST(AlertPayloads, T5_OversizedBatchIsRefused) {
  std::string body = "[";
  for (int i = 0; i < 1001; ++i)
    body += std::string(i ? "," : "") + R"({"labels":{"alertname":"A"}})";
  body += "]";
  auto r = parse_v2_alerts(body, now);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("at most 1000"), std::string::npos);
}

TEST(AlertPayloads, T5_WebhookOfAnotherVersionIsRefused) {
  auto r = parse_webhook_v4(R"({"version":"3","alerts":[]})", now);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "version");
}

TEST(AlertPayloads, T5_GenericEvent) {
  auto a =
      parse_generic_alert(R"({"name":"ServiceDown","labels":{"service":"api"},"summary":"API down",
                                   "at":"2026-03-02T07:00:00Z"})",
                          now);
  ASSERT_TRUE(a.ok()) << a.error().field << ": " << a.error().message;
  EXPECT_EQ(a->labels.at("alertname"), "ServiceDown");
  EXPECT_EQ(a->labels.at("service"), "api");
  EXPECT_EQ(a->annotations.at("summary"), "API down");
  EXPECT_FALSE(a->ends_at);
  EXPECT_TRUE(a->start_given);

  auto resolved = parse_generic_alert(R"({"name":"ServiceDown","status":"resolved"})", now);
  ASSERT_TRUE(resolved.ok());
  EXPECT_TRUE(resolved->resolved_at(now));
  EXPECT_FALSE(resolved->start_given);  // without "at": the intake continues the known episode

  struct Case {
    const char* body;
    const char* field;
  } cases[] = {
      {R"({"labels":{}})", "name"},
      {R"({"name":"A","status":"burning"})", "status"},
      {R"({"name":"A","at":"soon"})", "at"},
      {R"({"name":"A","at":"2099-01-01T00:00:00Z"})", "at"},
      {R"({"name":"A","labels":{"bad-name":"x"}})", "labels"},
      {R"({"name":"A","colour":"red"})", "colour"},
  };
  for (const auto& c : cases) {
    auto r = parse_generic_alert(c.body, now);
    ASSERT_FALSE(r.ok()) << c.body;
    EXPECT_EQ(r.error().field, c.field) << c.body << " → " << r.error().message;
  }
}

}  // namespace
}  // namespace pactum::http
