// decide/evolve against the shipped example plan: each test names the rule it checks.
#include "domain/incident.hpp"

#include <gtest/gtest.h>

#include "testing/example_plan.hpp"
#include "testing/incident_fixture.hpp"

namespace pactum {
namespace {

using testing::actor;
using testing::at;

class IncidentTest : public testing::IncidentFixture {
 protected:
  std::vector<Event> log;  // every event accepted, in order

  Result<std::vector<Event>> run(const Command& c, const Actor& a, Instant now) {
    auto r = IncidentFixture::run(c, a, now);
    if (r) log.insert(log.end(), r->begin(), r->end());
    return r;
  }

  void ok(const Command& c, const Actor& a, Instant now) {
    auto r = run(c, a, now);
    ASSERT_TRUE(r.ok()) << r.error().message << " (" << r.error().field << ")";
  }

  // A refused command: returns the error and checks that nothing changed.
  Error refused(const Command& c, const Actor& a, Instant now) {
    auto before = state.version;
    auto r = decide(plan, state, c, a, now);
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(state.version, before);
    return r.ok() ? Error{ErrorCode::internal, "accepted", ""} : r.error();
  }

  static cmd::Report report(std::string responsible = "A") {
    cmd::Report r;
    r.incident_id = "INC-1";
    r.trigger = "T1";
    r.condition = "T1.outage";
    r.phenomenon = "订单系统无法访问";
    r.scope = "全部线上订单";
    r.cause_guess = "数据库主节点宕机";
    r.discovered_at = at("2026-03-02T08:30:00+08:00");
    r.responsible_party = std::move(responsible);
    return r;
  }

  void reported() { ok(report(), actor("a-li"), t0); }
  void assessed(const std::string& impact = "minor", const std::string& urgency = "normal") {
    reported();
    ok(cmd::Sync{"已同步"}, actor("a-liu"), t0 + std::chrono::minutes(20));
    ok(cmd::Assess{impact, urgency, "", ""}, actor("a-zhang"), t0 + std::chrono::hours(1));
  }
};

TEST_F(IncidentTest, P1_ReportRecordsPhenomenonScopeCauseAndParties) {
  reported();
  EXPECT_TRUE(state.exists());
  EXPECT_EQ(state.report.phenomenon, "订单系统无法访问");
  EXPECT_EQ(state.report.scope, "全部线上订单");
  EXPECT_EQ(state.report.cause_guess, "数据库主节点宕机");
  EXPECT_EQ(state.report.reporting_party, "A");
  EXPECT_EQ(state.report.responsible_party, "A");
  EXPECT_EQ(state.reported_at, t0);
  EXPECT_EQ(state.status, IncidentStatus::reported);
  EXPECT_EQ(event_type(log.front().data), std::string("incident.reported"));
}

TEST_F(IncidentTest, P1_ReportNeedsPhenomenonScopeAndCauseGuess) {
  for (auto field : {&cmd::Report::phenomenon, &cmd::Report::scope, &cmd::Report::cause_guess}) {
    auto r = report();
    r.*field = "   ";
    Error e = refused(r, actor("a-li"), t0);
    EXPECT_EQ(e.code, ErrorCode::invalid_argument);
    EXPECT_FALSE(e.field.empty());
  }
  auto r = report();
  r.cause_guess = "";
  EXPECT_EQ(refused(r, actor("a-li"), t0).field, "cause_guess");
}

TEST_F(IncidentTest, T1_ReportMustNameATriggerOfThePlan) {
  auto r = report();
  r.trigger = "T9";
  Error e = refused(r, actor("a-li"), t0);
  EXPECT_EQ(e.field, "trigger");
  EXPECT_NE(e.message.find("T1, T2, T3, T4"), std::string::npos) << e.message;
  r = report();
  r.condition = "T2.disaster";  // a condition of another category
  EXPECT_EQ(refused(r, actor("a-li"), t0).field, "condition");
}

TEST_F(IncidentTest, P1_DiscoveryCannotBeInTheFuture) {
  auto r = report();
  r.discovered_at = t0 + std::chrono::minutes(1);
  EXPECT_EQ(refused(r, actor("a-li"), t0).field, "discovered_at");
}

TEST_F(IncidentTest, G4_NoIncidentIsReportedOutsideTheAgreementsTerm) {
  // The example agreement runs from 2026-01-01 to 2028-12-31, its last day included.
  auto before = report();
  before.discovered_at = at("2025-12-31T20:00:00+08:00");
  auto early = refused(before, actor("a-li"), at("2025-12-31T23:59:00+08:00"));
  EXPECT_EQ(early.code, ErrorCode::failed_precondition);
  EXPECT_NE(early.message.find("begins on 2026-01-01"), std::string::npos) << early.message;
  auto late = refused(report(), actor("a-li"), at("2029-01-01T00:00:00+08:00"));
  EXPECT_EQ(late.code, ErrorCode::failed_precondition);
  EXPECT_NE(late.message.find("ended on 2028-12-31"), std::string::npos) << late.message;
  ok(report(), actor("a-li"), at("2028-12-31T23:59:00+08:00"));
}

TEST_F(IncidentTest, P1_AnIncidentIsReportedOnce) {
  reported();
  EXPECT_EQ(refused(report(), actor("a-li"), t0).code, ErrorCode::conflict);
}

TEST_F(IncidentTest, P1_AMemberReportsOnlyForTheirOwnParty) {
  auto r = report();
  r.reporting_party = "B";
  EXPECT_EQ(refused(r, actor("a-li"), t0).code, ErrorCode::permission_denied);
  r.responsible_party = "B";  // naming the partner as responsible is allowed
  r.reporting_party = "";
  ok(r, actor("a-li"), t0);
  EXPECT_EQ(state.report.responsible_party, "B");
  EXPECT_EQ(state.report.reporting_party, "A");
}

TEST_F(IncidentTest, T5_AMachineMayReportButDoNothingElse) {
  Actor monitor{"system:alertmanager", "", {}};
  auto r = report();
  r.reporting_party = "A";
  ok(r, monitor, t0);
  EXPECT_EQ(state.reporter.user, "system:alertmanager");
  EXPECT_EQ(refused(cmd::Sync{""}, monitor, t0).code, ErrorCode::permission_denied);
  EXPECT_EQ(refused(cmd::Assess{"minor", "normal", "", ""}, monitor, t0).code,
            ErrorCode::permission_denied);
}

TEST_F(IncidentTest, T5_AlertsJoiningAndResolvingAreOnTheRecordButResolveNothing) {
  reported();
  Actor monitor{"system:prometheus", "", {}};
  evolve(state, Event{t0, monitor, ev::AlertAttached{"aa01", "ServiceDown", "API 无响应", t0}});
  evolve(state, Event{t0, monitor, ev::AlertAttached{"bb02", "ServiceDown", "", t0}});
  evolve(state, Event{t0 + std::chrono::hours(1), monitor,
                      ev::AlertResolved{"aa01", "ServiceDown", "", t0}});
  EXPECT_EQ(state.alerts, (std::map<std::string, bool>{{"aa01", false}, {"bb02", true}}));
  EXPECT_FALSE(state.resolved_at);  // people resolve and close incidents
  EXPECT_EQ(state.status, IncidentStatus::reported);
}

TEST_F(IncidentTest, P2_TheEmergencyContactSyncsTheGroup) {
  reported();
  Error e = refused(cmd::Sync{""}, actor("a-wang"), t0);  // finance lead, not a contact
  EXPECT_EQ(e.code, ErrorCode::permission_denied);
  EXPECT_NE(e.message.find("emergency_contact"), std::string::npos) << e.message;
  ok(cmd::Sync{"已在企业微信群同步"}, actor("b-wang"), t0 + std::chrono::minutes(30));
  EXPECT_EQ(state.synced_at, t0 + std::chrono::minutes(30));
}

TEST_F(IncidentTest, P3_NothingHappensBeforeAReport) {
  EXPECT_EQ(refused(cmd::Assess{"minor", "normal", "", ""}, actor("a-zhang"), t0).code,
            ErrorCode::not_found);
  EXPECT_EQ(refused(cmd::AddNote{"x"}, actor("a-zhang"), t0).code, ErrorCode::not_found);
}

TEST_F(IncidentTest, P4_TheMatrixSuggestsTheLevel) {
  struct Case {
    const char* impact;
    const char* urgency;
    const char* level;
  } cases[] = {
      {"minor", "normal", "L1"},
      {"minor", "funds_or_compliance", "L2"},
      {"minor", "safety", "L3"},
      {"moderate", "normal", "L2"},
      {"moderate", "funds_or_compliance", "L2"},
      {"moderate", "safety", "L3"},
      {"severe", "normal", "L2"},
      {"severe", "funds_or_compliance", "L3"},
      {"severe", "safety", "L3"},
  };
  for (const auto& c : cases) {
    state = {};
    reported();
    ok(cmd::Assess{c.impact, c.urgency, "", ""}, actor("a-zhang"), t0 + std::chrono::hours(1));
    EXPECT_EQ(state.level, c.level) << c.impact << " × " << c.urgency;
    EXPECT_EQ(state.suggested_level, c.level);
  }
}

TEST_F(IncidentTest, P4_OverridingTheSuggestionNeedsAReason) {
  reported();
  Error e = refused(cmd::Assess{"minor", "normal", "L2", ""}, actor("a-zhang"), t0);
  EXPECT_EQ(e.field, "reason");
  ok(cmd::Assess{"minor", "normal", "L2", "影响面可能扩大"}, actor("a-zhang"), t0);
  EXPECT_EQ(state.level, "L2");
  EXPECT_EQ(state.suggested_level, "L1");
}

TEST_F(IncidentTest, P4_UnknownGradesAreNamed) {
  reported();
  EXPECT_EQ(refused(cmd::Assess{"huge", "normal", "", ""}, actor("a-zhang"), t0).field, "impact");
  EXPECT_EQ(refused(cmd::Assess{"minor", "panic", "", ""}, actor("a-zhang"), t0).field, "urgency");
  EXPECT_EQ(refused(cmd::Assess{"minor", "normal", "L9", "x"}, actor("a-zhang"), t0).field,
            "level");
}

TEST_F(IncidentTest, P3_OnlyTheGroupsDecisionRolesAssess) {
  reported();
  EXPECT_EQ(refused(cmd::Assess{"minor", "normal", "", ""}, actor("a-wang"), t0).code,
            ErrorCode::permission_denied);
  ok(cmd::Assess{"minor", "normal", "", ""}, actor("b-zhou"), t0);  // tech lead of B
  EXPECT_EQ(refused(cmd::Assess{"minor", "normal", "", ""}, actor("a-zhang"), t0).code,
            ErrorCode::failed_precondition);
}

TEST_F(IncidentTest, L4_ChangingTheLevelNeedsAReasonAndAnotherLevel) {
  reported();
  EXPECT_EQ(refused(cmd::ChangeLevel{"L2", "x"}, actor("a-zhang"), t0).code,
            ErrorCode::failed_precondition);
  ok(cmd::Assess{"minor", "normal", "", ""}, actor("a-zhang"), t0);
  EXPECT_EQ(refused(cmd::ChangeLevel{"L2", ""}, actor("a-zhang"), t0).field, "reason");
  EXPECT_EQ(refused(cmd::ChangeLevel{"L1", "x"}, actor("a-zhang"), t0).field, "level");
  EXPECT_EQ(refused(cmd::ChangeLevel{"L2", "x"}, actor("a-li"), t0).code,
            ErrorCode::permission_denied);
  ok(cmd::ChangeLevel{"L2", "故障范围扩大"}, actor("a-zhang"), t0 + std::chrono::hours(2));
  EXPECT_EQ(state.level, "L2");
  ASSERT_EQ(state.levels.size(), 2u);
  EXPECT_EQ(state.levels[1].reason, "故障范围扩大");
  EXPECT_EQ(state.level_set_at(), t0 + std::chrono::hours(2));
}

TEST_F(IncidentTest, L4_OnlyTheRoleOwningAStepCompletesIt) {
  assessed();  // L1; responsible party A
  cmd::CompleteStep c{"L1.backup", {{EvidenceKind::note, "已切换到测试环境", ""}}};
  // The leader of A does not own it, nor does B's technical lead (wrong party).
  EXPECT_EQ(refused(c, actor("a-zhang"), t0).code, ErrorCode::permission_denied);
  Error e = refused(c, actor("b-zhou"), t0);
  EXPECT_EQ(e.code, ErrorCode::permission_denied);
  EXPECT_NE(e.message.find("tech_lead"), std::string::npos) << e.message;
  // The deputy of A's technical lead may.
  ok(c, actor("a-chen"), t0 + std::chrono::hours(1));
  EXPECT_EQ(state.steps.at("L1.backup").actor.user, "a-chen");
  EXPECT_EQ(refused(c, actor("a-li"), t0).code, ErrorCode::failed_precondition);  // done already
}

TEST_F(IncidentTest, L4_AStepNeedsItsEvidence) {
  assessed();
  EXPECT_EQ(refused(cmd::CompleteStep{"L1.backup", {}}, actor("a-li"), t0).field, "evidence");
  EXPECT_EQ(
      refused(cmd::CompleteStep{"L1.backup", {{EvidenceKind::note, " ", ""}}}, actor("a-li"), t0)
          .field,
      "evidence[0].text");
  EXPECT_EQ(refused(cmd::CompleteStep{"L1.fix", {{EvidenceKind::file, "修复记录", ""}}},
                    actor("a-li"), t0)
                .field,
            "evidence[0].ref");
  // L1.fix asks for a record: a note does not count.
  EXPECT_EQ(
      refused(cmd::CompleteStep{"L1.fix", {{EvidenceKind::note, "修好了", ""}}}, actor("a-li"), t0)
          .field,
      "evidence");
}

Quote quote(const std::string& supplier, std::int64_t amount, const std::string& ref) {
  Quote q;
  q.supplier = supplier;
  q.amount = amount;
  q.valid_until = at("2026-03-31T00:00:00+08:00");
  q.evidence = {{EvidenceKind::record, "报价单", ref}};
  return q;
}

TEST_F(IncidentTest, S3_ThreeQuotesFromDistinctSuppliersThenAChoiceWithAReason) {
  assessed("moderate", "normal");  // L2
  Instant t = t0 + std::chrono::hours(2);
  // The quotes step is done only through quotes and a choice, not with free evidence.
  EXPECT_EQ(refused(cmd::CompleteStep{"L2.quotes", {{EvidenceKind::record, "报价", "Q-1"}}},
                    actor("a-li"), t)
                .code,
            ErrorCode::failed_precondition);
  ok(cmd::RecordQuote{"L2.quotes", quote("s01", 12'000'000, "Q-1")}, actor("a-li"), t);
  Quote fresh = quote("", 11'000'000, "Q-3");
  fresh.supplier_name = "新星示例云有限公司";  // a supplier not on the register
  ok(cmd::RecordQuote{"L2.quotes", quote("s02", 15'000'000, "Q-2")}, actor("a-li"), t);
  EXPECT_EQ(refused(cmd::ChooseQuote{"L2.quotes", "s01", "最便宜"}, actor("a-li"), t).code,
            ErrorCode::failed_precondition)
      << "two quotes are not enough";
  ok(cmd::RecordQuote{"L2.quotes", fresh}, actor("a-li"), t);
  EXPECT_FALSE(state.steps.contains("L2.quotes"));
  EXPECT_EQ(refused(cmd::ChooseQuote{"L2.quotes", "s01", " "}, actor("a-li"), t).field, "reason");
  EXPECT_EQ(refused(cmd::ChooseQuote{"L2.quotes", "s07", "x"}, actor("a-li"), t).field, "supplier");
  ok(cmd::ChooseQuote{"L2.quotes", "新星示例云有限公司", "报价最低且可48小时内到场"}, actor("a-li"),
     t);
  ASSERT_TRUE(state.steps.contains("L2.quotes"));
  EXPECT_EQ(state.steps.at("L2.quotes").evidence.size(), 3u);
  EXPECT_EQ(state.quote_choices.at("L2.quotes").supplier, "新星示例云有限公司");
  EXPECT_EQ(state.quotes.at("L2.quotes").size(), 3u);
}

TEST_F(IncidentTest, S3_BadQuotesAreRefusedNamingTheField) {
  assessed("moderate", "normal");  // L2
  Instant t = t0 + std::chrono::hours(2);
  auto field = [&](Quote q) {
    return refused(cmd::RecordQuote{"L2.quotes", std::move(q)}, actor("a-li"), t).field;
  };
  EXPECT_EQ(field(quote("s99", 100, "Q")), "supplier") << "not on the register";
  EXPECT_EQ(field(quote("", 100, "Q")), "supplier") << "no supplier named";
  EXPECT_EQ(field(quote("s01", 0, "Q")), "amount");
  EXPECT_EQ(field(quote("s01", -5, "Q")), "amount");
  EXPECT_EQ(field(quote("s01", 1'000'000'000'000'001, "Q")), "amount");
  Quote expired = quote("s01", 100, "Q");
  expired.valid_until = t;
  EXPECT_EQ(field(expired), "valid_until");
  Quote bare = quote("s01", 100, "Q");
  bare.evidence.clear();
  EXPECT_EQ(field(bare), "evidence");
  ok(cmd::RecordQuote{"L2.quotes", quote("s01", 100, "Q")}, actor("a-li"), t);
  EXPECT_EQ(field(quote("s01", 90, "Q")), "supplier") << "the same supplier twice";
  EXPECT_EQ(refused(cmd::RecordQuote{"L2.quotes", quote("s02", 100, "Q")}, actor("b-wu"), t).code,
            ErrorCode::permission_denied)
      << "the step's owner records the quotes";
  EXPECT_EQ(
      refused(cmd::RecordQuote{"L2.suspend", quote("s02", 100, "Q")}, actor("a-zhang"), t).field,
      "step");
}

TEST_F(IncidentTest, S3_AnExpiredQuoteCannotBeChosen) {
  assessed("moderate", "normal");  // L2
  Instant t = t0 + std::chrono::hours(2);
  Quote shortlived = quote("s03", 100, "Q-3");
  shortlived.valid_until = t + std::chrono::hours(1);
  ok(cmd::RecordQuote{"L2.quotes", quote("s01", 300, "Q-1")}, actor("a-li"), t);
  ok(cmd::RecordQuote{"L2.quotes", quote("s02", 200, "Q-2")}, actor("a-li"), t);
  ok(cmd::RecordQuote{"L2.quotes", shortlived}, actor("a-li"), t);
  EXPECT_EQ(refused(cmd::ChooseQuote{"L2.quotes", "s03", "cheapest"}, actor("a-li"),
                    t + std::chrono::hours(2))
                .field,
            "supplier");
  ok(cmd::ChooseQuote{"L2.quotes", "s02", "cheapest still valid"}, actor("a-li"),
     t + std::chrono::hours(2));
}

TEST_F(IncidentTest, L4_OnlyStepsOfTheCurrentLevelCanBeDone) {
  assessed();  // L1
  EXPECT_EQ(refused(cmd::CompleteStep{"L2.quotes", {}}, actor("a-li"), t0).code,
            ErrorCode::not_found);
}

TEST_F(IncidentTest, L4_TheLeaderWaivesAStepWithAReason) {
  assessed("minor", "safety");  // L3
  EXPECT_EQ(refused(cmd::WaiveStep{"L3.termination", ""}, actor("a-zhang"), t0).field, "reason");
  EXPECT_EQ(refused(cmd::WaiveStep{"L3.termination", "不需要"}, actor("a-li"), t0).code,
            ErrorCode::permission_denied);
  ok(cmd::WaiveStep{"L3.termination", "风险已消除，无需终止协议"}, actor("a-zhang"), t0);
  EXPECT_TRUE(state.steps.at("L3.termination").waived);
}

TEST_F(IncidentTest, V1_TheReviewFollowsResolution) {
  assessed();
  Review review{t0, "上海机房", "甲方运维组", "误操作", "变更流程缺失", Avoidability::avoidable,
                "", {}};
  EXPECT_EQ(refused(cmd::SubmitReview{review}, actor("a-li"), t0).code,
            ErrorCode::failed_precondition);
  ok(cmd::Resolve{"已恢复主节点"}, actor("a-li"), t0 + std::chrono::hours(6));
  review.direct_cause = "";
  EXPECT_EQ(refused(cmd::SubmitReview{review}, actor("a-li"), t0).field, "review.direct_cause");
  review.direct_cause = "误操作";
  review.actions = {{"A1", "补充变更审批流程", "no_such_role", std::nullopt}};
  EXPECT_EQ(refused(cmd::SubmitReview{review}, actor("a-li"), t0).field,
            "review.actions[0].owner_role");
  review.actions = {{"A1", "补充变更审批流程", "tech_lead", std::nullopt},
                    {"A1", "重复", "tech_lead", std::nullopt}};
  EXPECT_EQ(refused(cmd::SubmitReview{review}, actor("a-li"), t0).field, "review.actions[1].id");
  review.actions.pop_back();
  ok(cmd::SubmitReview{review}, actor("a-li"), t0 + std::chrono::hours(30));
  EXPECT_EQ(state.status, IncidentStatus::review_submitted);
}

TEST_F(IncidentTest, V1_CloseWaitsForApprovalStepsAndFollowUpActions) {
  assessed();
  auto t = t0 + std::chrono::hours(2);
  ok(cmd::Resolve{"已恢复"}, actor("a-li"), t);
  Review review{t0,           "上海机房",
                "甲方运维组", "误操作",
                "培训不足",   Avoidability::partly,
                "",           {{"A1", "组织变更培训", "tech_lead", std::nullopt}}};
  ok(cmd::SubmitReview{review}, actor("a-li"), t);
  EXPECT_EQ(refused(cmd::Close{""}, actor("a-zhang"), t).code, ErrorCode::failed_precondition);
  ok(cmd::ApproveReview{"同意"}, actor("b-wang"), t);
  Error e = refused(cmd::Close{""}, actor("a-zhang"), t);
  EXPECT_NE(e.message.find("L1.backup"), std::string::npos) << e.message;
  ok(cmd::CompleteStep{"L1.backup", {{EvidenceKind::note, "已切换", ""}}}, actor("a-li"), t);
  ok(cmd::CompleteStep{"L1.fix", {{EvidenceKind::record, "修复单 #12", "CR-12"}}}, actor("a-li"),
     t);
  e = refused(cmd::Close{""}, actor("a-zhang"), t);
  EXPECT_NE(e.message.find("A1"), std::string::npos) << e.message;
  EXPECT_EQ(
      refused(cmd::CompleteAction{"A1", {{EvidenceKind::note, "培训完成", ""}}}, actor("a-wang"), t)
          .code,
      ErrorCode::permission_denied);
  ok(cmd::CompleteAction{"A1", {{EvidenceKind::note, "培训完成，签到表存档", ""}}}, actor("b-zhou"),
     t);
  ok(cmd::Close{"确认关闭"}, actor("a-zhang"), t);
  EXPECT_EQ(state.status, IncidentStatus::closed);
  EXPECT_EQ(refused(cmd::AddNote{"after"}, actor("a-zhang"), t).code,
            ErrorCode::failed_precondition);
}

TEST_F(IncidentTest, L3_TheOptionalTerminationStepDoesNotBlockClosing) {
  assessed("minor", "safety");  // L3
  auto t = t0 + std::chrono::hours(3);
  ok(cmd::CompleteStep{"L3.stop", {{EvidenceKind::note, "已停止", ""}}}, actor("a-zhang"), t);
  ok(cmd::CompleteStep{"L3.legal", {{EvidenceKind::record, "法律意见书", "LO-1"}}},
     actor("a-zhang"), t);
  ok(cmd::CompleteStep{"L3.risk_notice", {{EvidenceKind::file, "风险通报", "sha256:ab"}}},
     actor("a-liu"), t);
  ok(cmd::Resolve{"已整改"}, actor("a-zhang"), t);
  ok(
      cmd::SubmitReview{
          {t0, "现场", "甲方", "设备老化", "巡检缺失", Avoidability::avoidable, "", {}}},
      actor("a-zhang"), t);
  ok(cmd::ApproveReview{""}, actor("b-wang"), t);
  ok(cmd::Close{""}, actor("a-zhang"), t);
  EXPECT_EQ(state.status, IncidentStatus::closed);
}

TEST_F(IncidentTest, CancellingAFalseAlarmNeedsAReasonAndEndsTheIncident) {
  reported();
  EXPECT_EQ(refused(cmd::Cancel{""}, actor("a-zhang"), t0).field, "reason");
  EXPECT_EQ(refused(cmd::Cancel{"误报"}, actor("a-li"), t0).code, ErrorCode::permission_denied);
  ok(cmd::Cancel{"监控误报，服务正常"}, actor("a-zhang"), t0);
  EXPECT_EQ(state.status, IncidentStatus::cancelled);
  EXPECT_EQ(refused(cmd::Sync{""}, actor("a-liu"), t0).code, ErrorCode::failed_precondition);
}

TEST_F(IncidentTest, EveryoneMayAddNotes) {
  reported();
  ok(cmd::AddNote{"乙方已知悉"}, actor("b-sun"), t0);
  EXPECT_EQ(state.notes, 1u);
  EXPECT_EQ(refused(cmd::AddNote{""}, actor("b-sun"), t0).field, "text");
}

TEST_F(IncidentTest, ReplayingTheLogRebuildsTheSameState) {
  assessed();
  ok(cmd::ChangeLevel{"L2", "扩大"}, actor("a-zhang"), t0 + std::chrono::hours(2));
  ok(cmd::AddNote{"note"}, actor("b-sun"), t0 + std::chrono::hours(3));
  IncidentState rebuilt = replay(log);
  EXPECT_EQ(rebuilt.version, state.version);
  EXPECT_EQ(rebuilt.level, "L2");
  EXPECT_EQ(rebuilt.levels.size(), 2u);
  EXPECT_EQ(rebuilt.synced_at, state.synced_at);
  EXPECT_EQ(rebuilt.notes, 1u);
}

TEST_F(IncidentTest, OverlongTextIsRefused) {
  auto r = report();
  r.phenomenon = std::string(20001, 'x');
  EXPECT_EQ(refused(r, actor("a-li"), t0).field, "phenomenon");
}

TEST_F(IncidentTest, C3_WhetherTheOtherPartysLeaderMayChangeLevelWaiveOrCloseIsThePlansDecision) {
  assessed();  // party A is responsible
  Instant later = t0 + std::chrono::hours(2);
  // The example plan's group is joint: B's leader may change the level of A's incident.
  EXPECT_TRUE(decide(plan, state, cmd::ChangeLevel{"L2", "扩大"}, actor("b-wang"), later).ok());
  EXPECT_TRUE(
      decide(plan, state, cmd::WaiveStep{"L1.backup", "不需要"}, actor("b-wang"), later).ok());
  Plan own = plan;
  for (Action a : {Action::change_level, Action::waive_step, Action::report}) {
    own.permissions[a].parties = PartyScope::own;
  }
  auto refused = decide(own, state, cmd::ChangeLevel{"L2", "扩大"}, actor("b-wang"), later);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::permission_denied);
  EXPECT_NE(refused.error().message.find("responsible party A"), std::string::npos)
      << refused.error().message;
  EXPECT_FALSE(
      decide(own, state, cmd::WaiveStep{"L1.backup", "不需要"}, actor("b-wang"), later).ok());
  EXPECT_TRUE(decide(own, state, cmd::ChangeLevel{"L2", "扩大"}, actor("a-zhang"), later).ok());
  EXPECT_TRUE(
      decide(own, state, cmd::WaiveStep{"L1.backup", "不需要"}, actor("a-zhang"), later).ok());
  // `own` for reporting: a member reports only incidents their party is responsible for.
  IncidentState none;
  EXPECT_EQ(decide(own, none, report("A"), actor("b-zhou"), t0).error().code,
            ErrorCode::permission_denied);
  EXPECT_TRUE(decide(own, none, report("B"), actor("b-zhou"), t0).ok());
}

}  // namespace
}  // namespace pactum
