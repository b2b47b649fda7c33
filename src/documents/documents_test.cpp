// Each document from domain records, read back with pdftotext in both languages; tests are named
// after the rule the document serves (G1 the signed plan, V1 the review report, L3 the risk
// notice, X2 the submission to the supervisor).
#include <gtest/gtest.h>

#include "documents/plan_document.hpp"
#include "documents/review_report.hpp"
#include "documents/risk_notice.hpp"
#include "documents/supervisor_submission.hpp"
#include "documents/testing.hpp"
#include "domain/digest.hpp"
#include "testing/example_plan.hpp"

namespace pactum::documents {
namespace {

using pactum::testing::actor;
using pactum::testing::at;
using pactum::testing::example_plan;
using testing::pdf_pages;
using testing::pdf_text;
using testing::pdf_text_joined;

const Instant kNow = at("2026-03-20T10:00:00+08:00");

std::string ok(Result<std::string> pdf) {
  if (!pdf) throw std::runtime_error(pdf.error().message);
  return *pdf;
}

void expect_all(const std::string& text, std::initializer_list<std::string> parts) {
  for (const auto& p : parts) EXPECT_NE(text.find(p), std::string::npos) << p << "\n" << text;
}

// ---------------------------------------------------------------- G1: the signed plan

class PlanDocumentTest : public ::testing::Test {
 protected:
  const Plan& plan = example_plan();
  std::string statement =
      "pactum plan statement v1\nplan coop-2026\nversion 1\nyaml-sha256 " + std::string(64, 'a') +
      "\neffective 2026-01-05\nagreement 合作协议\nagreement-en Agreement\nterm 2026-01-01 "
      "2027-12-31\nsignatures A B\n";
  PlanSignature a_signed() const {
    PlanSignature s;
    s.party = "A";
    s.user = "zhang.wei";
    s.contact = "a-zhang";
    s.key_id = "k0123456789abcdef";
    for (std::size_t i = 0; i < s.public_key.size(); ++i)
      s.public_key[i] = static_cast<unsigned char>(i);
    s.signature = std::string(64, '\x5a');
    s.signed_at = at("2026-01-05T10:30:00+08:00");
    return s;
  }
  PlanVersionDocument doc(std::vector<PlanSignature> signatures) const {
    return PlanVersionDocument{plan,
                               std::string(64, 'a'),
                               statement,
                               date::local_days{date::year{2026} / 1 / 5},
                               governance::VersionState::in_force,
                               "",
                               std::move(signatures)};
  }
};

TEST_F(PlanDocumentTest, G1_ThePlanWithASignaturePagePerParty_zh) {
  std::string pdf = ok(plan_pdf(doc({a_signed()}), Lang::zh_CN, kNow));
  std::string text = pdf_text(pdf);
  std::string joined = pdf_text_joined(pdf);
  const Contact* zhang = plan.find_contact("a-zhang");
  ASSERT_TRUE(zhang);
  expect_all(text, {"一、应急联络小组", "二、触发条件", "三、处置流程", "四、保障措施", "五、附则",
                    "签署页", "已签署", "尚未签署", "组长", "2026-01-05 10:30 (Asia/Shanghai)",
                    "k0123456789abcdef"});
  std::string fingerprint = key_fingerprint(a_signed().public_key);
  EXPECT_EQ(fingerprint, sha256_hex(std::string(
                             reinterpret_cast<const char*>(a_signed().public_key.data()), 32)));
  expect_all(joined, {zhang->name.zh, fingerprint, sha256_hex(statement), "pactumplanstatementv1",
                      "生效中（尚未经双方签署）"});
  for (const auto& p : plan.parties) expect_all(joined, {p.name.zh});
  EXPECT_GE(pdf_pages(pdf), 4) << "the whole plan, then the signature page";
}

TEST_F(PlanDocumentTest, G1_ThePlanWithASignaturePagePerParty_en) {
  PlanSignature b = a_signed();
  b.party = "B";
  b.user = "wang.fang";
  b.contact = "b-wang";
  b.key_id = "kfedcba9876543210";
  b.public_key[0] = 0xff;
  std::string pdf = ok(plan_pdf(doc({a_signed(), b}), Lang::en, kNow));
  std::string text = pdf_text(pdf);
  expect_all(text, {"1. Emergency contact group", "5. Governance", "Signature page", "Signed",
                    "Leader", "kfedcba9876543210", "k0123456789abcdef", "Statement SHA-256"});
  EXPECT_EQ(text.find("Not yet signed"), std::string::npos);
  std::string joined = pdf_text_joined(pdf);
  expect_all(joined, {key_fingerprint(a_signed().public_key), key_fingerprint(b.public_key),
                      sha256_hex(statement), "wang.fang", "Version1·inforce"});
}

// ---------------------------------------------------------------- incidents

class IncidentDocumentTest : public ::testing::Test {
 protected:
  const Plan& plan = example_plan();
  IncidentState state;
  std::vector<Event> events;
  Instant t0 = pactum::testing::monday();

  void run(const Command& c, const std::string& contact, Instant now) {
    auto r = decide(plan, state, c, actor(contact), now);
    ASSERT_TRUE(r.ok()) << r.error().message << " (" << r.error().field << ")";
    for (const auto& e : *r) {
      evolve(state, e);
      events.push_back(e);
    }
  }
  void reported_at(const std::string& urgency, const std::string& impact = "minor") {
    cmd::Report r;
    r.incident_id = "INC-2026-0007";
    r.trigger = "T1";
    r.condition = "T1.outage";
    r.phenomenon = "订单系统无法访问";
    r.scope = "全部线上订单";
    r.cause_guess = "数据库主节点宕机";
    r.discovered_at = at("2026-03-02T08:30:00+08:00");
    r.responsible_party = "A";
    run(r, "a-li", t0);
    run(cmd::Assess{impact, urgency, "", ""}, "a-zhang", t0 + std::chrono::hours(1));
  }
  IncidentDocument doc() const { return IncidentDocument{plan, "INC-2026-0007", state, events}; }
};

TEST_F(IncidentDocumentTest, V1_TheReviewReportFollowsTheTemplate_zh) {
  reported_at("normal");  // L1
  run(cmd::CompleteStep{"L1.backup", {{EvidenceKind::note, "已切换到测试环境", ""}}}, "a-li",
      t0 + std::chrono::hours(2));
  run(cmd::Resolve{"已恢复主节点"}, "a-li", t0 + std::chrono::hours(6));
  Review review{t0,
                "上海机房",
                "甲方运维组",
                "误操作删除数据表",
                "变更流程缺失",
                Avoidability::avoidable,
                "有审批即可避免",
                {{"A1", "补充变更审批流程", "tech_lead", t0 + std::chrono::hours(24 * 10)}}};
  run(cmd::SubmitReview{review}, "a-li", t0 + std::chrono::hours(30));
  run(cmd::ApproveReview{"同意"}, "b-wang", t0 + std::chrono::hours(31));
  run(cmd::CompleteAction{"A1", {{EvidenceKind::note, "流程已发布", ""}}}, "b-zhou",
      t0 + std::chrono::hours(40));
  std::string pdf = ok(review_pdf(doc(), Lang::zh_CN, kNow));
  expect_all(pdf_text(pdf),
             {"复盘报告", "一、事件概况", "二、时间线", "三、原因分析", "四、处置措施",
              "五、后续改进措施", "六、提交与审核", "问题发生时间", "直接原因", "间接原因",
              "可避免性评估", "责任人", "上海机房", "甲方运维组", "变更流程缺失", "INC-2026-0007",
              "L1 一般级", "影响程度 轻微 · 紧急程度 一般", "a-li (A)"});
  expect_all(pdf_text_joined(pdf), {"误操作删除数据表", "可避免:有审批即可避免", "补充变更审批流程",
                                    "流程已发布", "已切换到测试环境", "已恢复主节点",
                                    "订单系统无法访问", "2026-03-0209:00(Asia/Shanghai)"});
}

TEST_F(IncidentDocumentTest, V1_TheReviewReportInEnglish) {
  reported_at("normal");
  run(cmd::Resolve{"Primary restored"}, "a-li", t0 + std::chrono::hours(6));
  run(cmd::SubmitReview{{t0,
                         "Shanghai data centre",
                         "A's operations team",
                         "operator error",
                         "no change process",
                         Avoidability::partly,
                         "",
                         {}}},
      "a-li", t0 + std::chrono::hours(30));
  std::string text = pdf_text(ok(review_pdf(doc(), Lang::en, kNow)));
  expect_all(text, {"Review report", "1. The incident", "2. Timeline", "3. Root-cause analysis",
                    "Direct cause", "operator error", "Indirect cause", "no change process",
                    "Avoidability", "partly avoidable", "5. Follow-up actions", "None.",
                    "Primary restored"});
}

TEST_F(IncidentDocumentTest, V1_NoReviewNoReport) {
  reported_at("normal");
  auto r = review_pdf(doc(), Lang::zh_CN, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::failed_precondition);
  EXPECT_NE(r.error().message.find("no review report yet"), std::string::npos);
}

TEST_F(IncidentDocumentTest, L3_TheRiskNoticeFromTheIncidentsRecords) {
  reported_at("safety");  // L3
  run(cmd::CompleteStep{"L3.risk_notice",
                        {{EvidenceKind::file, "已停止高风险作业，整改方案见附件", "sha256:ab12"}}},
      "a-liu", t0 + std::chrono::hours(3));
  std::string zh = pdf_text(ok(risk_notice_pdf(doc(), Lang::zh_CN, kNow)));
  expect_all(zh, {"风险通报", "发布方", "接收方", "L3 紧急级", "通报内容", "应对方案", "书面通知期",
                  "联系方式"});
  std::string zh_joined;
  for (char c : zh)
    if (c != '\n' && c != ' ') zh_joined += c;
  expect_all(zh_joined,
             {"已停止高风险作业，整改方案见附件", "24小时内向合作方发布风险通报", "30日"});
  for (const auto& p : plan.parties) expect_all(zh, {p.name.zh});
  std::string en = pdf_text(ok(risk_notice_pdf(doc(), Lang::en, kNow)));
  expect_all(en, {"Risk notice", "L3 Emergency", "The notice", "30 days", "Contacts"});
}

TEST_F(IncidentDocumentTest, L3_NoRiskNoticeForALowerLevel) {
  reported_at("normal");  // L1
  auto r = risk_notice_pdf(doc(), Lang::zh_CN, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::failed_precondition);
  EXPECT_NE(r.error().message.find("(L3)"), std::string::npos);
}

TEST_F(IncidentDocumentTest, X2_TheSubmissionToTheSupervisorAfterHandling) {
  reported_at("funds_or_compliance");  // L2
  // S3: three quotes, then the choice (which completes the step with the quotes' evidence).
  const std::pair<const char*, const char*> quotes[] = {
      {"s01", "供应商甲报价 12万"}, {"s02", "供应商乙报价 15万"}, {"s03", "供应商丙报价 18万"}};
  for (const auto& [supplier, text] : quotes) {
    run(cmd::RecordQuote{"L2.quotes",
                         {supplier,
                          "",
                          12'000'000,
                          t0 + std::chrono::days(30),
                          {{EvidenceKind::record, text, supplier}}}},
        "a-li", t0 + std::chrono::hours(5));
  }
  run(cmd::ChooseQuote{"L2.quotes", "s01", "报价最低"}, "a-li", t0 + std::chrono::hours(5));
  auto early = supervisor_submission_pdf(doc(), Lang::zh_CN, kNow);
  ASSERT_FALSE(early.ok()) << "not before handling";
  EXPECT_EQ(early.error().code, ErrorCode::failed_precondition);
  EXPECT_NE(early.error().message.find("not resolved yet"), std::string::npos);

  run(cmd::Resolve{"已更换存储设备"}, "a-li", t0 + std::chrono::hours(48));
  std::string pdf = ok(supervisor_submission_pdf(doc(), Lang::zh_CN, kNow));
  expect_all(pdf_text(pdf),
             {"提交第三方监理机构审核", "技术监理", "L2 重大级", "申请验收", "复盘报告尚未提交。"});
  expect_all(pdf_text_joined(pdf),
             {"供应商甲报价12万", "供应商丙报价18万", "已更换存储设备",
              "重大技术故障修复后，需第三方验收", "完成处置后，15日内提交第三方监理机构审核"});
  std::string en = pdf_text(ok(supervisor_submission_pdf(doc(), Lang::en, kNow)));
  expect_all(en, {"Submission to the third-party supervisor", "Technical supervisor",
                  "Acceptance requested", "L2 Major"});
}

TEST_F(IncidentDocumentTest, X2_NoSubmissionForAnIncidentThatWasNeverMajor) {
  reported_at("normal");
  run(cmd::Resolve{"已恢复"}, "a-li", t0 + std::chrono::hours(6));
  auto r = supervisor_submission_pdf(doc(), Lang::en, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("(X2)"), std::string::npos);
}

}  // namespace
}  // namespace pactum::documents
