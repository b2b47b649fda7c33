// The duties' CSV export: header, quoting, the byte-order mark, formulas neutralised.
#include "domain/programme/duties_csv.hpp"

#include <gtest/gtest.h>

#include "testing/example_plan.hpp"

namespace pactum {
namespace {

using testing::at;

Duty v2() {
  Duty d;
  d.rule = "V2";
  d.period = "2026-Q1";
  d.title = {"应急演练", "Emergency drill"};
  d.owner_role = "leader";
  d.owner_party = "any";
  d.starts = at("2025-12-31T16:00:00Z");
  d.due = at("2026-03-31T16:00:00Z");
  d.state = DutyState::met;
  d.done = 1;
  d.met_by = {"DR-2026-0001", "DR-2026-0002"};
  return d;
}

TEST(DutiesCsv, V2_OneRowPerDutyUnderAHeaderWithAByteOrderMark) {
  std::string csv = duties_csv({v2()});
  EXPECT_EQ(csv,
            "\xEF\xBB\xBF"
            "rule,period,subject,title_zh,title_en,owner_role,owner_party,starts,due,state,"
            "required,done,met_by,waiver_reason\r\n"
            "V2,2026-Q1,,应急演练,Emergency drill,leader,any,2025-12-31T16:00:00.000Z,"
            "2026-03-31T16:00:00.000Z,met,1,1,DR-2026-0001 DR-2026-0002,\r\n");
}

TEST(DutiesCsv, FieldsWithCommasQuotesAndLineBreaksAreQuoted) {
  Duty d = v2();
  d.title = {"演练，季度", "Drill, \"quarterly\""};
  d.state = DutyState::waived;
  d.met_by.clear();
  d.waiver_reason = "agreed\nin writing";
  std::string csv = duties_csv({d});
  EXPECT_NE(csv.find(",演练，季度,\"Drill, \"\"quarterly\"\"\","), std::string::npos) << csv;
  EXPECT_NE(csv.find(",waived,1,1,,\"agreed\nin writing\"\r\n"), std::string::npos) << csv;
}

TEST(DutiesCsv, AFieldThatLooksLikeAFormulaIsShownAsText) {
  Duty d = v2();
  d.waiver_reason = "=HYPERLINK(\"http://x\")";
  std::string csv = duties_csv({d});
  EXPECT_NE(csv.find(",\"'=HYPERLINK(\"\"http://x\"\")\"\r\n"), std::string::npos) << csv;
  d.waiver_reason = "-1";
  EXPECT_NE(duties_csv({d}).find(",'-1\r\n"), std::string::npos);
}

TEST(DutiesCsv, NoDutiesIsTheHeaderAlone) {
  std::string csv = duties_csv({});
  EXPECT_EQ(csv.substr(3, 5), "rule,");
  EXPECT_EQ(csv.find("\r\n"), csv.size() - 2);
}

}  // namespace
}  // namespace pactum
