#include "domain/deadline_words.hpp"

#include <gtest/gtest.h>

namespace pactum {
namespace {

TEST(DeadlineWords, P1_P3_TheSeedsDeadlinesInBothLanguages) {
  ProcessDeadlines seed;
  EXPECT_EQ(deadline_text(seed.report, Lang::zh_CN), "发现异常后2小时内");
  EXPECT_EQ(deadline_text(seed.report, Lang::en), "within 2 h of discovery");
  EXPECT_EQ(deadline_text(seed.sync, Lang::zh_CN), "接报后1小时内");
  EXPECT_EQ(deadline_words(seed.assess).en, "within 4 h of the report");
}

TEST(DeadlineWords, EveryUnitHasWords) {
  EXPECT_EQ(duration_text({30, DurationUnit::days}, Lang::zh_CN), "30日");
  EXPECT_EQ(duration_text({5, DurationUnit::working_days}, Lang::en), "5 working days");
  EXPECT_EQ(duration_text({6, DurationUnit::months}, Lang::zh_CN), "6个月");
  EXPECT_EQ(duration_text({90, DurationUnit::minutes}, Lang::en), "90 min");
}

}  // namespace
}  // namespace pactum
