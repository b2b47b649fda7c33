#include "engine/incident_numbers.hpp"

#include <gtest/gtest.h>

namespace pactum::engine {
namespace {

TEST(IncidentNumbersTest, NumbersFollowTheHighestRecordedPerYear) {
  IncidentNumbers numbers;
  EXPECT_EQ(numbers.next("2026"), "INC-2026-0001");
  numbers.recorded("INC-2026-0007");
  numbers.recorded("INC-2025-0003");
  EXPECT_EQ(numbers.next("2026"), "INC-2026-0008");
  EXPECT_EQ(numbers.next("2025"), "INC-2025-0004");
  EXPECT_EQ(numbers.next("2027"), "INC-2027-0001");
}

TEST(IncidentNumbersTest, AHeldNumberIsNotGivenTwice) {
  IncidentNumbers numbers;
  numbers.hold(numbers.next("2026"));
  EXPECT_EQ(numbers.next("2026"), "INC-2026-0002");
  numbers.hold("INC-2026-0002");
  EXPECT_EQ(numbers.next("2026"), "INC-2026-0003");
}

TEST(IncidentNumbersTest, AFailedAppendGivesItsNumberBack) {
  IncidentNumbers numbers;
  numbers.recorded("INC-2026-0004");
  numbers.hold("INC-2026-0005");
  numbers.release("INC-2026-0005");  // the append failed: nothing recorded
  EXPECT_EQ(numbers.next("2026"), "INC-2026-0005");
}

TEST(IncidentNumbersTest, ARecordedNumberStaysTakenAfterRelease) {
  IncidentNumbers numbers;
  numbers.hold("INC-2026-0001");
  numbers.recorded("INC-2026-0001");
  numbers.release("INC-2026-0001");
  EXPECT_EQ(numbers.next("2026"), "INC-2026-0002");
}

TEST(IncidentNumbersTest, IdsOfAnotherFormAreIgnored) {
  IncidentNumbers numbers;
  numbers.recorded("INC-2026-x");
  numbers.recorded("EXTRA-2026-0009");
  numbers.hold("whatever");
  numbers.release("whatever");
  EXPECT_EQ(numbers.next("2026"), "INC-2026-0001");
  EXPECT_EQ(parse_incident_number("INC-2026-0042"), (IncidentNumber{"INC-2026-", 42}));
  EXPECT_EQ(parse_incident_number("EX-2026-0007"), (IncidentNumber{"EX-2026-", 7}));
  EXPECT_EQ(parse_incident_number("INC-2026"), std::nullopt);
  EXPECT_EQ(parse_incident_number("EX-2026-"), std::nullopt);
}

TEST(IncidentNumbersTest, V2_ExercisesAreNumberedApartFromRealIncidents) {
  IncidentNumbers numbers;
  EXPECT_EQ(numbers.next("2026", Series::exercise), "EX-2026-0001");
  numbers.recorded("INC-2026-0007");
  numbers.recorded("EX-2026-0002");
  EXPECT_EQ(numbers.next("2026"), "INC-2026-0008");
  EXPECT_EQ(numbers.next("2026", Series::exercise), "EX-2026-0003");
  numbers.hold("EX-2026-0003");
  EXPECT_EQ(numbers.next("2026", Series::exercise), "EX-2026-0004");
  EXPECT_EQ(numbers.next("2026"), "INC-2026-0008");  // an exercise takes no real number
  numbers.release("EX-2026-0003");
  EXPECT_EQ(numbers.next("2026", Series::exercise), "EX-2026-0003");
}

}  // namespace
}  // namespace pactum::engine
