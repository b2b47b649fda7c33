// Action items tracked to completion: a drill's improvements (V2) and a meeting's actions (M1),
// with the seed plan's roles (its leaders may complete any item: permissions.complete_item).
#include "domain/programme/action_items.hpp"

#include <gtest/gtest.h>

#include "domain/programme/duties.hpp"
#include "domain/programme/record_rules.hpp"
#include "testing/example_plan.hpp"

namespace pactum {
namespace {

using testing::actor;
using testing::at;
using testing::example_plan;

const date::local_days kJuly1{date::year{2026} / 7 / 1};

Programme with_drill() {
  DrillRecord d;
  d.id = "DR-2026-0001";
  d.kind = "tabletop";
  d.scenario = "technical_failure";
  d.held_at = at("2026-05-20T10:00:00+08:00");
  d.participants = {"a-zhang", "b-wang"};
  d.improvements = {{"Print the deputies' numbers", "communications_lead", "A", kJuly1},
                    {"Test the backup line", "tech_lead", "B", kJuly1}};
  MeetingRecord m;
  m.id = "MT-2026-0001";
  m.meeting = "quarterly";
  m.held_at = at("2026-04-10T10:00:00+08:00");
  m.participants = {"a-liu", "b-wu"};
  m.actions = {{"Update the contact sheet", "communications_lead", "B", kJuly1}};
  Programme p;
  p.drills = {d};
  p.meetings = {m};
  return p;
}

TEST(ActionItems, V2_AnItemsIdIsItsRecordsAndItsPlace) {
  EXPECT_EQ(item_id("DR-2026-0001", 0), "DR-2026-0001.1");
  EXPECT_EQ(item_id("MT-2026-0003", 1), "MT-2026-0003.2");
}

TEST(ActionItems, V2_OpenUntilTheEndOfItsDueDayInShanghaiThenOverdueUnlessDone) {
  const Plan& plan = example_plan();
  Programme p = with_drill();
  const ActionItem& item = p.drills[0].improvements[0];
  EXPECT_EQ(item_due(plan.calendar, item), at("2026-07-02T00:00:00+08:00"));
  EXPECT_EQ(item_state(plan.calendar, p, "DR-2026-0001.1", item, at("2026-07-01T23:59:59+08:00")),
            ItemState::open);
  EXPECT_EQ(item_state(plan.calendar, p, "DR-2026-0001.1", item, at("2026-07-02T00:00:00+08:00")),
            ItemState::overdue);
  p.completions.push_back({"DR-2026-0001.1", "Printed", at("2026-08-01T09:00:00+08:00"), "a-liu"});
  EXPECT_EQ(item_state(plan.calendar, p, "DR-2026-0001.1", item, at("2026-08-02T00:00:00+08:00")),
            ItemState::done);
}

TEST(ActionItems, V2_TheOwnerOfItsPartyOrALeaderCompletesIt) {
  const Plan& plan = example_plan();
  Programme p = with_drill();
  Instant now = at("2026-06-01T12:00:00+08:00");
  auto done = complete_item(plan, p, {"DR-2026-0001", "improvements", 1}, "Printed and pinned",
                            actor("a-liu"), now);
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_EQ(done->item, "DR-2026-0001.1");
  EXPECT_EQ(done->by, "a-liu");
  EXPECT_EQ(done->at, now);
  // B's communications lead holds the role but not for party A; A's finance lead holds neither.
  for (const char* who : {"b-wu", "a-wang"}) {
    auto r = complete_item(plan, p, {"DR-2026-0001", "improvements", 1}, "x", actor(who), now);
    ASSERT_FALSE(r.ok()) << who;
    EXPECT_EQ(r.error().code, ErrorCode::permission_denied) << who;
  }
  // Either party's leader may (permissions.complete_item: [leader]).
  EXPECT_TRUE(
      complete_item(plan, p, {"DR-2026-0001", "improvements", 2}, "Tested", actor("a-zhang"), now)
          .ok());
  EXPECT_FALSE(complete_item(plan, p, {"DR-2026-0001", "improvements", 1}, "x",
                             Actor{"system:scheduler", "", {}}, now)
                   .ok());
}

TEST(ActionItems, V2_RefusalsNameWhatIsWrong) {
  const Plan& plan = example_plan();
  Programme p = with_drill();
  Instant now = at("2026-06-01T12:00:00+08:00");
  auto r = complete_item(plan, p, {"DR-2026-0001", "improvements", 3}, "x", actor("a-zhang"), now);
  EXPECT_EQ(r.error().code, ErrorCode::not_found);
  EXPECT_EQ(r.error().field, "n");
  r = complete_item(plan, p, {"DR-2026-0009", "improvements", 1}, "x", actor("a-zhang"), now);
  EXPECT_EQ(r.error().code, ErrorCode::not_found);
  r = complete_item(plan, p, {"DR-2026-0001", "improvements", 1}, "  ", actor("a-liu"), now);
  EXPECT_EQ(r.error().field, "note");
  p.completions.push_back({"DR-2026-0001.1", "Printed", now, "a-liu"});
  r = complete_item(plan, p, {"DR-2026-0001", "improvements", 1}, "again", actor("a-liu"), now);
  EXPECT_EQ(r.error().code, ErrorCode::conflict);
}

TEST(ActionItems, M1_AMeetingsActionsAreTrackedTheSameWay) {
  const Plan& plan = example_plan();
  Programme p = with_drill();
  Instant now = at("2026-06-01T12:00:00+08:00");
  auto r = complete_item(plan, p, {"MT-2026-0001", "actions", 1}, "Sent", actor("b-wu"), now);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->item, "MT-2026-0001.1");
  // A drill has improvements, not actions.
  EXPECT_EQ(complete_item(plan, p, {"DR-2026-0001", "actions", 1}, "x", actor("a-zhang"), now)
                .error()
                .code,
            ErrorCode::not_found);
  MeetingRecord bad = p.meetings[0];
  bad.actions[0].owner_party = "C";
  EXPECT_EQ(meeting_error(plan, bad, now).error().field, "actions[0].owner_party");
  bad.actions[0].text = "";
  EXPECT_EQ(meeting_error(plan, bad, now).error().field, "actions[0].text");
}

TEST(ActionItems, V2_EachImprovementIsADutyMetByItsCompletionInTime) {
  const Plan& plan = example_plan();
  Programme p = with_drill();
  p.completions.push_back({"DR-2026-0001.1", "Printed", at("2026-06-30T09:00:00+08:00"), "a-liu"});
  p.completions.push_back({"DR-2026-0001.2", "Tested", at("2026-07-05T09:00:00+08:00"), "b-zhou"});
  auto duties =
      programme_duties(plan, p, year_span(plan.calendar, 2026), at("2026-07-10T00:00:00+08:00"));
  auto find = [&](const std::string& subject) {
    auto it = std::find_if(duties.begin(), duties.end(),
                           [&](const Duty& d) { return d.subject == subject; });
    EXPECT_NE(it, duties.end()) << subject;
    return it == duties.end() ? Duty{} : *it;
  };
  Duty first = find("DR-2026-0001.1");
  EXPECT_EQ(first.rule, "V2");
  EXPECT_EQ(first.period, "2026-07-01");
  EXPECT_EQ(first.owner_role, "communications_lead");
  EXPECT_EQ(first.owner_party, "A");
  EXPECT_EQ(first.title.en, "Improvement: Print the deputies' numbers");
  EXPECT_EQ(first.due, at("2026-07-02T00:00:00+08:00"));
  EXPECT_EQ(first.state, DutyState::met);
  EXPECT_EQ(first.met_by, std::vector<std::string>{"DR-2026-0001.1"});
  // Done after its due date: the item is done, the duty was breached.
  EXPECT_EQ(find("DR-2026-0001.2").state, DutyState::breached);
  // M1: the meeting's open action is a duty of B's communications lead.
  Duty action = find("MT-2026-0001.1");
  EXPECT_EQ(action.rule, "M1");
  EXPECT_EQ(action.owner_party, "B");
  EXPECT_EQ(action.state, DutyState::breached);
  auto before =
      programme_duties(plan, p, year_span(plan.calendar, 2026), at("2026-06-10T00:00:00+08:00"));
  EXPECT_TRUE(std::any_of(before.begin(), before.end(), [](const Duty& d) {
    return d.subject == "MT-2026-0001.1" && d.state == DutyState::open;
  }));
}

}  // namespace
}  // namespace pactum
