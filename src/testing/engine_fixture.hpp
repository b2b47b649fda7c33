// Test support: the engine tests' world, built the way `serve` builds it but in memory: an event
// log, a clock the test moves by hand (from `monday()` unless the test says otherwise) and an
// engine over both, loaded, with the example plan in force.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "domain/clock.hpp"
#include "engine/engine.hpp"
#include "store/memory/memory_event_log.hpp"
#include "testing/example_plan.hpp"

namespace pactum::testing {

class EngineFixture : public ::testing::Test {
 protected:
  // `activator`: who puts the plan in force (an administrator of party A unless said).
  explicit EngineFixture(Instant start = monday(), Actor activator = {"admin", "A", {}})
      : clock(start), activator_(std::move(activator)) {}

  // Loads the log and activates `plan_yaml`. A test's own SetUp begins with
  // ASSERT_NO_FATAL_FAILURE(EngineFixture::SetUp()).
  void SetUp() override {
    ASSERT_TRUE(engine.load().ok());
    ASSERT_TRUE(engine.activate_plan(plan_yaml, activator_).ok());
  }

  store::MemoryEventLog log;
  ManualClock clock;
  engine::Engine engine{log, clock};
  // The plan put in force: the example plan, unless a test's constructor changes it.
  std::string plan_yaml = example_plan_yaml();

 private:
  Actor activator_;
};

}  // namespace pactum::testing
