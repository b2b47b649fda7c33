// The API in-process: real handlers, engine and auth over in-memory stores, no sockets. The
// authorisation matrix covers every route for four callers; integration tests with the real
// server live in tests/.
#include "http/api.hpp"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <boost/json.hpp>
#include <fstream>
#include <future>
#include <regex>
#include <set>

#include "engine/delivery.hpp"
#include "engine/programme.hpp"
#include "notify/mailbox_channel.hpp"
#include "store/memory/memory_accounts.hpp"
#include "testing/engine_fixture.hpp"
#include "testing/example_plan.hpp"

namespace pactum::http {
namespace {

using boost::json::value;
using testing::at;

struct Session {
  std::string cookie;
  std::string csrf;
};

class ApiTest : public testing::EngineFixture {
 protected:
  ApiTest() : EngineFixture(testing::monday(), Actor{"setup", "", {}}) {}
  store::MemoryAccounts accounts;
  engine::Auth auth{accounts, clock, &log};
  obs::Metrics metrics;
  engine::Governance governance{engine, log,
                                [this](auto records) { engine.observe(std::move(records)); }};
  engine::ProgrammeRecords programme{engine, log};
  Api api{engine, auth, log, metrics, nullptr, [this] {
            ApiOptions options{"test", "openapi: 3.1.0\n", nullptr, false};
            options.governance = &governance;
            options.programme = &programme;
            return options;
          }()};
  std::map<std::string, Session> sessions;
  Api* target = &api;  // the API `call` asks (a test may build another with other options)

  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(EngineFixture::SetUp());
    ASSERT_TRUE(governance.load().ok());
    ASSERT_TRUE(programme.load().ok());
    engine.subscribe([this](const store::RecordedEvent& e) { governance.observe(e); });
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
    target->handle(req, [&](Response r) { reply.set_value(std::move(r)); });
    return reply.get_future().get();
  }

  // Calls the API as `who` (a user id; "" for anonymous) and waits for the answer.
  Response call(const std::string& method, const std::string& path, const std::string& body,
                const std::string& who, bool with_csrf = true) {
    Request req;
    req.method = method;
    auto q = path.find('?');
    req.path = path.substr(0, q);
    for (std::size_t start = q; start != std::string::npos && start < path.size();) {
      auto end = path.find('&', start + 1);
      std::string pair = path.substr(start + 1, end == std::string::npos ? end : end - start - 1);
      auto eq = pair.find('=');
      req.query[pair.substr(0, eq)] = eq == std::string::npos ? "" : pair.substr(eq + 1);
      start = end;
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

// V2: an exercise runs through the real workflow, numbered apart, and stays out of the real
// incident list, the obligations across incidents and the metrics; a drill report scores it.
TEST_F(ApiTest, V2_AnExerciseIsLeftOutOfListsAndCountsAndItsDrillScoresIt) {
  std::string real = report();
  Response r = call("POST", "/api/v1/incidents",
                    R"({"exercise":true,"trigger":"T1","condition":"T1.outage",
                        "phenomenon":"演练：订单系统无法访问","scope":"全部线上订单",
                        "cause_guess":"数据库主节点宕机","discovered_at":"2026-03-02T08:30:00+08:00",
                        "responsible_party":"A"})",
                    "tech-a");
  ASSERT_EQ(r.status, 201) << r.body;
  std::string ex(json(r).at("incident").at("id").as_string());
  EXPECT_EQ(ex, "EX-2026-0001");
  EXPECT_TRUE(json(r).at("incident").at("exercise").as_bool());
  EXPECT_FALSE(
      json(call("GET", "/api/v1/incidents/" + real, "", "tech-a")).at("exercise").as_bool());

  auto ids = [&](const std::string& path, const char* list, const char* key) {
    Response l = call("GET", path, "", "leader-b");
    EXPECT_EQ(l.status, 200) << l.body;
    std::set<std::string> out;
    auto body = json(l);
    for (const auto& i : body.at(list).as_array()) out.emplace(i.at(key).as_string());
    return out;
  };
  EXPECT_EQ(ids("/api/v1/incidents", "incidents", "id"), std::set<std::string>{real});
  EXPECT_EQ(ids("/api/v1/incidents?exercise=false", "incidents", "id"),
            std::set<std::string>{real});
  EXPECT_EQ(ids("/api/v1/incidents?exercise=true", "incidents", "id"), std::set<std::string>{ex});
  EXPECT_EQ(ids("/api/v1/incidents?exercise=all", "incidents", "id"),
            (std::set<std::string>{real, ex}));
  EXPECT_EQ(ids("/api/v1/obligations", "obligations", "incident"), std::set<std::string>{real});
  EXPECT_EQ(ids("/api/v1/obligations?exercise=true", "obligations", "incident"),
            std::set<std::string>{ex});
  Response bad = call("GET", "/api/v1/incidents?exercise=yes", "", "tech-a");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(json(bad).at("error").at("field").as_string(), "exercise");
  std::string metrics = call("GET", "/metrics", "", "").body;
  EXPECT_NE(metrics.find("pactum_incidents_open{level=\"none\"} 1\n"), std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("pactum_obligations{state=\"open\"} 2\n"), std::string::npos) << metrics;

  clock.advance(std::chrono::minutes(20));
  ASSERT_EQ(call("POST", "/api/v1/incidents/" + ex + "/sync", "{}", "comms-a").status, 200);
  clock.advance(std::chrono::hours(1));
  Response drill = call("POST", "/api/v1/drills",
                        R"({"kind":"live","scenario":"technical_failure",
                            "held_at":"2026-03-02T09:00:00+08:00",
                            "participants":["a-zhang","a-li","b-wang"],
                            "exercise_incident":")" +
                            ex + R"("})",
                        "admin");
  ASSERT_EQ(drill.status, 201) << drill.body;
  EXPECT_EQ(json(drill).at("exercise_incident").as_string(), ex);
  std::string drill_id(json(drill).at("id").as_string());
  Response got = call("GET", "/api/v1/drills/" + drill_id, "", "leader-b");
  ASSERT_TRUE(json(got).as_object().contains("score")) << got.body;
  auto score = json(got).at("score");
  EXPECT_EQ(score.at("incident").as_string(), ex);
  // Discovered 08:30, reported 09:00, synced 09:20.
  EXPECT_EQ(score.at("time_to_report_seconds").as_int64(), 30 * 60);
  EXPECT_EQ(score.at("time_to_sync_seconds").as_int64(), 20 * 60);
  EXPECT_TRUE(score.at("time_to_assess_seconds").is_null());
  std::map<std::string, boost::json::value> in_time;
  for (const auto& o : score.at("obligations").as_array()) {
    in_time[std::string(o.at("key").as_string())] = o.at("in_time");
  }
  EXPECT_TRUE(in_time.at("report").as_bool());
  EXPECT_TRUE(in_time.at("sync").as_bool());
  EXPECT_TRUE(in_time.at("assess").is_null()) << "due 4 h after the report: still running";
  Response wrong = call("POST", "/api/v1/drills",
                        R"({"kind":"live","scenario":"technical_failure",
                            "held_at":"2026-03-02T09:00:00+08:00","participants":["a-zhang"],
                            "exercise_incident":")" +
                            real + R"("})",
                        "admin");
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(json(wrong).at("error").at("field").as_string(), "exercise_incident");
}

// V1, G5: finished incidents stay reachable: the list filters by status, text (a note's
// too), period and party, pages newest first by an opaque cursor, and exports the same rows.
TEST_F(ApiTest, V1_TheListFindsFinishedIncidentsByTextAndPeriodAndPages) {
  std::string a = report();
  clock.advance(std::chrono::hours(1));
  std::string b = report();
  clock.advance(std::chrono::hours(1));
  std::string c = report();
  ASSERT_EQ(
      call("POST", "/api/v1/incidents/" + b + "/notes", R"({"text":"Fiber CUT at 机房"})", "tech-a")
          .status,
      200);
  for (const auto& id : {a, b}) {
    ASSERT_EQ(
        call("POST", "/api/v1/incidents/" + id + "/cancel", R"({"reason":"误报"})", "admin").status,
        200);
  }
  auto ids = [&](const std::string& query) {
    Response r = call("GET", "/api/v1/incidents?" + query, "", "leader-b");
    EXPECT_EQ(r.status, 200) << query << " → " << r.body;
    std::vector<std::string> out;
    auto body = json(r);  // kept: the loop reads into it
    for (const auto& i : body.at("incidents").as_array()) out.emplace_back(i.at("id").as_string());
    return out;
  };
  EXPECT_EQ(ids("status=open"), std::vector<std::string>{c});
  EXPECT_EQ(ids("status=cancelled"), (std::vector<std::string>{b, a})) << "newest first";
  EXPECT_EQ(ids("status=closed,cancelled&q=fiber cut"), std::vector<std::string>{b});
  EXPECT_EQ(ids("status=all&from=2026-03-02T10:00:00+08:00&to=2026-03-02T11:00:00+08:00"),
            std::vector<std::string>{b});
  EXPECT_EQ(ids("status=all&party=B").size(), 0u);
  EXPECT_EQ(ids("status=all&trigger=T1&level=").size(), 3u);

  Response first = call("GET", "/api/v1/incidents?status=all&limit=2", "", "leader-b");
  auto page = json(first);
  ASSERT_EQ(page.at("incidents").as_array().size(), 2u);
  std::string cursor(page.at("next_cursor").as_string());
  clock.advance(std::chrono::hours(1));
  report();  // a new incident between two pages shifts nothing
  EXPECT_EQ(ids("status=all&limit=2&cursor=" + cursor), std::vector<std::string>{a});
  Response last =
      call("GET", "/api/v1/incidents?status=all&limit=2&cursor=" + cursor, "", "tech-a");
  EXPECT_FALSE(json(last).as_object().contains("next_cursor")) << "the last page";

  Response csv = call("GET", "/api/v1/incidents.csv?status=cancelled&limit=1", "", "tech-b");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBFid,exercise,status,", 0), 0u) << "a BOM, then the header";
  EXPECT_EQ(std::count(csv.body.begin(), csv.body.end(), '\n'), 3) << "every row, not a page";
  EXPECT_NE(csv.body.find(b + ",false,cancelled,"), std::string::npos) << csv.body;
}

// P1: an incident reported more than two hours after its discovery says so on its summary, with
// its breaches counted and the worst of them named.
TEST_F(ApiTest, P1_ALateReportIsMarkedOnTheSummaryWithTheWorstBreach) {
  std::string on_time = report();  // discovered 08:30, reported 09:00
  Response r = call("POST", "/api/v1/incidents",
                    R"({"trigger":"T1","phenomenon":"迟报","scope":"全部","cause_guess":"未知",
                        "discovered_at":"2026-03-02T05:00:00+08:00","responsible_party":"A"})",
                    "tech-a");
  ASSERT_EQ(r.status, 201) << r.body;
  clock.advance(std::chrono::hours(2));
  auto list = json(call("GET", "/api/v1/incidents", "", "leader-b")).at("incidents");
  auto late = list.at(0);
  EXPECT_NE(late.at("id").as_string(), on_time);
  EXPECT_TRUE(late.at("reported_late").as_bool());
  EXPECT_EQ(late.at("breached").as_int64(), 1) << "the sync, due an hour after the report";
  EXPECT_EQ(late.at("worst_breach").at("key").as_string(), "sync");
  EXPECT_EQ(list.at(1).at("id").as_string(), on_time);
  EXPECT_FALSE(list.at(1).at("reported_late").as_bool());
}

TEST_F(ApiTest, V1_BadListParametersAre400NamingTheParameter) {
  for (auto [query, field] :
       {std::pair{"status=finished", "status"}, std::pair{"limit=0", "limit"},
        std::pair{"limit=201", "limit"}, std::pair{"limit=ten", "limit"},
        std::pair{"from=yesterday", "from"}, std::pair{"to=2026-13-01T00:00:00Z", "to"},
        std::pair{"from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "to"},
        std::pair{"cursor=not-ours", "cursor"}, std::pair{"trigger=T9", "trigger"},
        std::pair{"level=L9", "level"}, std::pair{"party=C", "party"},
        std::pair{"exercise=maybe", "exercise"}}) {
    for (std::string path : {"/api/v1/incidents?", "/api/v1/incidents.csv?"}) {
      Response r = call("GET", path + query, "", "tech-a");
      EXPECT_EQ(r.status, 400) << path << query << " → " << r.body;
      EXPECT_EQ(json(r).at("error").at("field").as_string(), field) << path << query;
    }
  }
  Response text = call("GET", "/api/v1/incidents?q=" + std::string(201, 'x'), "", "tech-a");
  EXPECT_EQ(json(text).at("error").at("field").as_string(), "q");
}

TEST_F(ApiTest, BadInputIs400NamingTheFieldAndWritesNothing) {
  struct Case {
    std::string body;
    std::string field;
  } cases[] = {
      {"{", ""},
      {"[]", ""},
      {R"({"trigger":"T1"})", "phenomenon"},
      {R"({"trigger":5,"phenomenon":"x","scope":"y","cause_guess":"z","discovered_at":"2026-03-02T08:30:00Z","responsible_party":"A"})",
       "trigger"},
      {R"({"trigger":"T9","phenomenon":"x","scope":"y","cause_guess":"z","discovered_at":"2026-03-02T08:30:00Z","responsible_party":"A"})",
       "trigger"},
      {R"({"trigger":"T1","phenomenon":"x","scope":"y","cause_guess":"z","discovered_at":"soon","responsible_party":"A"})",
       "discovered_at"},
      {R"({"trigger":"T1","phenomenon":"x","scope":"y","cause_guess":"z","discovered_at":"2026-03-02T08:30:00Z","responsible_party":"A","colour":"red"})",
       "colour"},
      {"{\"trigger\":\"T1\",\"phenomenon\":\"\xff\"}", ""},
      {R"({"exercise":"yes","trigger":"T1","phenomenon":"x","scope":"y","cause_guess":"z","discovered_at":"2026-03-02T08:30:00Z","responsible_party":"A"})",
       "exercise"},
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
  EXPECT_NE(json(denied).at("error").at("message").as_string().find("tech_lead"),
            std::string::npos);
  EXPECT_EQ(call("POST", path, body, "tech-a").status, 200);
  EXPECT_EQ(call("POST", path, body, "tech-a").status, 422)
      << "already done: a failed precondition";
}

// M1: the communications lead drafts from a template, edits, and sends by email or downloads;
// the exact text goes on the timeline and, for email, into the outbox, one message per address.
TEST_F(ApiTest, M1_AnExternalMessageIsDraftedEditedSentAndOnTheTimeline) {
  std::string id = report();
  std::string base = "/api/v1/incidents/" + id + "/external-messages";
  Response d =
      call("POST", base + "/draft", R"({"template":"regulator","language":"zh-CN"})", "comms-a");
  ASSERT_EQ(d.status, 200) << d.body;
  std::string subject(json(d).at("subject").as_string());
  std::string body(json(d).at("body").as_string());
  EXPECT_EQ(subject, "突发事件报告：重大技术故障（" + id + "）");
  EXPECT_NE(body.find("四、事件概况：订单系统无法访问"), std::string::npos) << body;
  EXPECT_NE(body.find("联系人：刘洋"), std::string::npos) << "signed by the sender";

  boost::json::object send{
      {"template", "regulator"},
      {"language", "zh-CN"},
      {"subject", subject},
      {"body", body + "\n补充：10:30 已切换至备用数据库。"},
      {"to", boost::json::array{"gov@regulator.example.cn", "duty@regulator.example.cn"}},
      {"delivery", "email"}};
  Response sent = call("POST", base, boost::json::serialize(send), "comms-a");
  ASSERT_EQ(sent.status, 201) << sent.body;
  auto m = json(sent).at("message");
  EXPECT_EQ(m.at("number").as_int64(), 1);
  EXPECT_EQ(m.at("state").as_string(), "pending");
  EXPECT_EQ(m.at("body").as_string(), send.at("body").as_string()) << "exactly as edited";
  EXPECT_EQ(m.at("by").at("user").as_string(), "comms-a");
  EXPECT_EQ(m.at("deliveries").as_array().size(), 2u);

  auto timeline = json(call("GET", "/api/v1/incidents/" + id, "", "leader-b")).at("timeline");
  const auto& last = timeline.as_array().back();
  EXPECT_EQ(last.at("type").as_string(), "incident.external_message_sent");
  EXPECT_EQ(last.at("actor").at("user").as_string(), "comms-a");
  EXPECT_EQ(last.at("payload").at("message").at("body"), send.at("body"));
  EXPECT_EQ(last.at("payload").at("message").at("to"), send.at("to"));

  auto outbox = json(call("GET", "/api/v1/incidents/" + id + "/messages", "", "leader-b"));
  int external = 0;
  for (const auto& o : outbox.at("messages").as_array()) {
    if (o.at("kind") != "external") continue;
    ++external;
    EXPECT_EQ(o.at("subject").as_string(), subject);
    EXPECT_EQ(o.at("channel").as_string(), "email");
  }
  EXPECT_EQ(external, 2) << "one message per address, queued with the event";

  send["delivery"] = "download";
  send["to"] = boost::json::array{};
  send["template"] = "users";
  send["language"] = "en";
  send["subject"] = "Service disruption notice";
  send["body"] = "Dear users,\nthe service is back.";
  Response downloaded = call("POST", base, boost::json::serialize(send), "admin");
  ASSERT_EQ(downloaded.status, 201) << downloaded.body;
  auto dm = json(downloaded).at("message");
  EXPECT_EQ(dm.at("state").as_string(), "downloaded");
  Response file = call("GET", std::string(dm.at("download").as_string()), "", "tech-b");
  ASSERT_EQ(file.status, 200) << file.body;
  EXPECT_EQ(file.content_type, "text/plain; charset=utf-8");
  EXPECT_EQ(file.body, "Service disruption notice\n\nDear users,\nthe service is back.\n");
  bool attachment = false;
  for (const auto& [k, v] : file.headers) {
    attachment = attachment || (k == "Content-Disposition" && v.find("attachment") == 0);
  }
  EXPECT_TRUE(attachment);

  auto list = json(call("GET", base, "", "tech-b")).at("messages").as_array();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].at("delivery").as_string(), "email");
  EXPECT_EQ(list[0].at("deliveries").at(1).at("to").as_string(), "duty@regulator.example.cn");
  EXPECT_EQ(list[1].at("delivery").as_string(), "download");
  EXPECT_EQ(call("GET", base + "/3/message.txt", "", "tech-b").status, 404);
}

TEST_F(ApiTest, M1_BadExternalMessagesAre400NamingTheFieldAndWriteNothing) {
  std::string id = report();
  std::string path = "/api/v1/incidents/" + id + "/external-messages";
  auto body = [](const std::string& extra) {
    return R"({"template":"regulator","language":"zh-CN","subject":"报告","body":"正文",)" + extra +
           "}";
  };
  const std::string long_subject(301, 'x');
  struct Case {
    std::string body;
    std::string field;
  } cases[] = {
      {body(R"("to":["gov@regulator.example.cn"],"delivery":"email","cc":["x@y.cn"])"), "cc"},
      {R"({"template":"press","language":"zh-CN","subject":"s","body":"b","to":["a@b.cn"],"delivery":"email"})",
       "template"},
      {R"({"template":"regulator","language":"fr","subject":"s","body":"b","to":["a@b.cn"],"delivery":"email"})",
       "language"},
      {R"({"template":"regulator","language":"zh","subject":")" + long_subject +
           R"(","body":"b","to":["a@b.cn"],"delivery":"email"})",
       "subject"},
      {R"({"template":"regulator","language":"zh","subject":"a\nBcc: x@y.cn","body":"b","to":["a@b.cn"],"delivery":"email"})",
       "subject"},
      {R"({"template":"regulator","language":"zh","subject":"s","body":")" +
           std::string(20001, 'x') + R"(","to":["a@b.cn"],"delivery":"email"})",
       "body"},
      {body(R"("to":[],"delivery":"email")"), "to"},
      {body(R"("delivery":"email")"), "to"},
      {body(R"("to":["gov@regulator.example.cn","gov at regulator"],"delivery":"email")"), "to[1]"},
      {body(R"("to":["gov@regulator.example.cn"],"delivery":"fax")"), "delivery"},
  };
  auto before = log.head()->seq;
  for (const auto& c : cases) {
    Response r = call("POST", path, c.body, "comms-a");
    EXPECT_EQ(r.status, 400) << c.body.substr(0, 200) << " → " << r.body;
    EXPECT_EQ(json(r).at("error").at("field").as_string(), c.field) << r.body;
  }
  Response malformed = call(
      "POST", path, body(R"("to":["a@b.cn","gov at regulator"],"delivery":"email")"), "comms-a");
  EXPECT_NE(json(malformed).at("error").at("message").as_string().find("gov at regulator"),
            std::string::npos)
      << "names which address";
  EXPECT_EQ(log.head()->seq, before) << "nothing was written";
}

TEST_F(ApiTest, M1_OnlyTheSendExternalRolesSendAndNotOnceTheIncidentIsFinished) {
  std::string id = report();
  std::string path = "/api/v1/incidents/" + id + "/external-messages";
  std::string message =
      R"({"template":"partner","language":"zh-CN","subject":"风险通报","body":"正文","delivery":"download"})";
  Response denied = call("POST", path, message, "tech-a");
  EXPECT_EQ(denied.status, 403) << denied.body;
  EXPECT_NE(json(denied).at("error").at("message").as_string().find("communications_lead"),
            std::string::npos);
  EXPECT_EQ(
      call("POST", path + "/draft", R"({"template":"partner","language":"en"})", "tech-a").status,
      403);
  EXPECT_EQ(call("POST", path, message, "leader-b").status, 201) << "a leader, of either party";
  ASSERT_EQ(
      call("POST", "/api/v1/incidents/" + id + "/cancel", R"({"reason":"误报"})", "admin").status,
      200);
  EXPECT_EQ(call("POST", path, message, "comms-a").status, 422) << "a cancelled incident";
  EXPECT_EQ(
      call("POST", path + "/draft", R"({"template":"partner","language":"en"})", "comms-a").status,
      422);
  EXPECT_EQ(
      call("POST", "/api/v1/incidents/INC-2026-0999/external-messages", message, "comms-a").status,
      404);
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
  plan.body = R"({"yaml":"format: pactum-plan/1","description":"x","bogus":1})";
  plan.headers["content-type"] = "Application/Json";
  plan.headers["cookie"] = sessions.at("admin").cookie;
  plan.headers["x-csrf-token"] = sessions.at("admin").csrf;
  out = answer(plan);
  EXPECT_EQ(out->status, 400) << out->body;
  EXPECT_EQ(json(*out).at("error").at("field").as_string(), "bogus") << out->body;
}

// Every write to a JSON route with a body that is not JSON, or has no type, is 415: only the
// acknowledgement page's form (whose body is not read) takes anything.
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
      // The acknowledgement page's form, and an evidence file (L4), whose type is the file's.
      if (key == "POST /ack/{token}" || key == "POST /api/v1/files") {
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

TEST_F(ApiTest, G1_TheStatementIsServedAsTextAndABadVersionIsNamed) {
  Response r = call("GET", "/api/v1/plan/versions/1/statement", "", "tech-b");
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "text/plain; charset=utf-8");
  EXPECT_EQ(r.body.rfind("pactum plan statement v1\nplan coop-emergency-plan\nversion 1\n", 0), 0u)
      << r.body;
  r = call("GET", "/api/v1/plan/versions/x1/statement", "", "tech-b");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(json(r).at("error").at("field").as_string(), "v");
  EXPECT_EQ(call("GET", "/api/v1/plan/versions/9", "", "tech-b").status, 404);
  auto v1 = json(call("GET", "/api/v1/plan/versions/1", "", "tech-b"));
  EXPECT_EQ(v1.at("state").as_string(), "in_force");
  EXPECT_FALSE(v1.at("signed_by_all").as_bool()) << "put in force without signatures";
}

TEST_F(ApiTest, G1_TheVersionsListProposalsWithTheirStateAndWhoIsAwaited) {
  std::string yaml = testing::example_plan_yaml();
  yaml.replace(yaml.find("version: 1"), 10, "version: 2");
  Response r = call("POST", "/api/v1/plan",
                    boost::json::serialize(boost::json::object{
                        {"yaml", yaml}, {"description", "第2版：年度复核，条款不变"}}),
                    "admin");
  ASSERT_EQ(r.status, 201) << r.body;
  r = call("GET", "/api/v1/plan/versions", "", "tech-b");
  ASSERT_EQ(r.status, 200) << r.body;
  auto list = json(r);
  const auto& versions = list.at("versions").as_array();
  ASSERT_EQ(versions.size(), 2u) << r.body;
  EXPECT_EQ(versions[0].at("state").as_string(), "in_force");
  EXPECT_EQ(versions[1].at("state").as_string(), "proposed");
  EXPECT_EQ(versions[1].at("description").as_string(), "第2版：年度复核，条款不变");
  EXPECT_EQ(versions[1].at("awaiting"), value(boost::json::array{"A", "B"}));
  EXPECT_EQ(versions[1].at("signatures").as_array().size(), 0u);
  EXPECT_FALSE(versions[1].as_object().contains("diff")) << "the diff is the version's own page";
  auto v2 = json(call("GET", "/api/v1/plan/versions/2", "", "tech-b"));
  EXPECT_EQ(v2.at("diff").as_string(), "-9: version: 1\n+9: version: 2\n");
  EXPECT_FALSE(v2.at("joint_meeting_held").as_bool());
}

TEST_F(ApiTest, G1_RegisteringAKeyNeedsThePasswordAgain) {
  const std::string key = "O2onvM62pC1io6jQKm8Nc2UyFXcd4kOmOsBIoYtZ2ik=";
  Response r = call("POST", "/api/v1/me/keys",
                    R"({"public_key":")" + key + R"(","password":"wrong-password"})", "admin");
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(json(r).at("error").at("field").as_string(), "password");
  r = call("POST", "/api/v1/me/keys",
           R"({"public_key":")" + key + R"(","password":"password-123"})", "admin");
  EXPECT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(json(r).at("party").as_string(), "A");
  r = call("GET", "/api/v1/keys", "", "tech-b");
  EXPECT_EQ(json(r).at("keys").as_array().size(), 1u) << "both parties see every key";
  r = call("POST", "/api/v1/me/keys", R"({"public_key":"c2hvcnQ=","password":"password-123"})",
           "leader-b");
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(json(r).at("error").at("field").as_string(), "public_key");
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
  EXPECT_NE(r.body.find("pactum_http_requests_total{method=\"POST\",route=\"/api/v1/"
                        "incidents\",status=\"201\"} 1"),
            std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("pactum_incidents_open{level=\"none\"} 1"), std::string::npos);
  EXPECT_NE(r.body.find("pactum_obligations{state=\"open\"} 2"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("pactum_event_log_appends_total "), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("pactum_event_log_commits_total "), std::string::npos) << r.body;
}

// One row of docs/authorization.md's table.
struct AuthorizationRow {
  std::string method, pattern, scope, protected_scope, role, party;
};

// The table, read from the document people read: "| `METHOD /path` | scope | role | party | … |".
std::vector<AuthorizationRow> authorization_table() {
  std::ifstream in(std::string(PACTUM_SOURCE_DIR) + "/docs/authorization.md");
  const std::regex row(R"(^\| `([A-Z]+) ([^`]+)` \| ([^|]*)\| ([^|]*)\| ([^|]*)\|)");
  auto trim = [](std::string x) {
    x.erase(0, x.find_first_not_of(' '));
    x.erase(x.find_last_not_of(' ') + 1);
    return x;
  };
  std::vector<AuthorizationRow> out;
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (!std::regex_search(line, m, row)) continue;
    AuthorizationRow r{m[1], m[2], trim(m[3]), "", trim(m[4]), trim(m[5])};
    // "anonymous; metrics with --protect-metrics": the scope when the server protects the route.
    if (auto semi = r.scope.find(';'); semi != std::string::npos) {
      r.protected_scope = trim(r.scope.substr(semi + 1));
      r.protected_scope = r.protected_scope.substr(0, r.protected_scope.find(' '));
      r.scope = trim(r.scope.substr(0, semi));
    }
    out.push_back(r);
  }
  return out;
}

// docs/authorization.md is the authorization model: every route of the router has exactly one
// row (a new route without one fails here), every row is a route, and each row's scope is what
// the server enforces: anonymous callers, a token of each scope, a member who is no
// administrator.
TEST_F(ApiTest, AuthorizationTable) {
  std::string id = report();
  auto rows = authorization_table();
  ASSERT_GE(rows.size(), 40u) << "docs/authorization.md's table was not found";
  std::map<std::string, const AuthorizationRow*> by_route;
  for (const auto& r : rows) {
    EXPECT_TRUE(by_route.emplace(r.method + " " + r.pattern, &r).second)
        << "two rows for " << r.method << " " << r.pattern;
  }
  std::set<std::string> served;
  for (const auto& route : api.router().routes()) {
    served.insert(route.method + " " + route.pattern);
    EXPECT_TRUE(by_route.contains(route.method + " " + route.pattern))
        << "no row in docs/authorization.md for " << route.method << " " << route.pattern;
  }
  for (const auto& [key, row] : by_route) {
    EXPECT_TRUE(served.contains(key))
        << "docs/authorization.md has a row for a route not served: " << key;
  }
  // A token of each scope, of an administrator (who may hold them all).
  const std::vector<std::string> scopes = {"read",  "write",   "alerts",
                                           "admin", "metrics", "backups"};
  std::map<std::string, std::string> token;
  for (const auto& scope : scopes)
    token[scope] = auth.create_token("admin", scope, {scope}, std::nullopt)->secret;
  auto as_token = [&](const std::string& method, const std::string& path,
                      const std::string& scope) {
    Request req;
    req.method = method;
    req.path = path;
    req.body = "{}";
    req.headers["content-type"] = "application/json";
    req.headers["authorization"] = "Bearer " + token.at(scope);
    return answer(req);
  };
  const std::set<std::string> roles = {
      "anyone",        "member",     "admin",
      "self or admin", "step owner", "action owner",
      "duty owner",    "engager",    "escalation recipient or owner",
      "link holder",   "monitoring", "witness"};
  const std::set<std::string> parties = {
      "any", "own", "plan", "step owner's party", "owner party", "engager's party"};
  for (const auto& row : rows) {
    std::string key = row.method + " " + row.pattern;
    SCOPED_TRACE(key);
    if (!served.contains(key)) continue;
    std::string role = row.role.substr(0, row.role.find(';'));
    if (role.rfind("plan: ", 0) == 0) {
      EXPECT_TRUE(parse_action(role.substr(6))) << "no such plan action: " << role;
    } else {
      EXPECT_TRUE(roles.contains(role)) << "unknown role \"" << role << "\"";
    }
    EXPECT_TRUE(parties.contains(row.party)) << "unknown party \"" << row.party << "\"";
    std::string path = row.pattern;
    for (auto [param, v] : {std::pair{"{id}", id}, std::pair{"{step}", std::string("L1.backup")},
                            std::pair{"{action}", std::string("A1")},
                            std::pair{"{token}", std::string("not-a-token")}}) {
      if (auto p = path.find(param); p != std::string::npos) path.replace(p, std::strlen(param), v);
    }
    int anonymous = call(row.method, path, "{}", "").status;
    if (row.scope == "anonymous") {
      EXPECT_NE(anonymous, 401);
      continue;
    }
    EXPECT_EQ(anonymous, 401) << "anonymous";
    ASSERT_TRUE(std::find(scopes.begin(), scopes.end(), row.scope) != scopes.end())
        << "unknown scope \"" << row.scope << "\"";
    for (const auto& scope : scopes) {
      Response r = as_token(row.method, path, scope);
      bool lacks = r.status == 403 && r.body.find("lacks the") != std::string::npos;
      if (scope == row.scope) {
        EXPECT_FALSE(r.status == 401 || lacks)
            << "a token with the " << scope << " scope: " << r.body;
      } else {
        EXPECT_EQ(r.status, 403) << "a token with the " << scope << " scope: " << r.body;
        std::string message(json(r).at("error").at("message").as_string());
        EXPECT_NE(message.find("lacks the \"" + row.scope + "\" scope"), std::string::npos)
            << message;
      }
    }
    if (key == "DELETE /api/v1/session") continue;  // would sign the member out
    Response member = call(row.method, path, "{}", "tech-a");
    bool administrators_only =
        member.status == 403 && member.body.find("administrators only") != std::string::npos;
    EXPECT_NE(member.status, 401) << "a member's session";
    EXPECT_EQ(administrators_only, row.scope == "admin")
        << "a member who is no administrator: " << member.body;
  }
  // A protected /metrics: the row's second scope.
  const AuthorizationRow& metrics_row = *by_route.at("GET /metrics");
  ASSERT_EQ(metrics_row.protected_scope, "metrics");
  ApiOptions options{"test", "openapi: 3.1.0\n", nullptr, false};
  options.protect_metrics = true;
  Api protected_api{engine, auth, log, metrics, nullptr, options};
  for (const auto& [who, status] :
       {std::pair{std::string(), 401}, std::pair{std::string("metrics"), 200},
        std::pair{std::string("read"), 403}}) {
    Request req{"GET", "/metrics"};
    if (!who.empty()) req.headers["authorization"] = "Bearer " + token.at(who);
    std::promise<Response> reply;
    protected_api.handle(req, [&](Response r) { reply.set_value(std::move(r)); });
    EXPECT_EQ(reply.get_future().get().status, status) << "protected /metrics, token: " << who;
  }
}

// Five wrong passwords for a name: the sixth attempt waits (429, Retry-After) even with the right
// password, while another user signs in from the same address; the lockout is in the log.
TEST_F(ApiTest, SignInIsThrottledPerUserWithRetryAfter) {
  auto sign_in = [&](const std::string& user, const std::string& password) {
    Request req{"POST", "/api/v1/session"};
    req.remote = "192.0.2.10";
    req.headers["content-type"] = "application/json";
    req.body = R"({"user":")" + user + R"(","password":")" + password + R"("})";
    return answer(req);
  };
  for (int i = 0; i < 5; ++i) EXPECT_EQ(sign_in("tech-a", "wrong-password").status, 401);
  Response r = sign_in("tech-a", "password-123");
  EXPECT_EQ(r.status, 429) << r.body;
  EXPECT_EQ(json(r).at("error").at("code").as_string(), "resource_exhausted");
  std::string retry_after;
  for (const auto& [k, v] : r.headers) {
    if (k == "Retry-After") retry_after = v;
  }
  EXPECT_EQ(retry_after, "30");
  EXPECT_EQ(sign_in("tech-b", "password-123").status, 200) << "another user is not locked out";
  auto security = log.read_stream("security").value();
  ASSERT_EQ(security.size(), 1u);
  EXPECT_EQ(security[0].type, "signin.locked");
  EXPECT_NE(security[0].payload.find(R"("address":"192.0.2.10")"), std::string::npos);
  EXPECT_NE(security[0].payload.find(R"("user":"tech-a")"), std::string::npos);
  clock.advance(std::chrono::seconds(30));
  EXPECT_EQ(sign_in("tech-a", "password-123").status, 200);
}

// Admin rights are per party: an administrator of B cannot add a user of A (nor so give anyone a
// role of A, whose contacts belong to A) or make anyone an administrator of A.
TEST_F(ApiTest, AnAdministratorAddsUsersOfTheirOwnPartyOnly) {
  ASSERT_TRUE(auth.add_user({"admin-b", "admin-b", "B", "b-wang", true, "password-123"},
                            &engine.plan()->plan)
                  .ok());
  Response login =
      call("POST", "/api/v1/session", R"({"user":"admin-b","password":"password-123"})", "");
  ASSERT_EQ(login.status, 200);
  for (const auto& [k, v] : login.headers) {
    if (k == "Set-Cookie")
      sessions["admin-b"] = {v.substr(0, v.find(';')),
                             std::string(json(login).at("csrf").as_string())};
  }
  Response across =
      call("POST", "/api/v1/users",
           R"({"id":"mole","party":"A","contact":"a-chen","password":"password-123"})", "admin-b");
  EXPECT_EQ(across.status, 403) << across.body;
  EXPECT_EQ(json(across).at("error").at("field").as_string(), "party");
  EXPECT_EQ(call("POST", "/api/v1/users",
                 R"({"id":"boss","party":"A","admin":true,"password":"password-123"})", "admin-b")
                .status,
            403);
  EXPECT_FALSE(auth.find_user("mole").value());
  EXPECT_FALSE(auth.find_user("boss").value());
  EXPECT_EQ(
      call(
          "POST", "/api/v1/users",
          R"({"id":"new-b","party":"B","contact":"b-zheng","admin":true,"password":"password-123"})",
          "admin-b")
          .status,
      201);
  EXPECT_EQ(call("POST", "/api/v1/users", R"({"id":"x-b","party":"B","password":"password-123"})",
                 "admin")
                .status,
            403)
      << "nor A's administrator for B";
}

TEST_F(ApiTest, TokensAreListedAndRevokedByTheirOwnerOrTheirPartysAdministrator) {
  Response created =
      call("POST", "/api/v1/tokens", R"({"name":"scripts","scopes":["read"]})", "tech-a");
  ASSERT_EQ(created.status, 201);
  std::string token_id(json(created).at("id").as_string());
  std::string secret(json(created).at("token").as_string());
  auto listed = [&](const std::string& who) {
    std::set<std::string> ids;
    value listing = json(call("GET", "/api/v1/tokens", "", who));
    for (const auto& t : listing.at("tokens").as_array()) {
      ids.insert(std::string(t.at("id").as_string()));
      EXPECT_FALSE(t.as_object().contains("token_hash"));
    }
    return ids.contains(token_id);
  };
  EXPECT_TRUE(listed("tech-a"));
  EXPECT_TRUE(listed("admin")) << "A's administrator sees A's tokens";
  EXPECT_FALSE(listed("leader-b"));
  EXPECT_FALSE(listed("comms-a")) << "a member sees only their own";
  EXPECT_EQ(call("DELETE", "/api/v1/tokens/" + token_id, "", "leader-b").status, 404);
  EXPECT_EQ(call("DELETE", "/api/v1/tokens/" + token_id, "", "comms-a").status, 404);
  Request use{"GET", "/api/v1/me"};
  use.headers["authorization"] = "Bearer " + secret;
  ASSERT_EQ(answer(use).status, 200);  // the server now remembers the token
  Response revoked = call("DELETE", "/api/v1/tokens/" + token_id, "", "admin");
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_TRUE(json(revoked).at("token").at("revoked_at").is_string());
  EXPECT_EQ(answer(use).status, 401) << "refused at once, not after the token memory";
  EXPECT_EQ(call("DELETE", "/api/v1/tokens/" + token_id, "", "tech-a").status, 200)
      << "again: no change";
  EXPECT_EQ(call("DELETE", "/api/v1/tokens/nothing", "", "tech-a").status, 404);
}

TEST_F(ApiTest, AUsersSessionsEndByTheirOwnHandOrTheirPartysAdministrators) {
  EXPECT_EQ(call("DELETE", "/api/v1/users/tech-a/sessions", "", "leader-b").status, 403);
  EXPECT_EQ(call("DELETE", "/api/v1/users/tech-a/sessions", "", "comms-a").status, 403);
  EXPECT_EQ(call("DELETE", "/api/v1/users/nobody/sessions", "", "admin").status, 404);
  Response ended = call("DELETE", "/api/v1/users/tech-a/sessions", "", "admin");
  ASSERT_EQ(ended.status, 200) << ended.body;
  EXPECT_EQ(json(ended).at("sessions_ended").as_int64(), 1);
  EXPECT_EQ(call("GET", "/api/v1/me", "", "tech-a").status, 401);
  Response own =
      call("DELETE", "/api/v1/users/tech-b/sessions", "", "tech-b");  // sign out everywhere
  EXPECT_EQ(own.status, 200);
  bool cleared = false;
  for (const auto& [k, v] : own.headers)
    cleared |= k == "Set-Cookie" && v.find("Max-Age=0") != std::string::npos;
  EXPECT_TRUE(cleared);
  EXPECT_EQ(call("GET", "/api/v1/me", "", "tech-b").status, 401);
}

// L4: only an overdue obligation is acknowledged, and only by someone its escalation reached or
// its owner; an unknown obligation is 404.
TEST_F(ApiTest, L4_AcknowledgingNeedsAnOverdueObligationAndTheRightPerson) {
  std::string id = report();
  std::string path = "/api/v1/incidents/" + id + "/acknowledge";
  EXPECT_EQ(call("POST", path, R"({"obligation":"nothing"})", "leader-b").status, 404);
  EXPECT_EQ(call("POST", path, R"({"obligation":"sync"})", "leader-b").status, 422)
      << "not yet due";
  clock.advance(std::chrono::minutes(61));
  engine.tick();  // the sync's breach; wave 0 to the four emergency contacts
  EXPECT_EQ(call("POST", path, R"({"obligation":"sync"})", "tech-b").status, 403)
      << "B's technical lead was not reached and does not own the sync";
  Response ok = call("POST", path, R"({"obligation":"sync"})", "leader-b");
  EXPECT_EQ(ok.status, 201) << ok.body;
  auto detail = json(call("GET", "/api/v1/incidents/" + id, "", "tech-a"));
  bool breached = false;
  for (const auto& e : detail.at("timeline").as_array())
    breached |= e.at("type") == "obligation.breached";
  EXPECT_TRUE(breached);
}

}  // namespace
}  // namespace pactum::http

namespace pactum::http {
namespace {

// docs/openapi.yaml documents exactly the routes the server has: a test fails when a route is
// undocumented or a documented route does not exist.
// serve --mailbox: every message is delivered into the server's mailbox, and each person reads
// their own there; an administrator reads those of their own party's contacts, not another's.
TEST_F(ApiTest, MailboxShowsEachPersonTheirOwnMessagesDelivered) {
  EXPECT_EQ(json(call("GET", "/api/v1/me", "", "tech-a")).at("notifications"), "none");
  EXPECT_EQ(call("GET", "/api/v1/mailbox", "", "tech-a").status, 503) << "no --mailbox";
  ApiOptions options{"test", "openapi: 3.1.0\n", nullptr, false};
  options.notifications = Notifications::mailbox;
  Api mailbox_api{engine, auth, log, metrics, nullptr, options};
  target = &mailbox_api;
  EXPECT_EQ(json(call("GET", "/api/v1/me", "", "tech-a")).at("notifications"), "mailbox");
  notify::Channels channels(notify::NotifyConfig{}, clock);
  channels.deliver_all_to(std::make_unique<notify::MailboxChannel>());
  engine::DeliveryWorker worker(log, channels, engine, clock);
  std::string id = report("tech-a");  // P1: the four emergency contacts hear of it
  EXPECT_EQ(worker.run_once(), 4);

  Response r = call("GET", "/api/v1/mailbox", "", "admin");
  ASSERT_EQ(r.status, 200) << r.body;
  auto own = json(r);
  EXPECT_EQ(own.at("person"), "a-zhang");
  ASSERT_EQ(own.at("messages").as_array().size(), 1u);
  const auto& m = own.at("messages").at(0);
  EXPECT_EQ(std::string(m.at("incident").as_string()), id);
  EXPECT_EQ(m.at("state"), "delivered") << "delivered, not failed";
  EXPECT_EQ(m.at("attempts"), 1);
  EXPECT_EQ(m.at("channel"), "email");
  EXPECT_NE(m.at("subject").as_string().find("【应急上报】"), std::string::npos);
  EXPECT_NE(m.at("body").as_string().find("张伟："), std::string::npos) << "addressed to them";
  EXPECT_TRUE(m.at("delivered_at").is_string());
  EXPECT_EQ(json(call("GET", "/api/v1/mailbox", "", "leader-b")).at("messages").as_array().size(),
            1u);
  EXPECT_TRUE(json(call("GET", "/api/v1/mailbox", "", "tech-a")).at("messages").as_array().empty())
      << "the reporter is no emergency contact";

  // Another's mailbox: an administrator of their party only.
  r = call("GET", "/api/v1/mailbox?person=a-liu", "", "admin");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json(r).at("person"), "a-liu");
  EXPECT_EQ(json(r).at("messages").as_array().size(), 1u);
  r = call("GET", "/api/v1/mailbox?person=a-zhang", "", "tech-a");
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(json(r).at("error").at("field"), "person");
  r = call("GET", "/api/v1/mailbox?person=b-wang", "", "admin");
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_NE(r.body.find("party A only"), std::string::npos) << r.body;
  r = call("GET", "/api/v1/mailbox?person=nobody", "", "admin");
  EXPECT_EQ(r.status, 404) << r.body;
  EXPECT_EQ(json(r).at("error").at("field"), "person");
  target = &api;
}

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
  for (const auto& d : documented)
    EXPECT_TRUE(served.contains(d)) << "documented but not served: " << d;
}

}  // namespace
}  // namespace pactum::http
