// T5: an alert's validity, its verdict against the plan at a moment, and the report it files (P1).
#include "domain/alert.hpp"

#include <gtest/gtest.h>

#include "testing/example_plan.hpp"

namespace pactum {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using testing::at;

class AlertTest : public ::testing::Test {
 protected:
  const Plan& plan = testing::example_plan();
  Instant now = at("2026-03-02T12:00:00Z");
  std::map<std::string, std::string> open_by_group;
  OpenIncidentByGroup open = [this](const std::string& key) -> std::optional<std::string> {
    auto it = open_by_group.find(key);
    if (it == open_by_group.end()) return std::nullopt;
    return it->second;
  };

  Alert outage(Instant starts) {
    return Alert{{{"alertname", "ServiceDown"}, {"service", "api"}}, {}, starts, std::nullopt, ""};
  }
};

TEST_F(AlertTest, T5_AWellFormedAlertIsAccepted) {
  EXPECT_TRUE(alert_error(outage(now - hours(1)), "alerts[0]", now).ok());
}

TEST_F(AlertTest, T5_AlertnameIsRequired) {
  Alert a = outage(now);
  a.labels.erase("alertname");
  auto e = alert_error(a, "alerts[2]", now);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().field, "alerts[2].labels.alertname");
}

TEST_F(AlertTest, T5_LabelNamesFollowPrometheus) {
  Alert a = outage(now);
  a.labels["1st"] = "x";
  auto e = alert_error(a, "alerts[0]", now);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().field, "alerts[0].labels");
  EXPECT_NE(e.error().message.find("\"1st\""), std::string::npos);
  a = outage(now);
  a.annotations["has-dash"] = "x";
  EXPECT_FALSE(alert_error(a, "alerts[0]", now).ok());
}

TEST_F(AlertTest, T5_OversizedValuesAndTooManyLabelsAreRefused) {
  Alert a = outage(now);
  a.annotations["description"] = std::string(5000, 'x');
  auto e = alert_error(a, "alerts[0]", now);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().field, "alerts[0].annotations.description");
  a = outage(now);
  for (int i = 0; i < 70; ++i) a.labels["l" + std::to_string(i)] = "v";
  EXPECT_FALSE(alert_error(a, "alerts[0]", now).ok());
}

TEST_F(AlertTest, T5_AbsurdTimestampsAreRefused) {
  auto future = alert_error(outage(now + hours(2)), "alerts[0]", now);
  ASSERT_FALSE(future.ok());
  EXPECT_EQ(future.error().field, "alerts[0].startsAt");
  EXPECT_FALSE(alert_error(outage(at("1970-01-01T00:00:00Z")), "alerts[0]", now).ok());
  EXPECT_TRUE(
      alert_error(outage(now + minutes(30)), "alerts[0]", now).ok());  // clock skew is tolerated
  Alert backwards = outage(now - hours(1));
  backwards.ends_at = now - hours(2);
  auto e = alert_error(backwards, "alerts[0]", now);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().field, "alerts[0].endsAt");
}

TEST_F(AlertTest, T5_UnmatchedAlertsAskNothing) {
  Alert a{{{"alertname", "DiskAlmostFull"}}, {}, now, std::nullopt, ""};
  EXPECT_EQ(evaluate_alert(plan, a, open, now).kind, AlertVerdict::Kind::unmatched);
}

TEST_F(AlertTest, T1_T5_AnOutageOpensAnIncidentOnlyAfterFourHours) {
  auto pending = evaluate_alert(plan, outage(now - hours(3)), open, now);
  EXPECT_EQ(pending.kind, AlertVerdict::Kind::pending);
  EXPECT_EQ(pending.due, now + hours(1));  // re-evaluate then

  auto opened = evaluate_alert(plan, outage(now - hours(5)), open, now);
  EXPECT_EQ(opened.kind, AlertVerdict::Kind::open);
  EXPECT_EQ(opened.due, now - hours(1));  // the discovery time: when the condition became true
  EXPECT_EQ(opened.match.condition->id, "T1.outage");
}

TEST_F(AlertTest, T5_AnAlertResolvedBeforeItsDurationNeverOpens) {
  Alert a = outage(now - hours(5));
  a.ends_at = now - hours(2);  // it fired for three hours only
  EXPECT_EQ(evaluate_alert(plan, a, open, now).kind, AlertVerdict::Kind::resolved);
}

TEST_F(AlertTest, T5_AFloodOfOneAlertAttachesToTheOpenIncident) {
  open_by_group["T1.outage|service=api"] = "INC-7";
  auto v = evaluate_alert(plan, outage(now - hours(5)), open, now);
  EXPECT_EQ(v.kind, AlertVerdict::Kind::attach);
  EXPECT_EQ(v.incident_id, "INC-7");
  // A different service is a different group: its own incident.
  Alert db = outage(now - hours(5));
  db.labels["service"] = "db";
  EXPECT_EQ(evaluate_alert(plan, db, open, now).kind, AlertVerdict::Kind::open);
}

// A silence is a maintenance window: an alert muted when its condition becomes true opens nothing
// while the window lasts; if it still fires when the window ends, its incident is discovered then.
TEST_F(AlertTest, T5_AMutedAlertOpensNothingUntilItsSilenceEnds) {
  std::vector<Silence> windows{Silence{"s1",
                                       {{"service", MatchOp::equal, "api"}},
                                       now - hours(2),
                                       now + hours(1),
                                       "li.na",
                                       "database upgrade",
                                       now - hours(2)}};
  auto muted = evaluate_alert(plan, outage(now - hours(5)), open, now, windows);
  EXPECT_EQ(muted.kind, AlertVerdict::Kind::pending);
  EXPECT_EQ(muted.due, now + hours(1));  // looked at again when the window ends

  auto after = evaluate_alert(plan, outage(now - hours(5)), open, now + hours(2), windows);
  EXPECT_EQ(after.kind, AlertVerdict::Kind::open);
  EXPECT_EQ(after.due, now + hours(1));  // the discovery time: the window's end

  Alert over = outage(now - hours(5));
  over.ends_at = now + minutes(30);  // fixed inside the window
  EXPECT_EQ(evaluate_alert(plan, over, open, now + hours(2), windows).kind,
            AlertVerdict::Kind::resolved);

  // The condition became true before the window began: the window changes nothing.
  auto before = evaluate_alert(plan, outage(now - hours(7)), open, now, windows);
  EXPECT_EQ(before.kind, AlertVerdict::Kind::open);
  EXPECT_EQ(before.due, now - hours(3));
  // Another service is not muted.
  Alert db = outage(now - hours(5));
  db.labels["service"] = "db";
  EXPECT_EQ(evaluate_alert(plan, db, open, now, windows).kind, AlertVerdict::Kind::open);
  // An incident of its group is open already: it joins it, muted or not.
  open_by_group["T1.outage|service=api"] = "INC-7";
  EXPECT_EQ(evaluate_alert(plan, outage(now - hours(5)), open, now, windows).kind,
            AlertVerdict::Kind::attach);
}

TEST_F(AlertTest, P1_T5_TheMachineReportCarriesTheAlert) {
  Alert a = outage(now - hours(5));
  a.annotations["summary"] = "API 无响应";
  a.generator_url = "http://prometheus:9090/graph";
  auto v = evaluate_alert(plan, a, open, now);
  auto r = report_for_alert(plan, a, v, "INC-9");
  EXPECT_EQ(r.incident_id, "INC-9");
  EXPECT_EQ(r.trigger, "T1");
  EXPECT_EQ(r.condition, "T1.outage");
  EXPECT_EQ(r.phenomenon, "API 无响应");
  EXPECT_EQ(r.scope, "service=api");
  EXPECT_NE(r.cause_guess.find("ServiceDown"), std::string::npos);
  EXPECT_NE(r.cause_guess.find("http://prometheus:9090/graph"), std::string::npos);
  EXPECT_EQ(r.discovered_at, now - hours(1));
  EXPECT_EQ(r.responsible_party, "A");  // no rule party, no party label: the first party
  EXPECT_EQ(r.reporting_party, "A");
}

TEST_F(AlertTest, T5_ThePartyLabelNamesTheResponsiblePartyWhenItIsOne) {
  Alert a = outage(now - hours(5));
  a.labels["party"] = "B";
  auto v = evaluate_alert(plan, a, open, now);
  EXPECT_EQ(report_for_alert(plan, a, v, "INC-1").responsible_party, "B");
  a.labels["party"] = "Z";  // not a party of the plan
  EXPECT_EQ(report_for_alert(plan, a, v, "INC-1").responsible_party, "A");
}

}  // namespace
}  // namespace pactum
