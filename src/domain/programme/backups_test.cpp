// B1 daily backups per location and B2 monthly restore tests as programme duties, and B2's success
// rate, with the seed plan (examples/cooperation-plan.yaml: locations "local" and "cloud", the
// technical lead answering for both; Asia/Shanghai).
#include "domain/programme/backups.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "domain/programme/duties.hpp"
#include "domain/programme/waivers.hpp"
#include "testing/example_plan.hpp"

namespace pactum {
namespace {

using testing::at;
using testing::example_plan;

BackupRun run(const std::string& id, const std::string& location, const std::string& finished,
              bool success = true) {
  BackupRun r;
  r.id = id;
  r.location = location;
  r.finished_at = at(finished);
  r.started_at = r.finished_at - std::chrono::minutes(5);
  r.size = 1024;
  r.sha256 = std::string(64, 'a');
  r.success = success;
  return r;
}

RestoreTest restore(const std::string& id, const std::string& held_at, bool success) {
  RestoreTest t;
  t.id = id;
  t.dataset = "pactum";
  t.location = "cloud";
  t.held_at = at(held_at);
  t.duration = *parse_duration("20m");
  t.success = success;
  return t;
}

const Duty* find(const std::vector<Duty>& all, const std::string& rule, const std::string& period,
                 const std::string& subject = "") {
  auto it = std::find_if(all.begin(), all.end(), [&](const Duty& d) {
    return d.rule == rule && d.period == period && d.subject == subject;
  });
  return it == all.end() ? nullptr : &*it;
}

std::vector<Duty> duties(const Programme& p, const std::string& now) {
  const Plan& plan = example_plan();
  return programme_duties(plan, p, year_span(plan.calendar, 2026), at(now));
}

TEST(Backups, B1_ADutyPerLocationPerDayOwnedByTheTechLead) {
  auto all = duties({}, "2026-03-05T09:00:00+08:00");
  auto count = std::count_if(all.begin(), all.end(), [](const Duty& d) { return d.rule == "B1"; });
  const Duty* local = find(all, "B1", "2026-03-05", "local");
  ASSERT_TRUE(local);
  EXPECT_TRUE(find(all, "B1", "2026-03-05", "cloud"));
  EXPECT_EQ(local->owner_role, "tech_lead");
  EXPECT_EQ(local->owner_party, "any");
  // The day ends at midnight in Shanghai, not UTC.
  EXPECT_EQ(local->due, at("2026-03-06T00:00:00+08:00"));
  EXPECT_EQ(local->state, DutyState::open);
  EXPECT_EQ(local->title.en, "Data backup: Local backup room (physically isolated)");
  // Two locations, every day of 2026 up to tomorrow (1 January to 6 March), none further.
  EXPECT_EQ(count, 2 * 65);
  EXPECT_TRUE(find(all, "B1", "2026-03-06", "local"));
  EXPECT_FALSE(find(all, "B1", "2026-03-07", "local"));
}

TEST(Backups, B1_ADayWithoutASuccessfulRunIsBreachedTheNextMet) {
  Programme p;
  p.backup_runs = {run("BR-2026-0001", "local", "2026-03-04T23:30:00+08:00", false),
                   run("BR-2026-0002", "cloud", "2026-03-04T23:40:00+08:00"),
                   // 00:10 in Shanghai is the 5th, though still the 4th in UTC.
                   run("BR-2026-0003", "local", "2026-03-05T00:10:00+08:00")};
  auto all = duties(p, "2026-03-06T09:00:00+08:00");
  const Duty* failed = find(all, "B1", "2026-03-04", "local");
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->state, DutyState::breached) << "a failed run does not meet B1";
  EXPECT_EQ(find(all, "B1", "2026-03-04", "cloud")->state, DutyState::met);
  const Duty* next = find(all, "B1", "2026-03-05", "local");
  EXPECT_EQ(next->state, DutyState::met);
  EXPECT_EQ(next->met_by, std::vector<std::string>{"BR-2026-0003"});
  EXPECT_EQ(find(all, "B1", "2026-03-05", "cloud")->state, DutyState::breached)
      << "a run at one location does not meet another's";
}

TEST(Backups, B1_ADayAtALocationCanBeWaivedWithAReason) {
  Programme p;
  p.waivers = {{"B1", "2026-03-04", "local", "the backup room was being moved"}};
  auto all = duties(p, "2026-03-06T09:00:00+08:00");
  EXPECT_EQ(find(all, "B1", "2026-03-04", "local")->state, DutyState::waived);
  EXPECT_EQ(find(all, "B1", "2026-03-04", "cloud")->state, DutyState::breached);
  EXPECT_TRUE(waiver_error(duties({}, "2026-03-06T09:00:00+08:00"),
                           {"B1", "2026-03-05", "cloud", "planned"})
                  .ok());
}

TEST(Backups, B1_NoLocationsNoBackupDuties) {
  Plan plan = example_plan();
  plan.backups.locations.clear();
  auto all =
      programme_duties(plan, {}, year_span(plan.calendar, 2026), at("2026-03-05T09:00:00+08:00"));
  EXPECT_TRUE(std::none_of(all.begin(), all.end(),
                           [](const Duty& d) { return d.rule == "B1" || d.rule == "B2"; }));
}

TEST(Backups, B2_ARestoreTestAMonthFailedOrNot) {
  Programme p;
  p.restore_tests = {restore("RT-2026-0001", "2026-03-10T10:00:00+08:00", false)};
  auto all = duties(p, "2026-04-02T09:00:00+08:00");
  EXPECT_EQ(find(all, "B2", "2026-03")->state, DutyState::met) << "a test was done";
  EXPECT_EQ(find(all, "B2", "2026-04")->state, DutyState::open);
  EXPECT_EQ(find(all, "B2", "2026-03")->owner_role, "tech_lead");
}

TEST(Backups, B2_SuccessRatePerMonthAndPerYear) {
  const Calendar& cal = example_plan().calendar;
  std::vector<RestoreTest> tests = {
      restore("RT-2026-0003", "2026-04-30T17:00:00Z", true),  // 1 May in Shanghai
      restore("RT-2026-0001", "2026-03-10T10:00:00+08:00", false),
      restore("RT-2026-0002", "2026-03-20T10:00:00+08:00", true),
      restore("RT-2026-0004", "2026-05-20T10:00:00+08:00", true)};
  auto months = restore_success_rates(cal, tests, Period::month);
  ASSERT_EQ(months.size(), 2u);
  EXPECT_EQ(months[0].period, "2026-03");
  EXPECT_EQ(months[0].tests, 2);
  EXPECT_EQ(months[0].succeeded, 1);
  EXPECT_EQ(months[0].per_mille(), 500);
  EXPECT_EQ(months[1].period, "2026-05");
  EXPECT_EQ(months[1].per_mille(), 1000);
  auto years = restore_success_rates(cal, tests, Period::year);
  ASSERT_EQ(years.size(), 1u);
  EXPECT_EQ(years[0].period, "2026");
  EXPECT_EQ(years[0].per_mille(), 750);
  EXPECT_TRUE(restore_success_rates(cal, {}, Period::month).empty());
}

TEST(Backups, B1_AReportNamesWhatIsWrong) {
  const Plan& plan = example_plan();
  Instant now = at("2026-03-05T09:00:00+08:00");
  auto field = [&](BackupRun r) {
    auto e = backup_run_error(plan, r, now);
    return e.ok() ? std::string("(accepted)") : e.error().field;
  };
  BackupRun good = run("", "cloud", "2026-03-05T02:00:00+08:00");
  EXPECT_EQ(field(good), "(accepted)");
  BackupRun r = good;
  r.location = "attic";
  EXPECT_EQ(field(r), "location");
  EXPECT_NE(backup_run_error(plan, r, now).error().message.find("local, cloud"), std::string::npos);
  r = good;
  r.finished_at = r.started_at - std::chrono::seconds(1);
  EXPECT_EQ(field(r), "finished_at");
  r = good;
  r.finished_at = now + std::chrono::minutes(1);
  r.started_at = now;
  EXPECT_EQ(field(r), "finished_at") << "not yet finished";
  for (std::int64_t size : {std::int64_t{-1}, kMaxBackupBytes + 1}) {
    r = good;
    r.size = size;
    EXPECT_EQ(field(r), "size") << size;
  }
  for (std::string sha : {std::string(63, 'a'), std::string(64, 'A'), std::string(64, 'g')}) {
    r = good;
    r.sha256 = sha;
    EXPECT_EQ(field(r), "sha256") << sha;
  }
}

TEST(Backups, B2_ARestoreTestNamesWhatIsWrong) {
  const Plan& plan = example_plan();
  Instant now = at("2026-03-20T09:00:00+08:00");
  RestoreTest good = restore("", "2026-03-10T10:00:00+08:00", true);
  EXPECT_TRUE(restore_test_error(plan, good, now).ok());
  RestoreTest t = good;
  t.dataset = "";
  EXPECT_EQ(restore_test_error(plan, t, now).error().field, "dataset");
  t = good;
  t.location = "attic";
  EXPECT_EQ(restore_test_error(plan, t, now).error().field, "location");
  t = good;
  t.held_at = now + std::chrono::hours(1);
  EXPECT_EQ(restore_test_error(plan, t, now).error().field, "held_at");
  for (const char* d : {"0m", "2wd", "1mo"}) {
    t = good;
    t.duration = *parse_duration(d);
    EXPECT_EQ(restore_test_error(plan, t, now).error().field, "duration") << d;
  }
}

TEST(Backups, B1_RunsAndRestoreTestsRoundTripAsJson) {
  BackupRun r = run("BR-2026-0001", "local", "2026-03-05T02:00:00+08:00", false);
  auto back = backup_run_from_json(backup_run_to_json(r));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->id, r.id);
  EXPECT_EQ(back->started_at, r.started_at);
  EXPECT_EQ(back->finished_at, r.finished_at);
  EXPECT_EQ(back->size, r.size);
  EXPECT_EQ(back->sha256, r.sha256);
  EXPECT_FALSE(back->success);
  EXPECT_EQ(backup_run_to_json(r).at("result").as_string(), "failure");
  RestoreTest t = restore("RT-2026-0001", "2026-03-10T10:00:00+08:00", true);
  auto t2 = restore_test_from_json(restore_test_to_json(t));
  ASSERT_TRUE(t2);
  EXPECT_EQ(t2->duration, t.duration);
  EXPECT_EQ(t2->held_at, t.held_at);
  EXPECT_TRUE(t2->success);
  // The key of a report: the same run reported twice is one record.
  EXPECT_EQ(backup_run_key(r), backup_run_key(*back));
}

}  // namespace
}  // namespace pactum
