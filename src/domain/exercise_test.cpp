// V2: an exercise is known by its number and marked in both languages.
#include "domain/exercise.hpp"

#include <gtest/gtest.h>

namespace pactum {
namespace {

TEST(Exercise, V2_AnExerciseIsKnownByItsNumber) {
  EXPECT_TRUE(is_exercise("EX-2026-0001"));
  EXPECT_FALSE(is_exercise("INC-2026-0001"));
  EXPECT_FALSE(is_exercise("EX"));
  EXPECT_FALSE(is_exercise("EXTRA-1"));
  EXPECT_FALSE(is_exercise(""));
}

TEST(Exercise, V2_TextAboutAnExerciseIsMarkedInEachLanguage) {
  EXPECT_EQ(marked_as_exercise("事件上报", Lang::zh_CN), "【演练】事件上报");
  EXPECT_EQ(marked_as_exercise("Incident reported", Lang::en), "[EXERCISE] Incident reported");
}

}  // namespace
}  // namespace pactum
