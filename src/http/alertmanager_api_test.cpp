// T5: Alertmanager's v2 API as its clients (amtool) read it: the alert listing with every field
// its OpenAPI requires, the status, and silences, in-process over the real handlers, intake and
// silences (memory log). tests/integration/test_amtool.py runs amtool itself against the server.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <future>

#include "http/alertmanager_query.hpp"
#include "http/api.hpp"
#include "store/memory/memory_accounts.hpp"
#include "testing/engine_fixture.hpp"
#include "testing/example_plan.hpp"

namespace pactum::http {
namespace {

using boost::json::object;
using boost::json::value;
using std::chrono::hours;
using std::chrono::minutes;
using testing::at;

class AlertmanagerApiTest : public testing::EngineFixture {
 protected:
  AlertmanagerApiTest() : EngineFixture(at("2026-03-02T12:00:00Z"), Actor{"setup", "", {}}) {}
  store::MemoryAccounts accounts;
  engine::Auth auth{accounts, clock};
  engine::Silences silences{engine, log};
  engine::AlertIntake intake{engine, log, &silences};
  obs::Metrics metrics;
  std::unique_ptr<Api> api;
  std::string monitoring;  // a token with the alerts scope
  std::string reader;      // a token with the read scope

  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(EngineFixture::SetUp());
    ASSERT_TRUE(silences.load().ok());
    ASSERT_TRUE(intake.load().ok());
    ApiOptions options{"9.8.7", "openapi: 3.1.0\n", nullptr, false};
    options.alerts = &intake;
    options.silences = &silences;
    api = std::make_unique<Api>(engine, auth, log, metrics, nullptr, options);
    ASSERT_TRUE(
        auth.add_user({"ops", "ops", "A", "a-li", false, "password-123"}, &engine.plan()->plan)
            .ok());
    monitoring = auth.create_token("ops", "monitoring", {"alerts"}, std::nullopt)->secret;
    reader = auth.create_token("ops", "reader", {"read"}, std::nullopt)->secret;
  }

  Response call(const std::string& method, const std::string& path, const std::string& body = "",
                QueryList query = {}, const std::string& token = "") {
    Request req;
    req.method = method;
    req.path = path;
    req.body = body;
    req.query_list = std::move(query);
    for (const auto& [k, v] : req.query_list) req.query[k] = v;
    req.headers["authorization"] = "Bearer " + (token.empty() ? monitoring : token);
    if (!body.empty()) req.headers["content-type"] = "application/json";
    std::promise<Response> reply;
    api->handle(req, [&](Response r) { reply.set_value(std::move(r)); });
    return reply.get_future().get();
  }
  value json(const Response& r) { return boost::json::parse(r.body); }
  // Posts a silence of the alerts of `service` for two hours; its id.
  std::string silence(const std::string& service) {
    Response r = call("POST", "/api/v2/silences",
                      R"({"matchers":[{"name":"service","value":")" + service +
                          R"(","isRegex":false,"isEqual":true}],"startsAt":")" +
                          format_instant(clock.now()) + R"(","endsAt":")" +
                          format_instant(clock.now() + hours(2)) +
                          R"(","createdBy":"li.na","comment":"upgrade"})");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? std::string(json(r).at("silenceID").as_string()) : "";
  }
};

TEST_F(AlertmanagerApiTest, T5_ListedAlertsHaveEveryFieldAlertmanagersOpenApiRequires) {
  // As amtool posts: no start and no end (Go's zero time), one of them resolved since.
  ASSERT_EQ(call("POST", "/api/v2/alerts",
                 R"([{"labels":{"alertname":"Foo","service":"api"},"annotations":{"summary":"hi"},
                      "startsAt":"0001-01-01T00:00:00Z","endsAt":"0001-01-01T00:00:00Z"},
                     {"labels":{"alertname":"Bar"},"startsAt":"2026-03-02T11:00:00Z","endsAt":"2026-03-02T11:30:00Z"}])")
                .status,
            200);
  Response r = call("GET", "/api/v2/alerts");
  ASSERT_EQ(r.status, 200) << r.body;
  auto list = json(r).as_array();
  ASSERT_EQ(list.size(), 1u) << r.body;  // resolved alerts are not listed, as in Alertmanager
  const auto& a = list[0].as_object();
  for (const char* field : {"labels", "annotations", "receivers", "fingerprint", "startsAt",
                            "updatedAt", "endsAt", "status"}) {
    EXPECT_TRUE(a.contains(field)) << field;
  }
  // No end announced: Alertmanager's now + resolve_timeout (5 minutes), never null.
  EXPECT_EQ(a.at("endsAt"), format_instant(clock.now() + minutes(5)).c_str());
  EXPECT_EQ(a.at("startsAt"), format_instant(clock.now()).c_str());
  EXPECT_EQ(a.at("receivers"), boost::json::parse(R"([{"name":"pactum"}])"));
  EXPECT_EQ(a.at("status"),
            boost::json::parse(R"({"state":"active","silencedBy":[],"inhibitedBy":[]})"));

  EXPECT_EQ(
      json(call("GET", "/api/v2/alerts", "", {{"filter", "alertname=Foo"}})).as_array().size(), 1u);
  EXPECT_EQ(
      json(call("GET", "/api/v2/alerts", "", {{"filter", "alertname=Bar"}})).as_array().size(), 0u);
  EXPECT_EQ(json(call("GET", "/api/v2/alerts", "", {{"receiver", "other"}})).as_array().size(), 0u);
  Response bad = call("GET", "/api/v2/alerts", "", {{"filter", "alertname"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(json(bad).is_string()) << bad.body;  // Alertmanager's clients read a string
}

TEST_F(AlertmanagerApiTest, T5_StatusIsAlertmanagersShapeWithPactumsVersion) {
  Response r = call("GET", "/api/v2/status");
  ASSERT_EQ(r.status, 200);
  auto o = json(r).as_object();
  auto version = o.at("versionInfo").as_object();
  EXPECT_EQ(version.at("version"), "9.8.7");
  for (const char* field : {"revision", "branch", "buildUser", "buildDate", "goVersion"}) {
    EXPECT_TRUE(version.at(field).is_string()) << field;
  }
  EXPECT_EQ(o.at("cluster").at("status"), "disabled");  // not an Alertmanager cluster
  EXPECT_TRUE(o.at("cluster").at("peers").is_array());
  EXPECT_TRUE(o.at("config").at("original").is_string());
  EXPECT_EQ(o.at("uptime"), format_instant(clock.now()).c_str());  // up since the server started
}

TEST_F(AlertmanagerApiTest, T5_ASilencedAlertIsSuppressedAndListedOnlyWhenAskedFor) {
  ASSERT_EQ(call("POST", "/api/v2/alerts",
                 R"([{"labels":{"alertname":"ServiceDown","service":"api"}},
                     {"labels":{"alertname":"ServiceDown","service":"db"}}])")
                .status,
            200);
  std::string id = silence("api");
  auto all = json(call("GET", "/api/v2/alerts")).as_array();
  ASSERT_EQ(all.size(), 2u);
  for (const auto& a : all) {
    bool api_alert = a.at("labels").at("service") == "api";
    EXPECT_EQ(a.at("status").at("state"), api_alert ? "suppressed" : "active");
    EXPECT_EQ(a.at("status").at("silencedBy").as_array().size(), api_alert ? 1u : 0u);
    if (api_alert) {
      EXPECT_EQ(a.at("status").at("silencedBy").at(0), id.c_str());
    }
  }
  // amtool's `alert query` asks for the active ones only; `-s` for the silenced too.
  auto active = json(call("GET", "/api/v2/alerts", "", {{"active", "true"}, {"silenced", "false"}}))
                    .as_array();
  ASSERT_EQ(active.size(), 1u);
  EXPECT_EQ(active[0].at("labels").at("service"), "db");
  auto muted = json(call("GET", "/api/v2/alerts", "", {{"active", "false"}, {"silenced", "true"}}))
                   .as_array();
  ASSERT_EQ(muted.size(), 1u);
  EXPECT_EQ(muted[0].at("labels").at("service"), "api");
}

TEST_F(AlertmanagerApiTest, T5_SilencesAreCreatedListedAndExpiredThroughTheV2Api) {
  std::string id = silence("api");
  Response one = call("GET", "/api/v2/silence/" + id);
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(json(one).at("status").at("state"), "active");
  EXPECT_EQ(json(one).at("createdBy"), "li.na");
  auto list = json(call("GET", "/api/v2/silences")).as_array();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].at("id"), id.c_str());
  EXPECT_EQ(json(call("GET", "/api/v2/silences", "", {{"filter", "service=db"}})).as_array().size(),
            0u);
  EXPECT_EQ(
      json(call("GET", "/api/v2/silences", "", {{"filter", "service=api"}})).as_array().size(), 1u);

  // Pactum's own listing, for the web app and read-only scripts.
  Response own = call("GET", "/api/v1/silences", "", {}, reader);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(json(own).at("silences").at(0).at("state"), "active");
  EXPECT_EQ(json(own).at("silences").at(0).at("matchers"),
            boost::json::parse(R"([{"name":"service","op":"=","value":"api"}])"));

  clock.advance(minutes(10));
  Response expired = call("DELETE", "/api/v2/silence/" + id);
  EXPECT_EQ(expired.status, 200) << expired.body;
  EXPECT_EQ(json(call("GET", "/api/v2/silence/" + id)).at("status").at("state"), "expired");
  EXPECT_EQ(json(call("GET", "/api/v2/silence/" + id)).at("endsAt"),
            format_instant(clock.now()).c_str());
  Response again = call("DELETE", "/api/v2/silence/" + id);
  EXPECT_EQ(again.status, 422);
  EXPECT_TRUE(json(again).is_string()) << again.body;
  Response unknown = call("DELETE", "/api/v2/silence/nope");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(call("GET", "/api/v2/silence/nope").status, 404);
}

TEST_F(AlertmanagerApiTest, T5_ABadSilenceIsRefusedWithAStringNamingTheField) {
  Response r = call("POST", "/api/v2/silences",
                    R"({"matchers":[{"name":"service","value":"","isRegex":false}],"startsAt":")" +
                        format_instant(clock.now()) + R"(","endsAt":")" +
                        format_instant(clock.now() + hours(1)) +
                        R"(","createdBy":"li.na","comment":"upgrade"})");
  EXPECT_EQ(r.status, 400);
  ASSERT_TRUE(json(r).is_string()) << r.body;
  EXPECT_EQ(std::string(json(r).as_string()).rfind("matchers: ", 0), 0u) << r.body;
  EXPECT_TRUE(log.read_stream("silences")->empty());
}

TEST_F(AlertmanagerApiTest, T5_SilencesNeedTheAlertsScope) {
  std::string body =
      R"({"matchers":[{"name":"service","value":"api","isRegex":false}],"startsAt":")" +
      format_instant(clock.now()) + R"(","endsAt":")" + format_instant(clock.now() + hours(1)) +
      R"(","createdBy":"li.na","comment":"upgrade"})";
  EXPECT_EQ(call("POST", "/api/v2/silences", body, {}, reader).status, 403);
  EXPECT_EQ(call("DELETE", "/api/v2/silence/x", "", {}, reader).status, 403);
  EXPECT_EQ(call("GET", "/api/v2/silences", "", {}, reader).status, 403);
  EXPECT_EQ(call("POST", "/api/v2/silences", body).status, 200);
}

}  // namespace
}  // namespace pactum::http
