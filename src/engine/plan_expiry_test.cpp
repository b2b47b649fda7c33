// G5: the plan expires with the agreement (the example's ends on 2028-12-31, Asia/Shanghai): the
// expiry and the archive are recorded once, across restarts, and the archive's digest is copied
// to the main contacts; G2's new-version duty through the engine.
#include "engine/plan_expiry.hpp"

#include <gtest/gtest.h>

#include <future>

#include "testing/engine_fixture.hpp"
#include "testing/example_plan.hpp"

namespace pactum::engine {
namespace {

using testing::at;

class PlanExpiryTest : public testing::EngineFixture {
 protected:
  PlanExpiryTest() : EngineFixture(at("2028-12-31T22:00:00+08:00")) {}
  ProgrammeRecords programme{engine, log};
  int bundles = 0;
  bool disk_full = false;

  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(EngineFixture::SetUp());
    ASSERT_TRUE(programme.load().ok());
  }

  std::unique_ptr<PlanExpiry> open() {
    auto e = std::make_unique<PlanExpiry>(engine, log, &programme,
                                          [this](Instant) -> Result<PlanExpiry::Bundle> {
                                            if (disk_full)
                                              return Error{ErrorCode::unavailable, "disk full", ""};
                                            ++bundles;
                                            return PlanExpiry::Bundle{"archive.tar", "ab12"};
                                          });
    EXPECT_TRUE(e->load().ok());
    return e;
  }

  std::vector<store::RecordedEvent> of_type(const std::string& type) {
    std::vector<store::RecordedEvent> out;
    auto all = log.read(0, 10000);  // kept: a loop over *log.read() would outlive the result
    for (const auto& e : *all) {
      if (e.type == type) out.push_back(e);
    }
    return out;
  }
};

TEST_F(PlanExpiryTest, G5_NothingHappensBeforeTheEndOfTheAgreementsLastDay) {
  auto expiry = open();
  EXPECT_EQ(expiry->step(), at("2029-01-01T00:00:00+08:00")) << "wakes at the end";
  EXPECT_FALSE(expiry->status().expired);
  EXPECT_EQ(expiry->status().ends, "2028-12-31");
  EXPECT_TRUE(of_type("plan.expired").empty());
}

TEST_F(PlanExpiryTest, G5_TheExpiryAndTheArchiveAreRecordedOnceAcrossARestart) {
  auto report =
      engine.execute_and_wait("",
                              cmd::Report{"", "T1", "T1.outage", "系统瘫痪", "全部业务", "机房断电",
                                          at("2028-12-31T21:50:00+08:00"), "A", ""},
                              testing::actor("a-li"));
  ASSERT_TRUE(report.ok()) << report.error().message;
  auto expiry = open();
  clock.set(at("2029-01-01T00:00:00+08:00"));
  EXPECT_EQ(expiry->step(), std::nullopt);
  auto expired = of_type("plan.expired");
  ASSERT_EQ(expired.size(), 1u);
  EXPECT_NE(expired[0].payload.find("\"ends\":\"2028-12-31\""), std::string::npos)
      << expired[0].payload;
  EXPECT_NE(
      expired[0].payload.find("{\"incident\":\"" + report->incident_id + "\",\"key\":\"assess\""),
      std::string::npos)
      << expired[0].payload;
  ASSERT_EQ(of_type("plan.archived").size(), 1u);
  EXPECT_NE(of_type("plan.archived")[0].payload.find("\"sha256\":\"ab12\""), std::string::npos);
  auto status = expiry->status();
  EXPECT_TRUE(status.expired);
  EXPECT_EQ(status.archive_sha256, "ab12");

  int copies = 0;
  auto messages = log.due_messages(at("2030-01-01T00:00:00Z"), 100);
  for (const auto& m : *messages) {
    if (m.kind != "archived") continue;
    ++copies;
    EXPECT_NE(m.body.find("SHA-256: ab12"), std::string::npos) << m.body;
    EXPECT_NE(m.body.find("档案管理部门"), std::string::npos) << m.body;
  }
  EXPECT_GE(copies, 2) << "both parties' main contacts";

  clock.set(at("2029-01-02T00:00:00+08:00"));
  EXPECT_EQ(expiry->step(), std::nullopt);
  auto restarted = open();
  EXPECT_EQ(restarted->status().archive_sha256, "ab12");
  EXPECT_EQ(restarted->step(), std::nullopt);
  EXPECT_EQ(of_type("plan.expired").size(), 1u);
  EXPECT_EQ(of_type("plan.archived").size(), 1u);
  EXPECT_EQ(bundles, 1);
}

TEST_F(PlanExpiryTest, G5_ABundleThatCannotBeWrittenIsTriedAgain) {
  auto expiry = open();
  clock.set(at("2029-01-01T08:00:00+08:00"));
  disk_full = true;
  EXPECT_EQ(expiry->step(), at("2029-01-01T08:01:00+08:00"));
  EXPECT_EQ(of_type("plan.expired").size(), 1u);
  EXPECT_TRUE(of_type("plan.archived").empty());
  disk_full = false;
  EXPECT_EQ(expiry->step(), std::nullopt);
  EXPECT_EQ(of_type("plan.expired").size(), 1u);
  EXPECT_EQ(of_type("plan.archived").size(), 1u);
}

TEST_F(PlanExpiryTest, G2_ANewVersionInForceMeetsTheDutyAfterAReviewThatFoundChanges) {
  clock.set(at("2028-06-01T12:00:00+08:00"));
  MeetingRecord review;
  review.meeting = kAnnualReviewMeeting;
  review.held_at = at("2028-05-20T10:00:00+08:00");
  review.participants = {"a-zhang", "b-wang"};
  review.outcome = "changes_proposed";
  std::promise<Result<std::string>> recorded;
  programme.record_meeting(review, testing::actor("a-zhang"),
                           [&](Result<std::string> r) { recorded.set_value(std::move(r)); });
  auto id = recorded.get_future().get();
  ASSERT_TRUE(id.ok()) << id.error().message;
  std::vector<VersionInForce> versions{{1, at("2026-01-01T00:00:00+08:00")}};
  programme.versions_from([&] { return versions; });
  auto duty = [&] {
    auto duties = programme.duties(2028);
    for (const auto& d : *duties) {
      if (d.rule == "G2" && d.subject == *id) return d;
    }
    ADD_FAILURE() << "no G2 duty for " << *id;
    return Duty{};
  };
  EXPECT_EQ(duty().state, DutyState::open);
  EXPECT_EQ(duty().due, at("2029-02-01T00:00:00+08:00"));
  versions.push_back({2, at("2028-07-01T00:00:00+08:00")});
  EXPECT_EQ(duty().state, DutyState::met);
}

}  // namespace
}  // namespace pactum::engine
