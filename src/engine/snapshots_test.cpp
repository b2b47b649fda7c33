#include "engine/snapshots.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "domain/evidence/testing.hpp"
#include "engine/image_bytes.hpp"
#include "store/memory/memory_checkpoints.hpp"
#include "store/memory/memory_event_log.hpp"
#include "store/testing.hpp"
#include "testing/example_plan.hpp"

namespace pactum::engine {
namespace {

using evidence::testing::seed_of;
using std::chrono::minutes;
using testing::actor;

// One server's read model over a log, wired as `serve` wires it: the transparency log subscribed
// before the engine loads, snapshots in `dir`.
struct Node {
  Node(store::EventLog& log, const Clock& clock, const std::string& dir, std::int64_t every = 1000)
      : engine(log, clock),
        tlog(log, checkpoints, clock, "pactum.test/log", seed_of(1),
             [this](auto records) { engine.observe(std::move(records)); }),
        snapshots(engine, tlog, log, store::SnapshotFiles(dir), every) {
    engine.subscribe([this](const store::RecordedEvent& e) { tlog.observe(e); });
  }
  // What the engine and the tree hold, as bytes: equal bytes are equal read models, since the
  // image writes every field (state_image.cpp checks it was written for all of them).
  std::string image() {
    image::Writer w;
    EXPECT_TRUE(engine.write_image(w, [this](image::Writer& t) { tlog.write_image(t); }));
    return w.take();
  }

  store::MemoryCheckpoints checkpoints;
  Engine engine;
  Transparency tlog;
  Snapshots snapshots;
};

class SnapshotsTest : public ::testing::Test {
 protected:
  store::testing::TestDirectory dir{"snapshots"};
  store::MemoryEventLog log;
  ManualClock clock{testing::monday()};
  Node writer{log, clock, dir.file("snapshots")};

  void SetUp() override {
    ASSERT_TRUE(writer.engine.load().ok());
    ASSERT_TRUE(
        writer.engine.activate_plan(testing::example_plan_yaml(), Actor{"admin", "A", {}}).ok());
  }

  // Incidents in every stage the read model keeps apart: synced, assessed (a major one, with its
  // steps), noted, breached and escalated by the scheduler, retried by key, cancelled.
  void record_incidents(int n) {
    for (int i = 0; i < n; ++i, ++reports_) {
      cmd::Report r{"",     "T1",   "T1.outage", "订单系统无法访问 " + std::to_string(i),
                    "全部", "断电", clock.now(), "A",
                    ""};
      auto reported = writer.engine.execute_and_wait("", r, actor("a-li"),
                                                     "report-" + std::to_string(reports_));
      ASSERT_TRUE(reported.ok()) << reported.error().message;
      std::string id = reported->incident_id;
      if (i % 3 == 0) {
        ASSERT_TRUE(writer.engine.execute_and_wait(id, cmd::Sync{"已同步"}, actor("a-liu")).ok());
      }
      if (i % 3 == 1) {
        ASSERT_TRUE(
            writer.engine
                .execute_and_wait(id, cmd::Assess{"severe", "safety", "", ""}, actor("a-zhang"))
                .ok());
      }
      ASSERT_TRUE(
          writer.engine.execute_and_wait(id, cmd::AddNote{"处置进展"}, actor("b-sun")).ok());
      if (i % 3 == 2) {
        ASSERT_TRUE(writer.engine.execute_and_wait(id, cmd::Cancel{"误报"}, actor("a-zhang")).ok());
      }
    }
    clock.advance(minutes(61));  // the P2 syncs were due: breaches and escalation waves
    writer.engine.tick();
  }

  int reports_ = 0;  // each report's request key is its own

  std::string snapshot_file(std::int64_t seq) {
    return store::SnapshotFiles(dir.file("snapshots")).path(seq);
  }
};

TEST_F(SnapshotsTest, AStartFromASnapshotEqualsAFullReplay) {
  record_incidents(6);
  ASSERT_TRUE(writer.snapshots.take().ok());
  std::int64_t taken = writer.engine.applied_seq();
  record_incidents(4);  // after the snapshot: replayed on top of it

  Node replayed(log, clock, dir.file("elsewhere"));  // no snapshot there: the whole log
  EXPECT_EQ(replayed.snapshots.restore(), 0);
  ASSERT_TRUE(replayed.engine.load().ok());
  Node restored(log, clock, dir.file("snapshots"));
  EXPECT_EQ(restored.snapshots.restore(), taken);
  ASSERT_TRUE(restored.engine.load().ok());

  EXPECT_EQ(restored.engine.applied_seq(), log.head()->seq);
  EXPECT_EQ(restored.tlog.size(), static_cast<std::uint64_t>(log.head()->seq));
  EXPECT_TRUE(restored.tlog.check().ok());
  EXPECT_EQ(restored.image(), replayed.image());
  EXPECT_EQ(restored.image(), writer.image());
  EXPECT_EQ(restored.engine.incidents().size(), 10u);
}

TEST_F(SnapshotsTest, TheRestoredEngineGoesOnAsTheOldOne) {
  record_incidents(3);
  ASSERT_TRUE(writer.snapshots.take().ok());
  Node restored(log, clock, dir.file("snapshots"));
  ASSERT_GT(restored.snapshots.restore(), 0);
  ASSERT_TRUE(restored.engine.load().ok());
  // Incident numbers go on from the snapshot's; a retried request is still answered by its key.
  cmd::Report r{"", "T1", "T1.outage", "新的故障", "全部", "断电", clock.now(), "A", ""};
  auto next = restored.engine.execute_and_wait("", r, actor("a-li"));
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->incident_id, "INC-2026-0004");
  auto retry = restored.engine.execute_and_wait("", r, actor("a-li"), "report-0");
  ASSERT_TRUE(retry.ok());
  EXPECT_TRUE(retry->duplicate);
  EXPECT_EQ(retry->incident_id, "INC-2026-0001");
}

TEST_F(SnapshotsTest, WithoutASnapshotTheWholeLogIsReplayed) {
  record_incidents(2);
  Node restored(log, clock, dir.file("snapshots"));
  EXPECT_EQ(restored.snapshots.restore(), 0);
  ASSERT_TRUE(restored.engine.load().ok());
  EXPECT_EQ(restored.image(), writer.image());
}

TEST_F(SnapshotsTest, ASnapshotOfAnotherLogIsStaleAndTheLogIsReplayed) {
  record_incidents(2);
  ASSERT_TRUE(writer.snapshots.take().ok());
  std::int64_t seq = writer.engine.applied_seq();
  // Another log at least as long (another installation, a backup restored): other hashes.
  store::MemoryEventLog other;
  Node elsewhere(other, clock, dir.file("other"));
  ASSERT_TRUE(elsewhere.engine.load().ok());
  ASSERT_TRUE(
      elsewhere.engine.activate_plan(testing::example_plan_yaml(), Actor{"admin", "B", {}}).ok());
  while (elsewhere.engine.applied_seq() < seq) {
    cmd::Report r{"", "T1", "T1.outage", "别处", "全部", "断电", clock.now(), "A", ""};
    ASSERT_TRUE(elsewhere.engine.execute_and_wait("", r, actor("a-li")).ok());
  }
  Node restored(other, clock, dir.file("snapshots"));
  auto refused = restored.snapshots.restore_from(seq);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("stale"), std::string::npos) << refused.error().message;
  EXPECT_EQ(restored.snapshots.restore(), 0);
  ASSERT_TRUE(restored.engine.load().ok());
  EXPECT_EQ(restored.image(), elsewhere.image());
}

TEST_F(SnapshotsTest, ASnapshotAheadOfTheLogIsStale) {
  record_incidents(2);
  ASSERT_TRUE(writer.snapshots.take().ok());
  std::int64_t seq = writer.engine.applied_seq();
  store::MemoryEventLog shorter;  // e.g. the data directory restored from an older backup
  Node restored(shorter, clock, dir.file("snapshots"));
  auto refused = restored.snapshots.restore_from(seq);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("the log is shorter"), std::string::npos)
      << refused.error().message;
  EXPECT_EQ(restored.snapshots.restore(), 0);
  EXPECT_EQ(restored.engine.applied_seq(), 0);
}

TEST_F(SnapshotsTest, ADamagedSnapshotIsNotUsedAndTheLogIsReplayed) {
  record_incidents(3);
  ASSERT_TRUE(writer.snapshots.take().ok());
  std::int64_t seq = writer.engine.applied_seq();
  {
    std::fstream f(snapshot_file(seq), std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(std::filesystem::file_size(snapshot_file(seq)) / 2));
    f.put('\x7f');
  }
  Node restored(log, clock, dir.file("snapshots"));
  auto refused = restored.snapshots.restore_from(seq);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("damaged"), std::string::npos) << refused.error().message;
  EXPECT_EQ(restored.engine.applied_seq(), 0) << "nothing of it was restored";
  EXPECT_EQ(restored.snapshots.restore(), 0);
  ASSERT_TRUE(restored.engine.load().ok());
  EXPECT_EQ(restored.image(), writer.image());
}

TEST_F(SnapshotsTest, ASnapshotCutShortOrOfAnotherFormatIsNotUsed) {
  record_incidents(2);
  ASSERT_TRUE(writer.snapshots.take().ok());
  std::int64_t seq = writer.engine.applied_seq();
  std::string bytes((*store::SnapshotFiles(dir.file("snapshots")).read(seq))->bytes());
  Node restored(log, clock, dir.file("snapshots"));

  std::string newer = bytes;
  newer[16] = static_cast<char>(kSnapshotFormat + 1);  // the format's low byte
  std::ofstream(snapshot_file(seq), std::ios::binary) << newer;
  auto refused = restored.snapshots.restore_from(seq);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message, "snapshot format 2; this version of Pactum reads format 1");

  std::ofstream(snapshot_file(seq), std::ios::binary) << bytes.substr(0, bytes.size() / 3);
  refused = restored.snapshots.restore_from(seq);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("damaged"), std::string::npos) << refused.error().message;

  std::ofstream(snapshot_file(seq), std::ios::binary) << "SQLite format 3";
  refused = restored.snapshots.restore_from(seq);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("not a snapshot"), std::string::npos);
  EXPECT_EQ(restored.engine.applied_seq(), 0);
}

TEST_F(SnapshotsTest, TheNewestUsableSnapshotIsUsedAndTwoAreKept) {
  record_incidents(2);
  ASSERT_TRUE(writer.snapshots.take().ok());
  std::int64_t first = writer.engine.applied_seq();
  record_incidents(1);
  ASSERT_TRUE(writer.snapshots.take().ok());
  std::int64_t second = writer.engine.applied_seq();
  std::ofstream(snapshot_file(second), std::ios::binary) << "damaged";
  Node restored(log, clock, dir.file("snapshots"));
  EXPECT_EQ(restored.snapshots.restore(), first) << "the newest is damaged: the one before";
  ASSERT_TRUE(restored.engine.load().ok());
  EXPECT_EQ(restored.image(), writer.image());

  record_incidents(1);
  ASSERT_TRUE(writer.snapshots.take().ok());
  EXPECT_EQ(store::SnapshotFiles(dir.file("snapshots")).seqs(),
            (std::vector<std::int64_t>{writer.engine.applied_seq(), second}));
}

TEST_F(SnapshotsTest, NoneIsTakenOrReadWhenTurnedOff) {
  record_incidents(1);
  ASSERT_TRUE(writer.snapshots.take().ok());
  Node off(log, clock, dir.file("snapshots"), 0);
  EXPECT_EQ(off.snapshots.restore(), 0);
  EXPECT_EQ(off.engine.applied_seq(), 0);
}

TEST_F(SnapshotsTest, TheThreadTakesOneEveryNEventsAndOneAtTheEnd) {
  Node node(log, clock, dir.file("periodic"), 5);
  ASSERT_TRUE(node.engine.load().ok());
  node.snapshots.start();  // the log holds fewer than 5 events: none at once
  record_incidents(4);     // by the writer: this node applies them when it catches up
  ASSERT_TRUE(node.engine.catch_up().ok());
  node.snapshots.stop();
  auto seqs = store::SnapshotFiles(dir.file("periodic")).seqs();
  ASSERT_FALSE(seqs.empty());
  EXPECT_EQ(seqs.front(), log.head()->seq) << "the last one is taken at the end";
}

TEST_F(SnapshotsTest, NoneIsTakenAtTheEndForAHandfulOfEvents) {
  Node node(log, clock, dir.file("few"), 100000);
  ASSERT_TRUE(node.engine.load().ok());
  node.snapshots.start();
  record_incidents(2);
  ASSERT_TRUE(node.engine.catch_up().ok());
  node.snapshots.stop();
  EXPECT_TRUE(store::SnapshotFiles(dir.file("few")).seqs().empty());
}

}  // namespace
}  // namespace pactum::engine
