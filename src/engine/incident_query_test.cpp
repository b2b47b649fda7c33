// The incident list's filter and paging as a pure function over records (incident_query.hpp).
#include "engine/incident_query.hpp"

#include <gtest/gtest.h>

#include "testing/example_plan.hpp"

namespace pactum::engine {
namespace {

using testing::at;

class IncidentQueryTest : public ::testing::Test {
 protected:
  const Plan& plan = testing::example_plan();
  std::map<std::string, IncidentRecord> records;

  IncidentRecord& add(const std::string& id, const char* reported, IncidentStatus status,
                      const std::string& phenomenon, const std::string& level = "L1",
                      const std::string& party = "A", const std::string& trigger = "T1") {
    IncidentRecord& r = records[id];
    r.id = id;
    r.state.version = 1;
    r.state.reported_at = at(reported);
    r.state.status = status;
    r.state.level = level;
    r.state.report.phenomenon = phenomenon;
    r.state.report.trigger = trigger;
    r.state.report.reporting_party = party;
    r.state.report.responsible_party = party;
    return r;
  }
  void note(IncidentRecord& r, const std::string& type, const std::string& payload) {
    store::RecordedEvent e;
    e.type = type;
    e.payload = payload;
    r.events.push_back(e);
  }
  std::vector<std::string> ids(const IncidentQuery& q) {
    std::vector<std::string> out;
    for (const auto& [id, s] : select_incidents(plan, records, q).incidents) out.push_back(id);
    return out;
  }
};

TEST(IncidentCursorTest, V1_ACursorRoundTripsAndIsUrlSafe) {
  IncidentCursor c{at("2026-03-02T09:00:00.123+08:00"), "INC-2026-0042"};
  std::string text = encode_cursor(c);
  EXPECT_EQ(text.find_first_of("+/=&?"), std::string::npos) << text;
  EXPECT_EQ(decode_cursor(text), c);
  EXPECT_FALSE(decode_cursor("not a cursor!"));
  EXPECT_FALSE(decode_cursor(""));
  EXPECT_FALSE(decode_cursor(encode_cursor({at("2026-03-02T09:00:00Z"), ""}).substr(0, 8)));
}

TEST(IncidentStatusTest, V1_StatusWordsNameSetsOfStatuses) {
  EXPECT_EQ(parse_statuses("closed,cancelled"),
            (std::set{IncidentStatus::closed, IncidentStatus::cancelled}));
  EXPECT_EQ(parse_statuses("open")->count(IncidentStatus::closed), 0u);
  EXPECT_EQ(parse_statuses("open")->size(), 5u);
  EXPECT_EQ(parse_statuses("all")->size(), 7u);
  EXPECT_EQ(parse_statuses("resolved"), std::set{IncidentStatus::resolved});
  EXPECT_FALSE(parse_statuses("finished"));
  EXPECT_FALSE(parse_statuses("closed,"));
}

TEST_F(IncidentQueryTest, G5_ClosedAndCancelledIncidentsAreSelectedByStatusNewestFirst) {
  add("INC-2026-0001", "2026-01-05T10:00:00+08:00", IncidentStatus::closed, "订单系统无法访问");
  add("INC-2026-0002", "2026-02-05T10:00:00+08:00", IncidentStatus::cancelled, "误报");
  add("INC-2026-0003", "2026-03-05T10:00:00+08:00", IncidentStatus::assessed, "支付延迟");
  IncidentQuery q;
  q.statuses = *parse_statuses("closed,cancelled");
  EXPECT_EQ(ids(q), (std::vector<std::string>{"INC-2026-0002", "INC-2026-0001"}));
  q.statuses = *parse_statuses("open");
  EXPECT_EQ(ids(q), std::vector<std::string>{"INC-2026-0003"});
}

TEST_F(IncidentQueryTest, V1_TextMatchesFieldsTriggerNamesAndNotesIgnoringCase) {
  auto& a = add("INC-2026-0001", "2026-01-05T10:00:00+08:00", IncidentStatus::closed,
                "Order system DOWN");
  add("INC-2026-0002", "2026-02-05T10:00:00+08:00", IncidentStatus::closed, "支付延迟", "L1", "B",
      "T2");
  note(a, "incident.note_added", R"({"text":"已联系3家备选供应商报价"})");
  note(a, "incident.cancelled", R"({"reason":"not json-ish \"quoted\""})");
  IncidentQuery q;
  auto find = [&](const std::string& text) {
    q.text = text;
    return ids(q);
  };
  EXPECT_EQ(find("order system down"), std::vector<std::string>{"INC-2026-0001"});
  EXPECT_EQ(find("备选供应商"), std::vector<std::string>{"INC-2026-0001"}) << "a note's text";
  EXPECT_EQ(find("重大技术故障"), std::vector<std::string>{"INC-2026-0001"}) << "T1's name";
  EXPECT_EQ(find("major technical"), std::vector<std::string>{"INC-2026-0001"});
  EXPECT_EQ(find("inc-2026-0002"), std::vector<std::string>{"INC-2026-0002"}) << "the id";
  EXPECT_EQ(find("\"quoted\""), std::vector<std::string>{"INC-2026-0001"}) << "decoded, not raw";
  EXPECT_TRUE(find("nothing like this").empty());
}

TEST_F(IncidentQueryTest, P1_ThePeriodIsOnTheReportedTimeFromInclusiveToExclusive) {
  add("INC-2026-0001", "2026-01-31T23:59:59.999+08:00", IncidentStatus::closed, "a");
  add("INC-2026-0002", "2026-02-01T00:00:00+08:00", IncidentStatus::closed, "b");
  add("INC-2026-0003", "2026-03-01T00:00:00+08:00", IncidentStatus::closed, "c");
  IncidentQuery q;
  q.from = at("2026-02-01T00:00:00+08:00");
  q.to = at("2026-03-01T00:00:00+08:00");
  EXPECT_EQ(ids(q), std::vector<std::string>{"INC-2026-0002"});
}

TEST_F(IncidentQueryTest, V1_TriggerLevelPartyAndExerciseFilter) {
  add("INC-2026-0001", "2026-01-05T10:00:00+08:00", IncidentStatus::closed, "a", "L2", "A", "T1");
  add("INC-2026-0002", "2026-01-06T10:00:00+08:00", IncidentStatus::closed, "b", "L1", "B", "T2");
  add("EX-2026-0001", "2026-01-07T10:00:00+08:00", IncidentStatus::closed, "c", "L2", "A", "T1");
  IncidentQuery q;
  q.exercise = false;
  q.level = "L2";
  EXPECT_EQ(ids(q), std::vector<std::string>{"INC-2026-0001"});
  q.level.clear();
  q.trigger = "T2";
  EXPECT_EQ(ids(q), std::vector<std::string>{"INC-2026-0002"});
  q.trigger.clear();
  q.party = "B";
  EXPECT_EQ(ids(q), std::vector<std::string>{"INC-2026-0002"});
  q.party.clear();
  q.exercise.reset();
  EXPECT_EQ(ids(q).size(), 3u);
  q.exercise = true;
  EXPECT_EQ(ids(q), std::vector<std::string>{"EX-2026-0001"});
}

// Paging by cursor: a new incident reported between two pages neither shifts nor repeats a row.
TEST_F(IncidentQueryTest, V1_PagesFollowTheCursorStablyUnderNewIncidents) {
  for (int i = 1; i <= 5; ++i) {
    add("INC-2026-000" + std::to_string(i),
        ("2026-01-0" + std::to_string(i) + "T10:00:00+08:00").c_str(), IncidentStatus::closed, "x");
  }
  add("INC-2026-0006", "2026-01-03T10:00:00+08:00", IncidentStatus::closed, "same time as 0003");
  IncidentQuery q;
  q.limit = 2;
  auto first = select_incidents(plan, records, q);
  ASSERT_TRUE(first.next);
  EXPECT_EQ(first.incidents.at(1).first, "INC-2026-0004");
  add("INC-2026-0007", "2026-01-09T10:00:00+08:00", IncidentStatus::closed, "new");
  q.after = decode_cursor(encode_cursor(*first.next));
  auto second = select_incidents(plan, records, q);
  ASSERT_EQ(second.incidents.size(), 2u);
  EXPECT_EQ(second.incidents.at(0).first, "INC-2026-0006") << "the tie broken by id";
  EXPECT_EQ(second.incidents.at(1).first, "INC-2026-0003");
  q.after = second.next;
  auto last = select_incidents(plan, records, q);
  EXPECT_EQ(last.incidents.size(), 2u);
  EXPECT_FALSE(last.next) << "no cursor after the last page";
}

}  // namespace
}  // namespace pactum::engine
