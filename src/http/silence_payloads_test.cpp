// T5: silences in Alertmanager's v2 shapes, and the query parameters of its listings.
#include "http/silence_payloads.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "http/alertmanager_query.hpp"

namespace pactum::http {
namespace {

const Instant now = *parse_instant("2026-03-02T12:00:00Z");

TEST(SilencePayloads, T5_WhatAmtoolPostsIsRead) {
  // amtool 0.25's `silence add 'service=~"api|db"' severity!=info --comment=…`, with an extra.
  auto p = parse_postable_silence(R"({
    "matchers":[{"name":"service","value":"api|db","isRegex":true,"isEqual":true},
                {"name":"severity","value":"info","isRegex":false,"isEqual":false},
                {"name":"alertname","value":"ServiceDown","isRegex":false}],
    "startsAt":"2026-03-02T12:00:00.000Z","endsAt":"2026-03-02T14:00:00.000Z",
    "createdBy":"li.na","comment":"数据库升级","extra":1})");
  ASSERT_TRUE(p.ok()) << p.error().field << ": " << p.error().message;
  EXPECT_EQ(p->id, "");
  const Silence& s = p->silence;
  ASSERT_EQ(s.matchers.size(), 3u);
  EXPECT_EQ(s.matchers[0].op, MatchOp::regex);
  EXPECT_EQ(s.matchers[1].op, MatchOp::not_equal);
  EXPECT_EQ(s.matchers[2].op, MatchOp::equal);  // isEqual defaults to true
  EXPECT_EQ(s.starts_at, now);
  EXPECT_EQ(s.ends_at, now + std::chrono::hours(2));
  EXPECT_EQ(s.created_by, "li.na");
  EXPECT_EQ(s.comment, "数据库升级");
  auto update =
      parse_postable_silence(R"({"id":"8d2c…","matchers":[{"name":"a","value":"1","isRegex":false}],
    "startsAt":"2026-03-02T12:00:00Z","endsAt":"2026-03-02T14:00:00Z","createdBy":"x","comment":"y"})");
  ASSERT_TRUE(update.ok());
  EXPECT_EQ(update->id, "8d2c…");
}

TEST(SilencePayloads, T5_ABadSilenceNamesItsField) {
  auto field = [](const std::string& body) {
    auto p = parse_postable_silence(body);
    return p.ok() ? std::string("(none)") : p.error().field;
  };
  const std::string tail =
      R"("startsAt":"2026-03-02T12:00:00Z","endsAt":"2026-03-02T14:00:00Z","createdBy":"x","comment":"y")";
  EXPECT_EQ(field("{"), "");
  EXPECT_EQ(field("[]"), "");
  EXPECT_EQ(field("{" + tail + "}"), "matchers");
  EXPECT_EQ(field(R"({"matchers":[1],)" + tail + "}"), "matchers[0]");
  EXPECT_EQ(field(R"({"matchers":[{"name":"a","value":"1"}],)" + tail + "}"),
            "matchers[0].isRegex");
  EXPECT_EQ(field(R"({"matchers":[{"name":"a","value":1,"isRegex":false}],)" + tail + "}"),
            "matchers[0].value");
  EXPECT_EQ(field(R"({"matchers":[{"name":"a","value":"1","isRegex":false,"isEqual":"no"}],)" +
                  tail + "}"),
            "matchers[0].isEqual");
  const std::string m = R"({"matchers":[{"name":"a","value":"1","isRegex":false}],)";
  EXPECT_EQ(
      field(
          m +
          R"("startsAt":"tomorrow","endsAt":"2026-03-02T14:00:00Z","createdBy":"x","comment":"y"})"),
      "startsAt");
  EXPECT_EQ(field(m + R"("startsAt":"2026-03-02T12:00:00Z","createdBy":"x","comment":"y"})"),
            "endsAt");
  EXPECT_EQ(
      field(m +
            R"("startsAt":"2026-03-02T12:00:00Z","endsAt":"2026-03-02T14:00:00Z","comment":"y"})"),
      "createdBy");
  EXPECT_EQ(
      field(
          m +
          R"("startsAt":"2026-03-02T12:00:00Z","endsAt":"2026-03-02T14:00:00Z","createdBy":"x"})"),
      "comment");
}

TEST(SilencePayloads, T5_AGettableSilenceHasEveryFieldAlertmanagerRequires) {
  Silence s{"8d2c",  {{"service", MatchOp::not_regex, "db.*"}},
            now,     now + std::chrono::hours(2),
            "li.na", "upgrade",
            now};
  auto o = gettable_silence_json(s, now + std::chrono::hours(1));
  EXPECT_EQ(boost::json::serialize(o),
            R"({"id":"8d2c","status":{"state":"active"},"updatedAt":"2026-03-02T12:00:00.000Z",)"
            R"("matchers":[{"name":"service","value":"db.*","isRegex":true,"isEqual":false}],)"
            R"("startsAt":"2026-03-02T12:00:00.000Z","endsAt":"2026-03-02T14:00:00.000Z",)"
            R"("createdBy":"li.na","comment":"upgrade"})");
  EXPECT_EQ(gettable_silence_json(s, now + std::chrono::hours(3)).at("status").at("state"),
            "expired");
}

TEST(AlertmanagerQuery, T5_WhatAmtoolAsksForIsRead) {
  // amtool 0.25's `alert query -s alertname=ServiceDown 'service=~"api|db"'`.
  auto q = parse_alert_query({{"active", "true"},
                              {"filter", "alertname=ServiceDown"},
                              {"filter", R"(service=~"api|db")"},
                              {"inhibited", "false"},
                              {"silenced", "true"},
                              {"unprocessed", "false"}});
  ASSERT_TRUE(q.ok()) << q.error().message;
  EXPECT_TRUE(q->active);
  EXPECT_TRUE(q->silenced);
  EXPECT_FALSE(q->inhibited);
  EXPECT_FALSE(q->receiver);
  ASSERT_EQ(q->filters.size(), 2u);
  EXPECT_TRUE(passes(q->filters, {{"alertname", "ServiceDown"}, {"service", "db"}}));
  EXPECT_FALSE(passes(q->filters, {{"alertname", "ServiceDown"}, {"service", "web"}}));
  EXPECT_TRUE(parse_alert_query({})->active);  // every flag is true by default

  auto receiver = parse_alert_query({{"receiver", "pact.*"}});
  ASSERT_TRUE(receiver.ok());
  ASSERT_TRUE(receiver->receiver);
  EXPECT_TRUE(matches(*receiver->receiver, {{"receiver", "pactum"}}));
  EXPECT_FALSE(matches(*receiver->receiver, {{"receiver", "xpactum"}}));  // anchored

  for (QueryList bad : {QueryList{{"active", "yes"}}, QueryList{{"filter", "not a matcher"}},
                        QueryList{{"receiver", "pact("}}}) {
    auto r = parse_alert_query(bad);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().field, bad[0].first);
  }
}

}  // namespace
}  // namespace pactum::http
