// The plan-file loader: shapes, types and positions. Semantic rules are tested in
// domain/plan_validation_test.cpp; whole broken files in tests/plan_cli_test.cpp.
#include "planfile/load.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

namespace pactum::planfile {
namespace {

std::string minimal() {
  std::ifstream in(std::string(PACTUM_SOURCE_DIR) + "/tests/plans/minimal.yaml");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The minimal plan with one substitution (which must match).
std::string with(const std::string& from, const std::string& to) {
  std::string s = minimal();
  auto at = s.find(from);
  if (at == std::string::npos) throw std::invalid_argument("not in minimal.yaml: " + from);
  return s.replace(at, from.size(), to);
}

std::string messages(const LoadResult& r) {
  std::string out;
  for (const auto& d : r.diagnostics) out += format_diagnostic("plan.yaml", d) + "\n";
  return out;
}

// Loads `text` and expects an error whose formatted line contains `needle`.
void expect_error(const std::string& text, const std::string& needle) {
  auto r = load_plan_text(text);
  EXPECT_FALSE(r.plan) << "accepted a broken plan; wanted: " << needle;
  EXPECT_NE(messages(r).find(needle), std::string::npos) << "wanted: " << needle << "\ngot:\n"
                                                         << messages(r);
}

TEST(LoadPlan, TheExampleAndMinimalPlansLoad) {
  auto example = load_plan_file(std::string(PACTUM_SOURCE_DIR) + "/examples/cooperation-plan.yaml");
  ASSERT_TRUE(example.plan) << messages(example);
  EXPECT_TRUE(example.diagnostics.empty()) << messages(example);
  EXPECT_EQ(example.plan->parties.size(), 2u);
  EXPECT_EQ(example.plan->levels.size(), 3u);
  auto m = load_plan_text(minimal());
  ASSERT_TRUE(m.plan) << messages(m);
  EXPECT_EQ(m.plan->calendar.time_zone, "Asia/Shanghai");
  EXPECT_EQ(m.plan->fund.reserve_basis_points, 500);
  EXPECT_EQ(m.plan->agreement.value.minor, 100000000);  // 1,000,000.00 in fen
}

TEST(LoadPlan, ExampleCarriesTheSeedsNumbers) {
  auto r = load_plan_file(std::string(PACTUM_SOURCE_DIR) + "/examples/cooperation-plan.yaml");
  ASSERT_TRUE(r.plan);
  const Plan& p = *r.plan;
  EXPECT_EQ(p.process.report.within, (Duration{2, DurationUnit::hours}));  // P1
  EXPECT_EQ(p.process.sync.within, (Duration{1, DurationUnit::hours}));    // P2
  EXPECT_EQ(p.process.assess.within, (Duration{4, DurationUnit::hours}));  // P3
  EXPECT_EQ(p.find_level("L1")->resolve->within, (Duration{3, DurationUnit::days}));
  EXPECT_EQ(p.find_level("L1")->review_approve->within, (Duration{7, DurationUnit::days}));
  EXPECT_EQ(p.find_level("L2")->find_step("L2.meeting")->due->within,
            (Duration{5, DurationUnit::days}));
  EXPECT_EQ(p.find_level("L2")->review_submit->within, (Duration{15, DurationUnit::days}));
  EXPECT_EQ(p.find_level("L3")->find_step("L3.risk_notice")->due->within,
            (Duration{24, DurationUnit::hours}));
  EXPECT_EQ(*p.find_level("L3")->find_step("L3.termination")->notice,
            (Duration{30, DurationUnit::days}));
  EXPECT_EQ(p.fund.reserve_basis_points, 500);                // F1
  EXPECT_EQ(p.fund.reconciliation.every, Period::half_year);  // F3
  EXPECT_EQ(p.fund.signatures, 3);                            // F4
  EXPECT_EQ(p.fund.review_by, "finance_lead");
  EXPECT_EQ(p.suppliers.required, 10);  // S1
  EXPECT_EQ(p.suppliers.list.size(), 10u);
  EXPECT_EQ(p.suppliers.integration_tests.times, 2);          // S2
  EXPECT_EQ(p.suppliers.quotes_per_major_incident, 3);        // S3
  EXPECT_EQ(p.backups.schedule.every, Period::day);           // B1
  EXPECT_EQ(p.backups.restore_test.every, Period::month);     // B2
  EXPECT_EQ(p.drills.cadence.every, Period::quarter);         // V2
  EXPECT_EQ(p.training.refresher.times, 2);                   // E3
  EXPECT_EQ(p.training.pass_rate_percent, 80);                // E4
  EXPECT_EQ(p.governance.annual_review.every, Period::year);  // G2
  EXPECT_EQ(p.triggers.size(), 4u);                           // T1–T4
  auto outage = p.triggers[0].conditions[0].alert;            // T5
  ASSERT_TRUE(outage);
  EXPECT_EQ(outage->firing_for, (Duration{4, DurationUnit::hours}));
  EXPECT_EQ(p.roles.size(), 4u);  // C3
}

TEST(LoadPlan, ErrorsCarryLineAndColumnOfTheValue) {
  auto r = load_plan_text(with("assess: {within: 4h", "assess: {within: 4x"));
  ASSERT_EQ(r.diagnostics.size(), 1u) << messages(r);
  const auto& d = r.diagnostics[0];
  EXPECT_EQ(d.diagnostic.path, "process.assess.within");
  // The line of "assess:" in minimal.yaml, and the column of the value.
  std::istringstream lines(minimal());
  int line = 0, found = 0;
  for (std::string l; std::getline(lines, l);) {
    ++line;
    if (l.find("assess: {within: 4h") != std::string::npos) found = line;
  }
  EXPECT_EQ(d.where.line, found);
  EXPECT_EQ(d.where.column, 20);
}

// C3: a permission is a list of roles (any party's holders) or {roles, parties: any|own}.
TEST(LoadPlan, C3_APermissionMayBeLimitedToTheResponsibleParty) {
  auto r = load_plan_text(
      with("  change_level: [leader]", "  change_level: {roles: [leader], parties: own}"));
  ASSERT_TRUE(r.plan) << messages(r);
  const Permission& change = r.plan->permissions.at(Action::change_level);
  EXPECT_EQ(change.roles, std::vector<std::string>{"leader"});
  EXPECT_EQ(change.parties, PartyScope::own);
  EXPECT_EQ(r.plan->permissions.at(Action::close).parties, PartyScope::any) << "the list form";
  auto any = load_plan_text(with("  change_level: [leader]", "  change_level: {roles: [leader]}"));
  ASSERT_TRUE(any.plan) << messages(any);
  EXPECT_EQ(any.plan->permissions.at(Action::change_level).parties, PartyScope::any);
  // Mistakes are placed where they are written.
  expect_error(with("  change_level: [leader]", "  change_level: {roles: [leader], parties: both}"),
               "\"both\"");
  expect_error(with("  change_level: [leader]", "  change_level: {roles: [leader], parties: both}"),
               "any, own");
  expect_error(with("  change_level: [leader]", "  change_level: {roles: [boss]}"),
               "(at permissions.change_level.roles[0])");
  expect_error(with("  change_level: [leader]", "  change_level: [leader, boss]"),
               "(at permissions.change_level.roles[1])");
  expect_error(with("  change_level: [leader]", "  change_level: {parties: own}"),
               "\"roles\" is required");
  expect_error(with("  change_level: [leader]", "  change_level: {roles: [leader], party: own}"),
               "unknown key \"party\" (expected one of: roles, parties)");
  auto located = load_plan_text(
      with("  change_level: [leader]", "  change_level: {roles: [leader], parties: both}"));
  ASSERT_EQ(located.diagnostics.size(), 1u) << messages(located);
  EXPECT_EQ(located.diagnostics[0].diagnostic.path, "permissions.change_level.parties");
  EXPECT_EQ(located.diagnostics[0].where.column, 44);
}

TEST(LoadPlan, UnknownKeysGetASuggestionOrTheList) {
  expect_error(with("    mobile:", "    mobil:"), "did you mean \"mobile\"?");
  expect_error(with("format: pactum-plan/1", "format: pactum-plan/1\ncolour: red"),
               "unknown key \"colour\" (expected one of: format, id,");
}

// F1: the party holding the fund and the top-up window; X1, X3: the time to engage a third party.
TEST(LoadPlan, F1_TheFundsHolderAndTopUpWindowAndX3_TheTimeToEngage) {
  auto defaults = load_plan_text(minimal());
  ASSERT_TRUE(defaults.plan) << messages(defaults);
  EXPECT_EQ(defaults.plan->fund.held_by, "any");
  EXPECT_EQ(defaults.plan->fund.top_up_within, (Duration{30, DurationUnit::days}));
  EXPECT_EQ(defaults.plan->third_parties[0].within, (Duration{24, DurationUnit::hours}));
  auto set = load_plan_text(
      with("  reconciliation: {every: half_year}",
           "  held_by: B\n  top_up: {within: 2w}\n  reconciliation: {every: half_year}"));
  ASSERT_TRUE(set.plan) << messages(set);
  EXPECT_EQ(set.plan->fund.held_by, "B");
  EXPECT_EQ(set.plan->fund.top_up_within, (Duration{2, DurationUnit::weeks}));
  auto within = load_plan_text(with("condition: {zh: 合规风险, en: Compliance risk}}",
                                    "condition: {zh: 合规风险, en: Compliance risk}, within: 3d}"));
  ASSERT_TRUE(within.plan) << messages(within);
  EXPECT_EQ(within.plan->third_parties[0].within, (Duration{3, DurationUnit::days}));
  expect_error(with("  reconciliation: {every: half_year}",
                    "  top_up: {within: soon}\n  reconciliation: {every: half_year}"),
               "fund.top_up.within");
}

// V2, M1, G2: a cadence names who answers for it; E2: onboarding within a window of joining.
TEST(LoadPlan, V2_ACadenceHasAnOwnerAndE2_OnboardingAWindow) {
  auto r = load_plan_text(with("  cadence: {every: quarter}",
                               "  cadence: {every: quarter, owner: {role: leader, party: A}}"));
  ASSERT_TRUE(r.plan) << messages(r);
  ASSERT_TRUE(r.plan->drills.cadence.owner);
  EXPECT_EQ(r.plan->drills.cadence.owner->role, "leader");
  EXPECT_EQ(r.plan->drills.cadence.owner->party, "A");
  auto any = load_plan_text(
      with("  cadence: {every: quarter}", "  cadence: {every: quarter, owner: {role: leader}}"));
  ASSERT_TRUE(any.plan) << messages(any);
  EXPECT_EQ(any.plan->drills.cadence.owner->party, "any");
  EXPECT_FALSE(load_plan_text(minimal()).plan->drills.cadence.owner) << "the owner is optional";

  auto window = load_plan_text(with("  on_joining: true", "  on_joining: {within: 45d}"));
  ASSERT_TRUE(window.plan) << messages(window);
  EXPECT_TRUE(window.plan->training.on_joining);
  EXPECT_EQ(window.plan->training.onboarding_within, (Duration{45, DurationUnit::days}));
  auto off = load_plan_text(with("  on_joining: true", "  on_joining: false"));
  ASSERT_TRUE(off.plan) << messages(off);
  EXPECT_FALSE(off.plan->training.on_joining);
  EXPECT_EQ(load_plan_text(minimal()).plan->training.onboarding_within,
            (Duration{30, DurationUnit::days}));

  auto example = load_plan_file(std::string(PACTUM_SOURCE_DIR) + "/examples/cooperation-plan.yaml");
  ASSERT_TRUE(example.plan);
  EXPECT_EQ(example.plan->drills.cadence.owner->role, "leader");
  EXPECT_EQ(example.plan->governance.annual_review.owner->role, "leader");
  EXPECT_EQ(example.plan->training.onboarding_within, (Duration{30, DurationUnit::days}));
  ASSERT_EQ(example.plan->communication.meetings.size(), 2u);
  EXPECT_EQ(example.plan->communication.meetings[0].cadence->every, Period::day);
  EXPECT_EQ(example.plan->communication.meetings[0].while_incident_at,
            (std::vector<std::string>{"L2", "L3"}))
      << "the daily incident meeting";
  EXPECT_EQ(example.plan->communication.meetings[1].cadence->every, Period::quarter);
  EXPECT_TRUE(example.plan->communication.meetings[1].while_incident_at.empty());
  EXPECT_EQ(example.plan->escalation.duty_reminders.at(Period::quarter),
            (Duration{7, DurationUnit::days}));
  EXPECT_EQ(example.plan->escalation.duty_reminders.at(Period::day),
            (Duration{12, DurationUnit::hours}));
}

// M1: a meeting held while an incident is open at some levels; L4: the duties' reminder leads.
TEST(LoadPlan, M1_ADailyIncidentMeetingAndV2_DutyRemindersAreCheckedWhereWritten) {
  auto ok = load_plan_text(
      with("participants: [leader]}",
           "participants: [leader], cadence: {every: day}, while_incident_at: [L1]}"));
  ASSERT_TRUE(ok.plan) << messages(ok);
  EXPECT_EQ(ok.plan->communication.meetings[0].while_incident_at, std::vector<std::string>{"L1"});
  expect_error(with("participants: [leader]}", "participants: [leader], while_incident_at: [L1]}"),
               "(at communication.meetings[0].while_incident_at)");
  expect_error(with("participants: [leader]}",
                    "participants: [leader], cadence: {every: day}, while_incident_at: [L9]}"),
               "level \"L9\" is not defined");
  auto reminders = load_plan_text(
      with("  remind_at: 75%\n", "  remind_at: 75%\n  duty_reminders: {quarter: 7d, day: 2h}\n"));
  ASSERT_TRUE(reminders.plan) << messages(reminders);
  EXPECT_EQ(reminders.plan->escalation.duty_reminders.size(), 2u);
  EXPECT_EQ(reminders.plan->escalation.duty_reminders.at(Period::day),
            (Duration{2, DurationUnit::hours}));
  expect_error(with("  remind_at: 75%\n", "  remind_at: 75%\n  duty_reminders: {quarter: 0d}\n"),
               "(at escalation.duty_reminders.quarter)");
  expect_error(with("  remind_at: 75%\n", "  remind_at: 75%\n  duty_reminders: {fortnight: 7d}\n"),
               "unknown key \"fortnight\"");
  expect_error(with("  remind_at: 75%\n", "  remind_at: 75%\n  duty_reminders: {day: soon}\n"),
               "(at escalation.duty_reminders.day)");
}

TEST(LoadPlan, V2_AWrongOwnerOrWindowIsPlacedWhereItIsWritten) {
  expect_error(
      with("  cadence: {every: quarter}", "  cadence: {every: quarter, owner: {role: boss}}"),
      "role \"boss\" is not defined");
  auto role = load_plan_text(
      with("  cadence: {every: quarter}", "  cadence: {every: quarter, owner: {role: boss}}"));
  ASSERT_EQ(role.diagnostics.size(), 1u) << messages(role);
  EXPECT_EQ(role.diagnostics[0].diagnostic.path, "drills.cadence.owner.role");
  EXPECT_EQ(role.diagnostics[0].diagnostic.rule, "V2");
  EXPECT_GT(role.diagnostics[0].where.line, 0);
  expect_error(with("  cadence: {every: quarter}",
                    "  cadence: {every: quarter, owner: {role: leader, party: C}}"),
               "(at drills.cadence.owner.party)");
  expect_error(
      with("  cadence: {every: quarter}", "  cadence: {every: quarter, owner: {party: A}}"),
      "\"role\" is required");
  expect_error(
      with("  annual_review: {every: year}", "  annual_review: {every: year, owner: {role: boss}}"),
      "(at governance.annual_review.owner.role)");
  expect_error(with("  on_joining: true", "  on_joining: {within: 0d}"),
               "(at training.on_joining.within)");
  expect_error(with("  on_joining: true", "  on_joining: {inside: 30d}"), "unknown key \"inside\"");
  expect_error(with("    - {id: daily,", "    - {id: annual_review,"),
               "the joint annual review's own id");
}

TEST(LoadPlan, TypeErrorsSayWhatWasExpected) {
  struct Case {
    const char* from;
    const char* to;
    const char* needle;
  } cases[] = {
      {"encrypted: true", "encrypted: yes", "expected true or false, found \"yes\""},
      {"rank: 1", "rank: 0", "0 is out of range (expected 1 to 100)"},
      {"reserve: 5%", "reserve: 5", "\"5\" is not a percentage"},
      {"value: 1000000", "value: 1e6", "\"1e6\" is not an amount"},
      {"starts: 2026-01-01", "starts: 2026-02-30", "\"2026-02-30\" is not a date"},
      {"days: calendar", "days: lunar",
       "\"lunar\" is not allowed here (expected one of: calendar, working)"},
      {"reconciliation: {every: half_year}", "reconciliation: {every: fortnight}",
       "\"fortnight\" is not allowed here"},
      {"from: discovered", "from: yesterday", "\"yesterday\" is not allowed here"},
      {"match: ['alertname=\"ServiceDown\"']", "match: ['alertname==ServiceDown']",
       "is not a label matcher"},
      {"  - {id: A, name:", "  - {id: \"A B\", name:", "\"A B\" is not a valid id"},
      {"group_by: [service]", "group_by: service", "expected a list, found \"service\""},
      {"name: {zh: 组长, en: Leader}", "name: 组长", "expected bilingual text {zh: …, en: …}"},
      {"name: {zh: 组长, en: Leader}", "name: {zh: 组长, en: \"  \"}", "the en text is empty"},
      {"format: pactum-plan/1", "format: pactum-plan/9", "unsupported plan format"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.to);
    expect_error(with(c.from, c.to), c.needle);
  }
}

TEST(LoadPlan, EveryErrorIsReportedAtOnceInFileOrder) {
  std::string text = with("rank: 1", "rank: x");
  text.replace(text.find("reserve: 5%"), 11, "reserve: lots");
  text.replace(text.find("email: b2@b.example.com"), 23, "email: b2");
  auto r = load_plan_text(text);
  ASSERT_EQ(r.diagnostics.size(), 3u) << messages(r);
  EXPECT_LT(r.diagnostics[0].where.line, r.diagnostics[1].where.line);
  EXPECT_LT(r.diagnostics[1].where.line, r.diagnostics[2].where.line);
}

TEST(LoadPlan, WarningsDoNotStopAPlanFromLoading) {
  auto r = load_plan_text(with("required: 1", "required: 10"));
  ASSERT_TRUE(r.plan) << messages(r);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].diagnostic.severity, Severity::warning);
  EXPECT_EQ(r.diagnostics[0].diagnostic.rule, "S1");
}

TEST(LoadPlan, HostileInputIsADiagnosticNeverACrash) {
  expect_error("", "empty");
  expect_error(std::string("a: \0b", 5), "binary");
  expect_error("a: \xc3\x28\n", "not valid UTF-8");
  expect_error("a: [1, 2", "YAML syntax error");
  expect_error(std::string(200000, '['), "nested more than");
  expect_error(std::string(kMaxPlanBytes + 1, '#'), "a plan file is at most");
  expect_error("&a [*a]", "expected a mapping");
  // A thousand unknown keys: the list of errors is capped, the loader still answers.
  std::string many;
  for (int i = 0; i < 1000; ++i) many += "k" + std::to_string(i) + ": 1\n";
  auto r = load_plan_text(many);
  EXPECT_FALSE(r.plan);
  EXPECT_LE(r.diagnostics.size(), 201u);
  EXPECT_NE(messages(r).find("more errors follow"), std::string::npos);
}

TEST(LoadPlan, AnUnreadableFileIsADiagnostic) {
  auto r = load_plan_file("/nonexistent/dir/plan.yaml");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].diagnostic.rule, "io");
  auto dir = load_plan_file("/");
  EXPECT_FALSE(dir.plan);
}

}  // namespace
}  // namespace pactum::planfile
