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
  numbers.recorded("EX-2026-0009");
  numbers.recorded("INC-2026-x");
  numbers.hold("whatever");
  numbers.release("whatever");
  EXPECT_EQ(numbers.next("2026"), "INC-2026-0001");
  EXPECT_EQ(parse_incident_number("INC-2026-0042"), (std::pair<std::string, int>{"2026", 42}));
  EXPECT_EQ(parse_incident_number("INC-2026"), std::nullopt);
}

}  // namespace
}  // namespace pactum::engine
