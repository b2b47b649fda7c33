#include "engine/transparency.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "domain/evidence/testing.hpp"
#include "engine/checkpoint_issuer.hpp"
#include "engine/engine.hpp"
#include "store/memory/memory_checkpoints.hpp"
#include "store/memory/memory_event_log.hpp"
#include "testing/example_plan.hpp"

namespace pactum::engine {
namespace {

using evidence::testing::seed_of;
using testing::actor;
using testing::at;

const Actor kAdminB{"leader-b", "B", {"leader"}};

class TransparencyTest : public ::testing::Test {
 protected:
  store::MemoryEventLog log;
  store::MemoryCheckpoints checkpoints;
  ManualClock clock{testing::monday()};
  Engine engine{log, clock};
  std::unique_ptr<Transparency> tlog;

  void SetUp() override {
    tlog = open(log);
    engine.subscribe([this](const store::RecordedEvent& e) { tlog->observe(e); });  // as serve
    ASSERT_TRUE(engine.load().ok());
    ASSERT_TRUE(tlog->check().ok());
    ASSERT_TRUE(engine.activate_plan(testing::example_plan_yaml(), Actor{"admin", "A", {}}).ok());
  }

  // What a restart over `over` finds: a fresh engine loads it with a transparency log subscribed.
  Status check_after_restart(store::EventLog& over) {
    auto restarted_tlog = open(over);
    Engine restarted(over, clock);
    restarted.subscribe([&](const store::RecordedEvent& e) { restarted_tlog->observe(e); });
    EXPECT_TRUE(restarted.load().ok());
    return restarted_tlog->check();
  }

  std::unique_ptr<Transparency> open(store::EventLog& over) {
    return std::make_unique<Transparency>(over, checkpoints, clock, "pactum.test/log", seed_of(1),
                                          [this](auto records) { engine.observe(records); });
  }

  void report() {
    cmd::Report r{"", "T1", "T1.outage", "系统瘫痪", "全部", "断电", clock.now(), "A", ""};
    ASSERT_TRUE(engine.execute_and_wait("", r, actor("a-li")).ok());
  }

  evidence::VerifierKey witness_key() {
    return {"party-b.test/witness", evidence::kCosignature, evidence::public_key_of(seed_of(2))};
  }

  std::string cosigned(const store::StoredCheckpoint& c, const evidence::Seed& seed) {
    auto note = evidence::parse_note(c.note).value();
    auto line = evidence::signature_line(
        evidence::cosign(note.text, "party-b.test/witness", seed, 1772413200));
    return c.note + line;
  }
};

TEST_F(TransparencyTest, ACheckpointSignsTheTreeOfEveryEventSoFar) {
  report();
  report();
  EXPECT_EQ(tlog->size(), 3u);  // the plan and two reports
  auto c = tlog->checkpoint();
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->size, 3);
  auto note = evidence::parse_note(c->note).value();
  EXPECT_TRUE(evidence::verify(note, tlog->log_key()).ok());
  auto checkpoint = evidence::parse_checkpoint(note.text).value();
  evidence::MerkleTree expected;
  for (const auto& e : log.read(0, 10).value()) {
    expected.append(evidence::leaf_hash(*evidence::hash_from_hex(e.hash)));
  }
  EXPECT_EQ(checkpoint.root, expected.root());
  EXPECT_EQ(tlog->checkpoint()->note, c->note) << "no new events: the same checkpoint";
}

TEST_F(TransparencyTest, ProofsOfTheTreeVerify) {
  for (int i = 0; i < 5; ++i) report();
  auto old = tlog->checkpoint().value();
  for (int i = 0; i < 3; ++i) report();
  auto now = tlog->checkpoint().value();
  auto root = [](const store::StoredCheckpoint& c) {
    return evidence::parse_checkpoint(evidence::parse_note(c.note)->text)->root;
  };
  auto proof = tlog->consistency_proof(old.size, now.size);
  ASSERT_TRUE(proof.ok()) << proof.error().message;
  EXPECT_TRUE(evidence::verify_consistency(old.size, now.size, root(old), root(now), *proof));
  auto events = log.read(0, 100).value();
  auto inclusion = tlog->inclusion_proof(2, now.size).value();
  EXPECT_TRUE(
      evidence::verify_inclusion(evidence::leaf_hash(*evidence::hash_from_hex(events[2].hash)), 2,
                                 now.size, inclusion, root(now)));
}

TEST_F(TransparencyTest, AWitnessIsRegisteredOnceAndItsCosignatureKept) {
  auto w = tlog->register_witness("B", witness_key().vkey(), kAdminB);
  ASSERT_TRUE(w.ok()) << w.error().message;
  EXPECT_EQ(tlog->witnesses().size(), 1u);
  EXPECT_EQ(tlog->witnesses()[0].party, "B");
  EXPECT_EQ(tlog->register_witness("B", witness_key().vkey(), kAdminB).error().code,
            ErrorCode::conflict);
  auto c = tlog->checkpoint().value();  // it covers the registration too
  auto kept = tlog->add_cosignatures(cosigned(c, seed_of(2)));
  ASSERT_TRUE(kept.ok()) << kept.error().message;
  EXPECT_EQ(*kept, std::vector<std::string>{"party-b.test/witness"});
  auto served = Transparency::served(tlog->latest().value().value());
  auto note = evidence::parse_note(served).value();
  EXPECT_EQ(evidence::verify(note, witness_key()).value(), 1772413200u);
  EXPECT_TRUE(evidence::verify(note, tlog->log_key()).ok());
}

TEST_F(TransparencyTest, ForgedOrStrayCosignaturesAreRefused) {
  ASSERT_TRUE(tlog->register_witness("B", witness_key().vkey(), kAdminB).ok());
  auto c = tlog->checkpoint().value();
  auto forged = tlog->add_cosignatures(cosigned(c, seed_of(9)));  // the witness's name, another key
  ASSERT_FALSE(forged.ok());
  EXPECT_NE(forged.error().message.find("no cosignature by a registered witness"),
            std::string::npos);
  auto no_witness = tlog->add_cosignatures(c.note);
  ASSERT_FALSE(no_witness.ok());
  report();
  std::string other = cosigned(c, seed_of(2));
  other.replace(other.find('\n') + 1, 1, "9");  // another size
  EXPECT_FALSE(tlog->add_cosignatures(other).ok());
  EXPECT_TRUE(tlog->latest().value()->cosignatures.empty());
  EXPECT_FALSE(tlog->register_witness("B", tlog->log_key().vkey(), kAdminB).ok())
      << "a log key is no witness key";
}

TEST_F(TransparencyTest, ALogThatNoLongerExtendsItsCheckpointIsRefusedAtLoad) {
  report();
  report();
  ASSERT_TRUE(tlog->checkpoint().ok());  // 3 events
  store::MemoryEventLog shorter;         // the same plan, one report: a cut log
  Engine other(shorter, clock);
  ASSERT_TRUE(other.load().ok());
  ASSERT_TRUE(other.activate_plan(testing::example_plan_yaml(), Actor{"admin", "A", {}}).ok());
  auto cut = check_after_restart(shorter);
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.error().code, ErrorCode::failed_precondition);
  EXPECT_NE(cut.error().message.find("events 2 to 3 have been removed"), std::string::npos)
      << cut.error().message;
  cmd::Report r{"", "T1", "T1.outage", "另一事件", "部分", "未知", clock.now(), "A", ""};
  ASSERT_TRUE(other.execute_and_wait("", r, actor("a-li")).ok());
  ASSERT_TRUE(other.execute_and_wait("", r, actor("a-li")).ok());
  auto rewritten = check_after_restart(shorter);  // as long, but other events
  ASSERT_FALSE(rewritten.ok());
  EXPECT_NE(rewritten.error().message.find("has been rewritten"), std::string::npos)
      << rewritten.error().message;
}

TEST_F(TransparencyTest, AClosedIncidentIsCheckpointedAtOnceNotAfterTheInterval) {
  CheckpointIssuer issuer(engine, *tlog, std::chrono::hours(1), [](const Error&) {});
  issuer.start();
  auto size_of_latest = [&] {
    auto latest = tlog->latest().value();
    return latest ? latest->size : 0;
  };
  for (int i = 0; i < 200 && size_of_latest() != 1; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(size_of_latest(), 1) << "the first round checkpoints what there is";
  report();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(size_of_latest(), 1) << "a report waits for the interval";
  store::RecordedEvent closed;
  closed.type = "incident.closed";
  EXPECT_TRUE(checkpoint_at_once(closed));
  ASSERT_TRUE(tlog->register_witness("B", witness_key().vkey(), kAdminB).ok());
  for (int i = 0; i < 500 && size_of_latest() != 3; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(size_of_latest(), 3) << "a witness registered is checkpointed at once";
  issuer.stop();
}

}  // namespace
}  // namespace pactum::engine
