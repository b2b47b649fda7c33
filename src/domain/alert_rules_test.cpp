// T5: which plan trigger an alert raises, with Prometheus matcher semantics.
#include "domain/alert_rules.hpp"

#include <gtest/gtest.h>

#include "testing/example_plan.hpp"

namespace pactum {
namespace {

Matcher m(std::string label, MatchOp op, std::string value) {
  return {std::move(label), op, std::move(value)};
}

TEST(AlertRules, T5_EqualityAndMissingLabelIsEmptyString) {
  Labels l{{"alertname", "ServiceDown"}};
  EXPECT_TRUE(matches(m("alertname", MatchOp::equal, "ServiceDown"), l));
  EXPECT_FALSE(matches(m("alertname", MatchOp::equal, "servicedown"), l));
  EXPECT_TRUE(matches(m("severity", MatchOp::equal, ""), l));
  EXPECT_FALSE(matches(m("severity", MatchOp::not_equal, ""), l));
  EXPECT_TRUE(matches(m("alertname", MatchOp::not_equal, "Other"), l));
}

TEST(AlertRules, T5_RegexesAreAnchoredLikePrometheus) {
  Labels l{{"service", "api-gateway"}};
  EXPECT_TRUE(matches(m("service", MatchOp::regex, "api.*"), l));
  EXPECT_FALSE(matches(m("service", MatchOp::regex, "gateway"), l));  // not a substring search
  EXPECT_TRUE(matches(m("service", MatchOp::not_regex, "gateway"), l));
  EXPECT_TRUE(matches(m("service", MatchOp::regex, "db|api-gateway"), l));
  EXPECT_FALSE(matches(m("service", MatchOp::not_regex, "db|api-gateway"), l));
}

// Prometheus's regexes are RE2's: no backtracking. A silence's regex comes from anyone with the
// alerts scope; with std::regex this one never returned, and the scheduler's thread with it.
TEST(AlertRules, T5_ARegexTakesLinearTimeWhateverItsShape) {
  Labels l{{"service", std::string(4096, 'a')}};
  EXPECT_FALSE(matches(m("service", MatchOp::regex, "(a*)*b"), l));
  EXPECT_TRUE(matches(m("service", MatchOp::regex, "(a|aa)*"), l));
  EXPECT_TRUE(regex_error("(a)\\1").has_value());  // no backreferences in Prometheus's either
  EXPECT_TRUE(regex_error("a(?=b)").has_value());  // nor lookahead
}

TEST(AlertRules, T5_InvalidRegexIsReported) {
  EXPECT_FALSE(regex_error("api.*").has_value());
  EXPECT_TRUE(regex_error("api(").has_value());
}

TEST(AlertRules, T5_MatchersAreReadAsAlertmanagersClientsWriteThem) {
  auto read = [](std::string_view text) {
    auto r = parse_matcher_text(text);
    EXPECT_TRUE(r.ok()) << text << ": " << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : Matcher{};
  };
  auto same = [](const Matcher& a, const Matcher& b) {
    return a.label == b.label && a.op == b.op && a.value == b.value;
  };
  EXPECT_TRUE(same(read("alertname=ServiceDown"), m("alertname", MatchOp::equal, "ServiceDown")));
  EXPECT_TRUE(same(read(R"(service!="api")"), m("service", MatchOp::not_equal, "api")));
  EXPECT_TRUE(same(read(R"( service =~ "api|db" )"), m("service", MatchOp::regex, "api|db")));
  EXPECT_TRUE(same(read("service!~db.*"), m("service", MatchOp::not_regex, "db.*")));
  EXPECT_TRUE(same(read(R"(summary="say \"hi\"\nback\\slash")"),
                   m("summary", MatchOp::equal, "say \"hi\"\nback\\slash")));
  EXPECT_TRUE(same(read("severity="), m("severity", MatchOp::equal, "")));
  for (std::string_view bad :
       {"", "=x", "1st=x", "service", R"(service="api)", R"(service="a"b")", "service=~api("}) {
    EXPECT_FALSE(parse_matcher_text(bad).ok()) << bad;
  }
}

TEST(AlertRules, T5_AnOutageAlertRaisesT1WithItsGroupKey) {
  const Plan& plan = testing::example_plan();
  auto found = match_alert(plan, {{"alertname", "ServiceDown"}, {"service", "api"}});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].trigger->id, "T1");
  EXPECT_EQ(found[0].condition->id, "T1.outage");
  EXPECT_EQ(found[0].group_key, "T1.outage|service=api");
  EXPECT_EQ(found[0].condition->alert->level, "L2");
}

TEST(AlertRules, T5_EveryMatcherMustMatch) {
  const Plan& plan = testing::example_plan();
  EXPECT_TRUE(
      match_alert(plan, {{"alertname", "SecurityBreachRisk"}, {"severity", "warning"}}).empty());
  auto found = match_alert(plan, {{"alertname", "SecurityBreachRisk"}, {"severity", "critical"}});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].condition->id, "T1.security");
  EXPECT_TRUE(match_alert(plan, {{"alertname", "DiskAlmostFull"}}).empty());
}

TEST(AlertRules, T5_MissingGroupLabelGroupsAsEmpty) {
  const Plan& plan = testing::example_plan();
  auto found = match_alert(plan, {{"alertname", "ServiceDown"}});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].group_key, "T1.outage|service=");
}

TEST(AlertRules, T5_FingerprintIsTheLabelSet) {
  Labels a{{"alertname", "ServiceDown"}, {"service", "api"}};
  Labels b{{"service", "api"}, {"alertname", "ServiceDown"}};
  Labels c{{"alertname", "ServiceDown"}, {"service", "db"}};
  // Separators keep {"a":"bc"} and {"ab":"c"} apart.
  EXPECT_EQ(fingerprint(a), fingerprint(b));
  EXPECT_NE(fingerprint(a), fingerprint(c));
  EXPECT_NE(fingerprint({{"a", "bc"}}), fingerprint({{"ab", "c"}}));
  EXPECT_EQ(fingerprint(a).size(), 16u);
  // Stored in every record: it must never change (SHA-256 of "alertname\x01ServiceDown\x02…").
  EXPECT_EQ(fingerprint(a), "f2ae952892674704");
  EXPECT_EQ(fingerprint_key(a), 0xf2ae952892674704ULL);
}

}  // namespace
}  // namespace pactum
