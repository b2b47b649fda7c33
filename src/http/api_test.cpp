// The API in-process: real handlers, engine and auth over in-memory stores, no sockets. The
// authorisation matrix covers every route for four callers; integration tests with the real
// server live in tests/.
#include "http/api.hpp"

#include <gtest/gtest.h>

#include <future>

#include <boost/json.hpp>
#include <set>
#include <yaml-cpp/yaml.h>

#include "engine/testing.hpp"
#include "store/memory/memory_accounts.hpp"
#include "store/memory/memory_event_log.hpp"

namespace pactum::http {
namespace {

using boost::json::value;
using testing::at;

struct Session {
  std::string cookie;
  std::string csrf;
};

class ApiTest : public ::testing::Test {
 protected:
  store::MemoryEventLog log;
  store::MemoryAccounts accounts;
  ManualClock clock{at("2026-03-02T09:00:00+08:00")};
  engine::Engine engine{log, clock};
  engine::Auth auth{accounts, clock};
  obs::Metrics metrics;
  Api api{engine, auth, log, metrics, nullptr, ApiOptions{"test", "openapi: 3.1.0\n", nullptr, false}};
  std::map<std::string, Session> sessions;

  void SetUp() override {
    ASSERT_FALSE(engine.load());
    ASSERT_TRUE(engine.activate_plan(testing::example_plan_yaml(), Actor{"setup", "", {}}).ok());
    const Plan& plan = engine.plan()->plan;
    for (auto [id, party, contact, admin] :
         {std::tuple{"admin", "A", "a-zhang", true}, std::tuple{"tech-a", "A", "a-li", false},
          std::tuple{"leader-b", "B", "b-wang", false}, std::tuple{"tech-b", "B", "b-zhou", false},
          std::tuple{"comms-a", "A", "a-liu", false}}) {
      ASSERT_TRUE(auth.add_user({id, id, party, contact, admin, "password-123"}, &plan).ok());
      Response r = call("POST", "/api/v1/session",
                        R"({"user":")" + std::string(id) + R"(","password":"password-123"})", "");
      ASSERT_EQ(r.status, 200) << r.body;
      std::string set_cookie;
      for (const auto& [k, v] : r.headers) {
        if (k == "Set-Cookie") set_cookie = v;
      }
      sessions[id] = {set_cookie.substr(0, set_cookie.find(';')),
                      std::string(boost::json::parse(r.body).at("csrf").as_string())};
    }
  }

  // Answers `req`, waiting for a reply that comes from the worker threads (slow routes).
  Response answer(Request& req) {
    std::promise<Response> reply;
    api.handle(req, [&](Response r) { reply.set_value(std::move(r)); });
    return reply.get_future().get();
  }

  // Calls the API as `who` (a user id; "" for anonymous) and waits for the answer.
  Response call(const std::string& method, const std::string& path, const std::string& body,
                const std::string& who, bool with_csrf = true) {
    Request req;
    req.method = method;
    auto q = path.find('?');
    req.path = path.substr(0, q);
    if (q != std::string::npos) {
      std::string query = path.substr(q + 1);
      auto eq = query.find('=');
      req.query[query.substr(0, eq)] = query.substr(eq + 1);
    }
    req.body = body;
    if (!body.empty()) req.headers["content-type"] = "application/json";
    if (!who.empty()) {
      req.headers["cookie"] = sessions.at(who).cookie;
      if (with_csrf) req.headers["x-csrf-token"] = sessions.at(who).csrf;
    }
    return answer(req);
  }

  value json(const Response& r) { return boost::json::parse(r.body); }

  std::string report(const std::string& who = "tech-a") {
    Response r = call("POST", "/api/v1/incidents",
                      R"({"trigger":"T1","condition":"T1.outage","phenomenon":"订单系统无法访问",
                          "scope":"全部线上订单","cause_guess":"数据库主节点宕机",
                          "discovered_at":"2026-03-02T08:30:00+08:00","responsible_party":"A"})",
                      who);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? std::string(json(r).at("incident").at("id").as_string()) : "";
  }
};

TEST_F(ApiTest, P1_AReportCreatesAnIncidentWithItsClocks) {
  std::string id = report();
  EXPECT_EQ(id, "INC-2026-0001");
  Response r = call("GET", "/api/v1/incidents/" + id, "", "leader-b");
  ASSERT_EQ(r.status, 200);
  auto d = json(r);
  EXPECT_EQ(d.at("status").as_string(), "reported");
  EXPECT_EQ(d.at("reporting_party").as_string(), "A");
  EXPECT_EQ(d.at("timeline").as_array().size(), 1u);
  EXPECT_EQ(d.at("timeline").at(0).at("hash").as_string().size(), 64u);
  bool found_assess = false;
  for (const auto& o : d.at("obligations").as_array()) {
    if (o.at("key") == "assess") {
      found_assess = true;
      EXPECT_EQ(o.at("due").as_string(), "2026-03-02T05:00:00.000Z");  // P3: 4 h after 09:00+08
    }
  }
  EXPECT_TRUE(found_assess);
}

TEST_F(ApiTest, BadInputIs400NamingTheFieldAndWritesNothing) {
  struct Case {
    std::string body;
    std::string field;
  } cases[] = {
      {"{", ""},
      {"[]", ""},
      {R"({"trigger":"T1"})", "phenomenon"},
      {R"({"trigger":5,"phenomenon":"x","scope":"y","cause_guess":"z","discovered_at":"2026-03-02T08:30:00Z","responsible_party":"A"})", "trigger"},
      {R"({"trigger":"T9","phenomenon":"x","scope":"y","cause_guess":"z","discovered_at":"2026-03-02T08:30:00Z","responsible_party":"A"})", "trigger"},
      {R"({"trigger":"T1","phenomenon":"x","scope":"y","cause_guess":"z","discovered_at":"soon","responsible_party":"A"})", "discovered_at"},
      {R"({"trigger":"T1","phenomenon":"x","scope":"y","cause_guess":"z","discovered_at":"2026-03-02T08:30:00Z","responsible_party":"A","colour":"red"})", "colour"},
      {"{\"trigger\":\"T1\",\"phenomenon\":\"\xff\"}", ""},
  };
  auto before = log.head()->seq;
  for (const auto& c : cases) {
    Response r = call("POST", "/api/v1/incidents", c.body, "tech-a");
    EXPECT_EQ(r.status, 400) << c.body << " → " << r.body;
    auto e = json(r).at("error").as_object();
    if (c.field.empty()) {
      EXPECT_FALSE(e.contains("field")) << r.body;
    } else {
      EXPECT_EQ(e.at("field").as_string(), c.field) << r.body;
    }
  }
  EXPECT_EQ(log.head()->seq, before) << "nothing was written";
}

TEST_F(ApiTest, L4_OnlyTheOwningRoleCompletesAStep) {
  std::string id = report();
  ASSERT_EQ(call("POST", "/api/v1/incidents/" + id + "/assess",
                 R"({"impact":"minor","urgency":"normal"})", "admin")
                .status,
            200);
  std::string path = "/api/v1/incidents/" + id + "/steps/L1.backup/complete";
  std::string body = R"({"evidence":[{"kind":"note","text":"已切换到测试环境"}]})";
  Response denied = call("POST", path, body, "tech-b");
  EXPECT_EQ(denied.status, 403) << denied.body;
  EXPECT_NE(json(denied).at("error").at("message").as_string().find("tech_lead"), std::string::npos);
  EXPECT_EQ(call("POST", path, body, "tech-a").status, 200);
  EXPECT_EQ(call("POST", path, body, "tech-a").status, 422) << "already done: a failed precondition";
}

TEST_F(ApiTest, SessionsNeedTheCsrfHeaderForChanges) {
  Response r = call("POST", "/api/v1/incidents/x/notes", R"({"text":"hi"})", "tech-a", false);
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(r.body.find("CSRF"), std::string::npos);
  EXPECT_EQ(call("GET", "/api/v1/me", "", "tech-a", false).status, 200) << "reads need none";
}

TEST_F(ApiTest, TokensAreLimitedToTheirScopes) {
  Response created = call("POST", "/api/v1/tokens", R"({"name":"ro","scopes":["read"]})", "tech-a");
  ASSERT_EQ(created.status, 201) << created.body;
  std::string token(json(created).at("token").as_string());
  Request get{"GET", "/api/v1/incidents"};
  get.headers["authorization"] = "Bearer " + token;
  std::optional<Response> out;
  out = answer(get);
  EXPECT_EQ(out->status, 200);
  Request post{"POST", "/api/v1/incidents"};
  post.body = "{}";
  post.headers["content-type"] = "application/json";
  post.headers["authorization"] = "Bearer " + token;
  out = answer(post);
  EXPECT_EQ(out->status, 403);
  EXPECT_NE(out->body.find("write"), std::string::npos);
  Request bad{"GET", "/api/v1/incidents"};
  bad.headers["authorization"] = "Bearer pt_forged";
  out = answer(bad);
  EXPECT_EQ(out->status, 401);
}

TEST_F(ApiTest, ATokenCannotMintATokenWithScopesItLacks) {
  Response created = call("POST", "/api/v1/tokens", R"({"name":"w","scopes":["write"]})", "tech-a");
  ASSERT_EQ(created.status, 201);
  Request mint{"POST", "/api/v1/tokens"};
  mint.body = R"({"name":"more","scopes":["read","write"]})";
  mint.headers["content-type"] = "application/json";
  mint.headers["authorization"] = "Bearer " + std::string(json(created).at("token").as_string());
  std::optional<Response> out;
  out = answer(mint);
  EXPECT_EQ(out->status, 403) << out->body;
  EXPECT_NE(out->body.find("read"), std::string::npos);
}

TEST_F(ApiTest, BodiesACrossSiteFormCouldSendAreRefused) {
  Request form{"POST", "/api/v1/session"};
  form.body = "user=tech-a&password=password-123";
  form.headers["content-type"] = "application/x-www-form-urlencoded";
  std::optional<Response> out;
  out = answer(form);
  EXPECT_EQ(out->status, 415);
  form.headers["content-type"] = "text/plain";
  form.body = R"({"user":"tech-a","password":"password-123"})";
  out = answer(form);
  EXPECT_EQ(out->status, 415);
}

TEST_F(ApiTest, MediaTypesCompareCaseInsensitively) {
  Request form{"POST", "/api/v1/session"};
  form.body = R"({"user":"tech-a","password":"password-123"})";
  form.headers["content-type"] = "TEXT/PLAIN";
  std::optional<Response> out;
  out = answer(form);
  EXPECT_EQ(out->status, 415) << out->body;
  form.headers["content-type"] = "Application/JSON; charset=utf-8";
  out = answer(form);
  EXPECT_EQ(out->status, 200) << out->body;
  // The plan reads a JSON body as JSON whatever the type's case: the unknown field is named.
  Request plan{"POST", "/api/v1/plan"};
  plan.body = R"({"yaml":"format: pactum-plan/1","bogus":1})";
  plan.headers["content-type"] = "Application/Json";
  plan.headers["cookie"] = sessions.at("admin").cookie;
  plan.headers["x-csrf-token"] = sessions.at("admin").csrf;
  out = answer(plan);
  EXPECT_EQ(out->status, 400) << out->body;
  EXPECT_EQ(json(*out).at("error").at("field").as_string(), "bogus") << out->body;
}

// Every write to a JSON route with a body that is not JSON, or has no type, is 415: only the
// plan also takes YAML, and the acknowledgement page's form (whose body is not read) anything.
TEST_F(ApiTest, WritesWithABodyOfAnotherTypeAre415) {
  int checked = 0;
  for (const auto& route : api.router().routes()) {
    if (route.method == "GET") continue;
    std::string key = route.method + " " + route.pattern;
    for (const std::string type : {"", "application/xml", "application/json-seq", "text/yaml"}) {
      Request req{route.method, route.pattern};
      req.body = "{}";
      if (!type.empty()) req.headers["content-type"] = type;
      req.headers["cookie"] = sessions.at("admin").cookie;
      req.headers["x-csrf-token"] = sessions.at("admin").csrf;
      std::optional<Response> out;
      out = answer(req);
      SCOPED_TRACE(key + " with Content-Type \"" + type + "\"");
      if (key == "POST /ack/{token}" || (key == "POST /api/v1/plan" && type == "text/yaml")) {
        EXPECT_NE(out->status, 415) << out->body;
      } else {
        EXPECT_EQ(out->status, 415) << out->body;
        EXPECT_EQ(json(*out).at("error").at("code").as_string(), "unsupported_media_type");
        ++checked;
      }
    }
  }
  EXPECT_GE(checked, 4 * 20);
  // A write without a body needs no type (DELETE /api/v1/session, an acknowledgement's POST).
  EXPECT_EQ(call("POST", "/api/v1/audit/verify", "", "tech-a").status, 200);
}

TEST_F(ApiTest, AnEmptyRequiredTimeIsRefused) {
  Response r = call("POST", "/api/v1/incidents",
                    R"({"trigger":"T1","phenomenon":"x","scope":"y","cause_guess":"z",
                        "discovered_at":"","responsible_party":"A"})",
                    "tech-a");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(json(r).at("error").at("field").as_string(), "discovered_at");
}

TEST_F(ApiTest, UnknownPathsAre404AndWrongMethods405) {
  EXPECT_EQ(call("GET", "/api/v1/nothing", "", "tech-a").status, 404);
  Response r = call("DELETE", "/api/v1/incidents", "", "tech-a");
  EXPECT_EQ(r.status, 405);
  bool allow = false;
  for (const auto& [k, v] : r.headers) allow |= k == "Allow" && v == "POST, GET";
  EXPECT_TRUE(allow);
  EXPECT_EQ(call("GET", "/api/v1/incidents/INC-9999-0001", "", "tech-a").status, 404);
  // Metric labels never take the path or method a client made up.
  call("PUT", "/api/v1/incidents/random-1", "", "tech-a");
  std::string metrics = call("GET", "/metrics", "", "").body;
  EXPECT_EQ(metrics.find("random-1"), std::string::npos);
  EXPECT_NE(metrics.find("route=\"method_not_allowed\""), std::string::npos);
}

TEST_F(ApiTest, MetricsCountRequestsAndShowIncidentsAndObligations) {
  report();
  Response r = call("GET", "/metrics", "", "");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("pactum_http_requests_total{method=\"POST\",route=\"/api/v1/incidents\",status=\"201\"} 1"),
            std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("pactum_incidents_open{level=\"none\"} 1"), std::string::npos);
  EXPECT_NE(r.body.find("pactum_obligations{state=\"open\"} 2"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("pactum_event_log_appends_total "), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("pactum_event_log_commits_total "), std::string::npos) << r.body;
}

// Every route × four callers. Anonymous callers get 401 except on anonymous routes; members get
// 403 on administrators' routes; nobody signed in is refused by authentication on the others.
TEST_F(ApiTest, AuthorisationMatrix) {
  std::string id = report();
  // The acknowledgement link's token is its own credential.
  const std::set<std::string> anonymous = {"GET /healthz", "GET /readyz", "GET /metrics",
                                           "GET /api/openapi.yaml", "POST /api/v1/session",
                                           "GET /ack/{token}", "POST /ack/{token}",
                                           // the transparency log: public, or self-authenticating
                                           "GET /checkpoint", "GET /api/v1/log/keys",
                                           "GET /api/v1/log/proof/consistency",
                                           "GET /api/v1/log/proof/inclusion",
                                           "POST /api/v1/log/cosignatures"};
  const std::set<std::string> admin_only = {"POST /api/v1/plan", "POST /api/v1/users",
                                            "POST /api/v1/dev/clock", "POST /api/v1/log/witnesses"};
  int checked = 0;
  for (const auto& route : api.router().routes()) {
    std::string key = route.method + " " + route.pattern;
    if (key == "GET /api/v1/events/stream" || key == "DELETE /api/v1/session") continue;  // below
    std::string path = route.pattern;
    for (auto [param, v] : {std::pair{"{id}", id}, std::pair{"{step}", std::string("L1.backup")},
                            std::pair{"{action}", std::string("A1")}}) {
      if (auto p = path.find(param); p != std::string::npos) path.replace(p, std::strlen(param), v);
    }
    for (const std::string who : {"", "tech-a", "leader-b", "admin"}) {
      int status = call(route.method, path, "{}", who).status;
      SCOPED_TRACE(key + " as " + (who.empty() ? "anonymous" : who));
      if (anonymous.contains(key)) {
        EXPECT_NE(status, 401);
      } else if (who.empty()) {
        EXPECT_EQ(status, 401);
      } else if (admin_only.contains(key) && who != "admin") {
        EXPECT_EQ(status, 403);
      } else {
        EXPECT_NE(status, 401);
        EXPECT_FALSE(status == 403 && admin_only.contains(key));
      }
      ++checked;
    }
  }
  EXPECT_GE(checked, 4 * 30);
  EXPECT_EQ(call("DELETE", "/api/v1/session", "", "").status, 401);
  EXPECT_EQ(call("GET", "/api/v1/events/stream", "", "").status, 401);
}

}  // namespace
}  // namespace pactum::http

namespace pactum::http {
namespace {

// docs/openapi.yaml documents exactly the routes the server has: a test fails when a route is
// undocumented or a documented route does not exist.
TEST_F(ApiTest, TheOpenApiDocumentListsExactlyTheServersRoutes) {
  YAML::Node doc = YAML::LoadFile(std::string(PACTUM_SOURCE_DIR) + "/docs/openapi.yaml");
  ASSERT_EQ(doc["openapi"].as<std::string>(), "3.1.0");
  std::set<std::string> documented, served;
  for (const auto& path : doc["paths"]) {
    for (const auto& op : path.second) {
      std::string method = op.first.as<std::string>();
      if (method == "parameters" || method == "summary" || method == "description") continue;
      for (auto& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      documented.insert(method + " " + path.first.as<std::string>());
    }
  }
  for (const auto& r : api.router().routes()) served.insert(r.method + " " + r.pattern);
  for (const auto& r : served) EXPECT_TRUE(documented.contains(r)) << "undocumented route: " << r;
  for (const auto& d : documented) EXPECT_TRUE(served.contains(d)) << "documented but not served: " << d;
}

}  // namespace
}  // namespace pactum::http
