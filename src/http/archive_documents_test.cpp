// G5: the documents an archive bundle carries, made from records (no store, no clock): names,
// languages, which incidents have which document, and what they say, read back with pdftotext.
#include "http/archive_documents.hpp"

#include <gtest/gtest.h>

#include "documents/plan_document.hpp"
#include "documents/testing.hpp"
#include "domain/digest.hpp"
#include "domain/governance/statement.hpp"
#include "testing/example_plan.hpp"

namespace pactum::http {
namespace {

using pactum::testing::actor;
using pactum::testing::at;
using pactum::testing::example_plan;

const Instant kNow = at("2026-12-31T16:00:00Z");
const Instant t0 = testing::monday();

class ArchiveDocumentsTest : public ::testing::Test {
 protected:
  engine::ArchiveRecords records;

  void SetUp() override {
    const Plan& plan = example_plan();
    engine::PlanVersionInfo v;
    v.version = 1;
    v.yaml = pactum::testing::example_plan_yaml();
    v.sha256 = sha256_hex(v.yaml);
    v.effective = date::local_days{date::year{2026} / 3 / 2};
    v.statement = governance::statement(plan, v.yaml, v.effective);
    v.state = governance::VersionState::in_force;
    engine::SignerKeyInfo key;
    key.key_id = "k0123456789abcdef";
    key.user = "zhang";
    key.contact = "a-zhang";
    key.party = "A";
    key.public_key.fill(7);
    v.signatures.push_back({"A", key.key_id, "zhang", std::string(64, 'x'), t0});
    records.ledger.keys[key.key_id] = key;
    records.ledger.versions[1] = v;
    records.ledger.in_force = 1;
    records.plan = plan;
  }

  // An incident reported and assessed at `urgency`, with `more` commands after.
  void incident(const std::string& id, const std::string& urgency,
                const std::vector<std::pair<Command, std::string>>& more = {}) {
    auto& incident = records.incidents[id];
    auto run = [&](const Command& c, const std::string& contact, Instant now) {
      auto r = decide(*records.plan, incident.state, c, actor(contact), now);
      ASSERT_TRUE(r.ok()) << r.error().message;
      for (const auto& e : *r) {
        evolve(incident.state, e);
        incident.events.push_back(e);
      }
    };
    cmd::Report report{id, "T1", "T1.outage", "订单系统无法访问", "全部线上订单", "断电",
                       t0, "A",  ""};
    run(report, "a-li", t0);
    run(cmd::Assess{"minor", urgency, "", ""}, "a-zhang", t0 + std::chrono::hours(1));
    for (const auto& [c, contact] : more) run(c, contact, t0 + std::chrono::hours(6));
  }

  std::map<std::string, std::string> made() {
    auto files = archive_documents(kNow)(records);
    EXPECT_TRUE(files.ok()) << files.error().message;
    std::map<std::string, std::string> out;
    for (auto& f : *files) out[f.path] = std::move(f.bytes);
    return out;
  }
};

std::vector<std::string> names(const std::map<std::string, std::string>& files) {
  std::vector<std::string> out;
  for (const auto& [name, bytes] : files) out.push_back(name);
  return out;
}

TEST_F(ArchiveDocumentsTest, G5_EachVersionAndEachIncidentsDocumentsInBothLanguages) {
  Review review{t0,         "上海机房",           "甲方运维组", "存储设备老化",
                "巡检缺失", Avoidability::partly, "",           {}};
  incident("INC-2026-0001", "normal",  // L1, reviewed
           {{cmd::Resolve{"已恢复"}, "a-li"}, {cmd::SubmitReview{review}, "a-li"}});
  incident("INC-2026-0002", "safety",  // L3: a risk notice, not resolved, no review
           {{cmd::CompleteStep{"L3.risk_notice",
                               {{EvidenceKind::file, "已停止高风险作业", "sha256:ab12"}}},
             "a-liu"}});
  incident("INC-2026-0003", "normal");  // nothing to document yet
  auto files = made();
  EXPECT_EQ(names(files),
            (std::vector<std::string>{"INC-2026-0001-review.en.pdf", "INC-2026-0001-review.zh.pdf",
                                      "INC-2026-0002-risk-notice.en.pdf",
                                      "INC-2026-0002-risk-notice.zh.pdf", "plan-v1.en.pdf",
                                      "plan-v1.zh.pdf"}));
  using documents::testing::pdf_text;
  using documents::testing::pdf_text_joined;
  std::string plan_zh = pdf_text(files["plan-v1.zh.pdf"]);
  for (const char* words : {"签署页", "已签署", "k0123456789abcdef"}) {
    EXPECT_NE(plan_zh.find(words), std::string::npos) << words;
  }
  EXPECT_NE(pdf_text_joined(files["plan-v1.zh.pdf"])
                .find(documents::key_fingerprint(records.ledger.keys.begin()->second.public_key)),
            std::string::npos);
  EXPECT_NE(pdf_text(files["plan-v1.en.pdf"]).find("Signature page"), std::string::npos);
  std::string review_zh = pdf_text(files["INC-2026-0001-review.zh.pdf"]);
  for (const char* words : {"复盘报告", "INC-2026-0001", "存储设备老化", "上海机房"}) {
    EXPECT_NE(review_zh.find(words), std::string::npos) << words;
  }
  EXPECT_NE(pdf_text(files["INC-2026-0001-review.en.pdf"]).find("Review report"),
            std::string::npos);
  EXPECT_NE(pdf_text_joined(files["INC-2026-0002-risk-notice.zh.pdf"]).find("已停止高风险作业"),
            std::string::npos);
}

TEST_F(ArchiveDocumentsTest, G5_WithoutAPlanInForceOnlyTheVersionsAreDocumented) {
  incident("INC-2026-0001", "safety");
  records.plan.reset();
  EXPECT_EQ(names(made()), (std::vector<std::string>{"plan-v1.en.pdf", "plan-v1.zh.pdf"}));
}

}  // namespace
}  // namespace pactum::http
