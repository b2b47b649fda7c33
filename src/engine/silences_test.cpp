// T5: silences through the engine: recorded on the hash-chained log's "silences" stream, expired
// early by a record of their own, rebuilt from the log after a restart.
#include "engine/silences.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <future>
#include <regex>

#include "store/memory/memory_event_log.hpp"
#include "testing/example_plan.hpp"

namespace pactum::engine {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using testing::at;

class SilencesTest : public ::testing::Test {
 protected:
  store::MemoryEventLog log;
  ManualClock clock{at("2026-03-02T12:00:00Z")};
  std::unique_ptr<Engine> engine = std::make_unique<Engine>(log, clock);
  std::unique_ptr<Silences> silences = std::make_unique<Silences>(*engine, log);
  const Actor ops{"li.na", "A", {}};

  void SetUp() override {
    ASSERT_TRUE(engine->load().ok());
    ASSERT_TRUE(silences->load().ok());
  }
  Silence window(Instant starts, Instant ends) {
    return Silence{
        "", {{"service", MatchOp::equal, "api"}}, starts, ends, "li.na", "database upgrade", {}};
  }
  Result<std::string> create(Silence s, const std::string& replaces = "") {
    std::promise<Result<std::string>> done;
    silences->create(std::move(s), replaces, ops,
                     [&](Result<std::string> r) { done.set_value(std::move(r)); });
    return done.get_future().get();
  }
  Status expire(const std::string& id) {
    std::promise<Status> done;
    silences->expire(id, ops, [&](Status e) { done.set_value(std::move(e)); });
    return done.get_future().get();
  }
  std::vector<std::string> types() {
    std::vector<std::string> out;
    for (const auto& e : log.read_stream("silences").value()) out.push_back(e.type);
    return out;
  }
};

TEST_F(SilencesTest, T5_ASilenceIsRecordedOnTheLogWithAUuid) {
  auto id = create(window(clock.now() - minutes(5), clock.now() + hours(2)));
  ASSERT_TRUE(id.ok()) << id.error().message;
  EXPECT_TRUE(std::regex_match(
      *id, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")))
      << *id;
  EXPECT_EQ(types(), std::vector<std::string>{"silence.created"});
  auto stored = log.read_stream("silences").value().front();
  EXPECT_EQ(stored.actor, R"({"party":"A","roles":[],"user":"li.na"})");
  auto payload = boost::json::parse(stored.payload).as_object();
  EXPECT_EQ(payload.at("matchers"),
            boost::json::parse(R"([{"name":"service","op":"=","value":"api"}])"));
  EXPECT_EQ(payload.at("comment"), "database upgrade");
  auto s = silences->find(*id);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->starts_at, clock.now());  // a start in the past becomes now, as in Alertmanager
  EXPECT_EQ(s->ends_at, clock.now() + hours(2));
  EXPECT_EQ(s->updated_at, clock.now());
  EXPECT_EQ(silence_state(*s, clock.now()), SilenceState::active);
  EXPECT_EQ(engine->applied_seq(), log.head()->seq);  // the engine saw it without reading back
  EXPECT_NE(create(window(clock.now() + hours(1), clock.now() + hours(2))).value(), *id);
  EXPECT_EQ(silences->all()->size(), 2u);
}

TEST_F(SilencesTest, T5_AnInvalidSilenceIsRefusedAndNothingIsWritten) {
  auto r = create(window(clock.now() - hours(3), clock.now() - hours(1)));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(r.error().field, "endsAt");
  EXPECT_TRUE(types().empty());
}

TEST_F(SilencesTest, T5_ExpiringEndsASilenceNowAndIsRecordedOnce) {
  auto active = create(window(clock.now(), clock.now() + hours(2))).value();
  auto pending = create(window(clock.now() + hours(1), clock.now() + hours(2))).value();
  clock.advance(minutes(10));
  EXPECT_TRUE(expire(active).ok());
  EXPECT_TRUE(expire(pending).ok());
  EXPECT_EQ(silences->find(active)->ends_at, clock.now());
  EXPECT_EQ(silences->find(pending)->starts_at, clock.now());  // it never began
  EXPECT_EQ(silence_state(*silences->find(pending), clock.now()), SilenceState::expired);
  EXPECT_EQ(silences->find(active)->updated_at, clock.now());

  auto again = expire(active);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::failed_precondition);
  auto unknown = expire("no-such-silence");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::not_found);
  EXPECT_EQ(types(), (std::vector<std::string>{"silence.created", "silence.created",
                                               "silence.expired", "silence.expired"}));
}

TEST_F(SilencesTest, T5_PostingWithAnIdReplacesThatSilence) {
  auto first = create(window(clock.now(), clock.now() + hours(1))).value();
  clock.advance(minutes(10));
  auto second = create(window(clock.now(), clock.now() + hours(3)), first);
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_NE(*second, first);
  EXPECT_EQ(silences->find(first)->ends_at, clock.now());
  EXPECT_EQ(silences->find(*second)->ends_at, clock.now() + hours(3));
  auto created = boost::json::parse(log.read_stream("silences").value().back().payload).as_object();
  EXPECT_EQ(created.at("replaces"), first.c_str());
  auto unknown = create(window(clock.now(), clock.now() + hours(3)), "no-such-silence");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::not_found);
}

TEST_F(SilencesTest, T5_SilencesAreRebuiltFromTheLogAfterARestart) {
  auto kept = create(window(clock.now(), clock.now() + hours(2))).value();
  auto ended = create(window(clock.now(), clock.now() + hours(2))).value();
  clock.advance(minutes(10));
  ASSERT_TRUE(expire(ended).ok());
  auto before = *silences->all();

  engine = std::make_unique<Engine>(log, clock);
  ASSERT_TRUE(engine->load().ok());
  silences = std::make_unique<Silences>(*engine, log);
  ASSERT_TRUE(silences->load().ok());
  auto after = *silences->all();
  ASSERT_EQ(after.size(), 2u);
  for (std::size_t i = 0; i < after.size(); ++i) {
    EXPECT_EQ(after[i].id, before[i].id);
    EXPECT_EQ(after[i].starts_at, before[i].starts_at);
    EXPECT_EQ(after[i].ends_at, before[i].ends_at);
    EXPECT_EQ(after[i].updated_at, before[i].updated_at);
    EXPECT_EQ(after[i].comment, before[i].comment);
    EXPECT_EQ(after[i].matchers.size(), 1u);
  }
  EXPECT_EQ(silence_state(*silences->find(kept), clock.now()), SilenceState::active);
  EXPECT_EQ(silence_state(*silences->find(ended), clock.now()), SilenceState::expired);
}

}  // namespace
}  // namespace pactum::engine
