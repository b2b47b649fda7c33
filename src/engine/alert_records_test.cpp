#include "engine/alert_records.hpp"

#include <gtest/gtest.h>

#include "domain/canonical_json.hpp"
#include "domain/json_member.hpp"
#include "testing/example_plan.hpp"

namespace pactum::engine::alert_records {
namespace {

using testing::at;

TEST(AlertRecords, T5_AnObservedRecordReadsBackAsItsAlertsInOrder) {
  Alert firing{{{"alertname", "ServiceDown"}},
               {{"summary", "API 无响应"}},
               testing::monday(),
               std::nullopt,
               "http://prom/graph"};
  Alert resolved{{{"alertname", "DiskFull"}},
                 {},
                 at("2026-03-02T08:00:00+08:00"),
                 at("2026-03-02T08:30:00+08:00"),
                 ""};
  std::string a = observed_alert(hex_of(1), firing, "prometheus");
  std::string b = observed_alert(hex_of(0xfedcba9876543210), resolved, "alertmanager");
  std::string record = observed_record({a, b});
  EXPECT_EQ(canonical_json(boost::json::parse(record)), record);

  auto objects = alert_objects(kObserved, record);
  ASSERT_EQ(objects.size(), 2u);
  auto [first, first_source] = alert_from(objects[0], at("2026-03-02T10:00:00+08:00"));
  EXPECT_EQ(first.labels, firing.labels);
  EXPECT_EQ(first.annotations, firing.annotations);
  EXPECT_EQ(first.starts_at, firing.starts_at);
  EXPECT_FALSE(first.ends_at);
  EXPECT_EQ(first_source, "prometheus");
  auto [second, second_source] = alert_from(objects[1], at("2026-03-02T10:00:00+08:00"));
  EXPECT_EQ(second.ends_at, resolved.ends_at);
  EXPECT_EQ(second_source, "alertmanager");
  EXPECT_EQ(key_of(string_member(objects[1], "fingerprint")), 0xfedcba9876543210u);
}

TEST(AlertRecords, T5_AnEntryThatIsNotAnObjectKeepsTheOthersInTheirPlaces) {
  auto objects =
      alert_objects(kObserved, R"({"alerts":[{"fingerprint":"a"},7,{"fingerprint":"c"}]})");
  ASSERT_EQ(objects.size(), 3u);
  EXPECT_TRUE(objects[1].empty());
  EXPECT_EQ(string_member(objects[2], "fingerprint"), "c");
  EXPECT_TRUE(alert_objects(kObserved, "not json").empty());
  EXPECT_EQ(alert_objects(kObservedOne, R"({"fingerprint":"x"})").size(), 1u);
}

TEST(AlertRecords, T5_ALinkRoundTripsAndAnOldOneHasNoEpisode) {
  Linked l{hex_of(42), "group", "INC-2026-0001", true, testing::monday()};
  auto back = linked_from(linked_payload(l));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->fingerprint, l.fingerprint);
  EXPECT_EQ(back->group_key, "group");
  EXPECT_EQ(back->incident, "INC-2026-0001");
  EXPECT_TRUE(back->opened);
  EXPECT_EQ(back->starts_at, l.starts_at);
  auto old = linked_from(R"({"fingerprint":"000000000000002a","incident":"INC-2026-0001"})");
  ASSERT_TRUE(old);
  EXPECT_FALSE(old->starts_at);
  EXPECT_FALSE(old->opened);
  EXPECT_FALSE(linked_from("[1]"));
}

TEST(AlertRecords, T5_AFingerprintKeyIsExactlySixteenHexDigits) {
  EXPECT_EQ(key_of("00000000000000ff"), 255u);
  EXPECT_FALSE(key_of("ff"));
  EXPECT_FALSE(key_of("00000000000000fg"));
  EXPECT_FALSE(key_of("000000000000000ff"));
  EXPECT_EQ(hex_of(255), "00000000000000ff");
}

}  // namespace
}  // namespace pactum::engine::alert_records
