#include "domain/event_json.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "domain/canonical_json.hpp"
#include "testing/example_plan.hpp"

namespace pactum {
namespace {

using testing::at;

std::vector<Event> one_of_each() {
  Actor a{"a-li", "A", {"tech_lead"}};
  Instant t = at("2026-03-02T09:00:00.250+08:00");
  Review review{t,
                "机房",
                "甲方运维",
                "误操作",
                "培训不足",
                Avoidability::partly,
                "部分可避免",
                {{"A1", "培训", "tech_lead", at("2026-04-01T00:00:00Z")},
                 {"A2", "巡检", "tech_lead", std::nullopt}}};
  std::vector<EventData> data = {
      ev::Reported{"INC-1", "T1", "T1.outage", "瘫痪", "全部", "断电", t, "A", "B"},
      ev::Synced{"同步"},
      ev::Assessed{"minor", "normal", "L1", "L2", "理由"},
      ev::LevelChanged{"L2", "L3", "升级"},
      ev::StepCompleted{"L3.stop", "L3", {{EvidenceKind::file, "文件", "sha256:00"}}},
      ev::StepWaived{"L3.termination", "L3", "无需"},
      ev::NoteAdded{"备注 \"quoted\"\n"},
      ev::Resolved{"已恢复"},
      ev::ReviewSubmitted{review},
      ev::ActionCompleted{"A1", {{EvidenceKind::note, "完成", ""}}},
      ev::ReviewApproved{"同意"},
      ev::Closed{"关闭"},
      ev::Cancelled{"误报"},
      ev::ObligationBreached{"step:L3.stop", t},
      ev::ObligationEscalated{"step:L3.stop", 1, {"a-zhao", "a-zhang"}},
      ev::ObligationReminded{"assess", t},
      ev::NotificationAcknowledged{"step:L3.stop", "m-1", "a-zhao"},
      ev::AlertAttached{"4f2a9c0d1e2b3a45", "ServiceDown", "API 无响应", t},
      ev::AlertResolved{"4f2a9c0d1e2b3a45", "ServiceDown", "API 无响应", t},
      ev::QuoteRecorded{
          "L2.quotes", "L2", {"s01", "", 12'000'000, t, {{EvidenceKind::record, "报价单", "Q-1"}}}},
      ev::QuoteChosen{"L2.quotes", "L2", "新星示例云", "报价最低"},
      ev::ThirdPartyEngaged{"legal_counsel", {{EvidenceKind::file, "委托书", "sha256:01"}}},
      ev::ExternalMessageSent{{1,
                               "regulator",
                               "regulator",
                               "zh-CN",
                               "突发事件报告",
                               "监管机构：\n正文",
                               {"gov@regulator.example.cn"}}},
      ev::ExternalMessageDownloaded{{2, "users", "users", "en", "Notice", "Dear users,", {}}},
  };
  std::vector<Event> out;
  for (auto& d : data) out.push_back({t, a, std::move(d)});
  return out;
}

TEST(EventJson, EveryEventTypeRoundTrips) {
  auto events = one_of_each();
  ASSERT_EQ(events.size(), std::variant_size_v<EventData>);
  for (const auto& e : events) {
    auto json = event_to_json(e);
    // Through text, as the store keeps it.
    auto back = event_from_json(boost::json::parse(canonical_json(json)));
    ASSERT_TRUE(back.ok()) << event_type(e.data) << ": " << back.error().message;
    EXPECT_EQ(*back, e) << event_type(e.data);
  }
}

TEST(EventJson, OptionalFieldsAreWrittenAsNull) {
  auto events = one_of_each();
  auto json = event_to_json(events[8]);  // the review, whose second action has no due time
  EXPECT_TRUE(json.at("payload").at("review").at("actions").at(1).at("due").is_null());
  EXPECT_EQ(json.at("payload").at("review").at("avoidability").as_string(), "partly");
}

TEST(EventJson, CanonicalFormIsStable) {
  auto e = one_of_each()[0];
  EXPECT_EQ(
      canonical_json(event_to_json(e)),
      R"({"actor":{"party":"A","roles":["tech_lead"],"user":"a-li"},)"
      R"("at":"2026-03-02T01:00:00.250Z","payload":{"cause_guess":"断电",)"
      R"("condition":"T1.outage","discovered_at":"2026-03-02T01:00:00.250Z",)"
      R"("incident_id":"INC-1","phenomenon":"瘫痪","reporting_party":"A",)"
      R"("responsible_party":"B","scope":"全部","trigger":"T1"},"type":"incident.reported"})");
}

TEST(EventJson, MalformedEventsAreRefusedWithTheField) {
  struct Case {
    const char* json;
    const char* field;
  } cases[] = {
      {R"([])", ""},
      {R"({"at":"2026-01-01T00:00:00Z","actor":{},"payload":{}})", "type"},
      {R"({"type":"incident.exploded","at":"2026-01-01T00:00:00Z","actor":{"user":"u","party":"A","roles":[]},"payload":{}})",
       "type"},
      {R"({"type":"incident.synced","at":"yesterday","actor":{},"payload":{}})", "at"},
      {R"({"type":"incident.synced","at":"2026-01-01T00:00:00Z","actor":{"user":1},"payload":{}})",
       "actor"},
      {R"({"type":"incident.synced","at":"2026-01-01T00:00:00Z","actor":{"user":"u","party":"A","roles":[]},"payload":{"note":5}})",
       "payload"},
  };
  for (const auto& c : cases) {
    auto r = event_from_json(boost::json::parse(c.json));
    ASSERT_FALSE(r.ok()) << c.json;
    EXPECT_EQ(r.error().field, c.field) << c.json;
  }
}

}  // namespace
}  // namespace pactum
