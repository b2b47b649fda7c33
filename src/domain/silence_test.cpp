// T5: silences (maintenance windows): their state at an instant, which alerts they mute, when a
// muted alert is free again, and what a new silence must satisfy (as Alertmanager's).
#include "domain/silence.hpp"

#include <gtest/gtest.h>

#include "testing/example_plan.hpp"

namespace pactum {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using testing::at;

const Instant kNow = at("2026-03-02T12:00:00Z");

Silence window(std::string id, std::vector<Matcher> matchers, Instant starts, Instant ends) {
  return Silence{std::move(id), std::move(matchers), starts, ends,
                 "li.na",       "database upgrade",  starts};
}

Matcher eq(std::string label, std::string value) {
  return {std::move(label), MatchOp::equal, std::move(value)};
}

TEST(Silence, T5_PendingThenActiveThenExpired) {
  Silence s = window("s1", {eq("service", "api")}, kNow, kNow + hours(2));
  EXPECT_EQ(silence_state(s, kNow - minutes(1)), SilenceState::pending);
  EXPECT_EQ(silence_state(s, kNow), SilenceState::active);
  EXPECT_EQ(silence_state(s, kNow + hours(2) - std::chrono::milliseconds(1)), SilenceState::active);
  EXPECT_EQ(silence_state(s, kNow + hours(2)), SilenceState::expired);
  EXPECT_STREQ(to_string(SilenceState::pending), "pending");
  EXPECT_STREQ(to_string(SilenceState::active), "active");
  EXPECT_STREQ(to_string(SilenceState::expired), "expired");
}

TEST(Silence, T5_MutesOnlyWhileActiveAndOnlyWhatEveryMatcherMatches) {
  Silence s = window("s1", {eq("service", "api"), {"alertname", MatchOp::regex, "Service.*"}}, kNow,
                     kNow + hours(2));
  Labels api{{"alertname", "ServiceDown"}, {"service", "api"}};
  Labels db{{"alertname", "ServiceDown"}, {"service", "db"}};
  Labels anchored{{"alertname", "NotServiceDown"}, {"service", "api"}};  // regexes are anchored
  EXPECT_TRUE(mutes(s, api, kNow + hours(1)));
  EXPECT_FALSE(mutes(s, db, kNow + hours(1)));
  EXPECT_FALSE(mutes(s, anchored, kNow + hours(1)));
  EXPECT_FALSE(mutes(s, api, kNow - minutes(1)));
  EXPECT_FALSE(mutes(s, api, kNow + hours(2)));
  Silence other = window("s2", {eq("service", "api")}, kNow, kNow + hours(1));
  EXPECT_EQ(muted_by({s, other}, api, kNow + minutes(30)), (std::vector<std::string>{"s1", "s2"}));
  EXPECT_EQ(muted_by({s, other}, db, kNow + minutes(30)), std::vector<std::string>{});
}

TEST(Silence, T5_AMutedAlertIsFreeWhenTheLastOverlappingWindowEnds) {
  Labels api{{"alertname", "ServiceDown"}, {"service", "api"}};
  std::vector<Silence> none;
  EXPECT_EQ(unmuted_from(none, api, kNow), kNow);
  std::vector<Silence> windows{
      window("a", {eq("service", "api")}, kNow + hours(1), kNow + hours(3)),
      window("b", {eq("service", "api")}, kNow - hours(1), kNow + hours(2)),
      window("c", {eq("service", "db")}, kNow, kNow + hours(9)),
      window("d", {eq("service", "api")}, kNow + hours(5), kNow + hours(6))};
  EXPECT_EQ(unmuted_from(windows, api, kNow), kNow + hours(3));  // b, then a, which overlaps it
  EXPECT_EQ(unmuted_from(windows, api, kNow + hours(4)), kNow + hours(4));  // between windows
  EXPECT_EQ(unmuted_from(windows, api, kNow + hours(5)), kNow + hours(6));
  EXPECT_EQ(unmuted_from(windows, {{"service", "web"}}, kNow), kNow);
}

TEST(Silence, T5_ANewSilenceIsCheckedAsAlertmanagerChecksIt) {
  auto field = [](const Silence& s) {
    auto e = silence_error(s, kNow);
    return e.ok() ? std::string("(none)") : e.error().field;
  };
  Silence good = window("", {eq("service", "api")}, kNow, kNow + hours(1));
  EXPECT_EQ(field(good), "(none)");
  Silence s = good;
  s.matchers.clear();
  EXPECT_EQ(field(s), "matchers");
  s = good;
  s.matchers = {eq("service", ""), {"x", MatchOp::regex, ".*"}};  // would mute every alert
  EXPECT_EQ(field(s), "matchers");
  s = good;
  s.matchers.push_back(eq("1st", "x"));
  EXPECT_EQ(field(s), "matchers[1].name");
  s = good;
  s.matchers.push_back({"service", MatchOp::not_regex, "api("});
  EXPECT_EQ(field(s), "matchers[1].value");
  s = good;
  s.matchers.push_back(eq("description", std::string(5000, 'x')));
  EXPECT_EQ(field(s), "matchers[1].value");
  s = good;
  s.ends_at = s.starts_at;
  EXPECT_EQ(field(s), "endsAt");
  s = window("", {eq("service", "api")}, kNow - hours(2), kNow - hours(1));
  EXPECT_EQ(field(s), "endsAt");
  s = good;
  s.created_by.clear();
  EXPECT_EQ(field(s), "createdBy");
  s = good;
  s.comment.clear();
  EXPECT_EQ(field(s), "comment");
  s = good;
  s.comment = std::string(5000, 'x');
  EXPECT_EQ(field(s), "comment");
}

TEST(Silence, T5_ListedActiveFirstThenPendingThenExpired) {
  std::vector<Silence> list{
      window("expired-long-ago", {eq("a", "1")}, kNow - hours(9), kNow - hours(8)),
      window("pending-later", {eq("a", "1")}, kNow + hours(5), kNow + hours(6)),
      window("active-long", {eq("a", "1")}, kNow - hours(1), kNow + hours(9)),
      window("expired-recently", {eq("a", "1")}, kNow - hours(2), kNow - hours(1)),
      window("pending-soon", {eq("a", "1")}, kNow + hours(1), kNow + hours(9)),
      window("active-short", {eq("a", "1")}, kNow - hours(1), kNow + hours(1))};
  sort_for_listing(list, kNow);
  std::vector<std::string> ids;
  for (const auto& s : list) ids.push_back(s.id);
  EXPECT_EQ(
      ids, (std::vector<std::string>{"active-short", "active-long", "pending-soon", "pending-later",
                                     "expired-recently", "expired-long-ago"}));
}

}  // namespace
}  // namespace pactum
