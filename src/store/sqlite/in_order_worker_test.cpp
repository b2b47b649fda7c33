#include "store/sqlite/in_order_worker.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace pactum::store::sqlite {
namespace {

TEST(InOrderWorker, RunsJobsInTheOrderGivenOffTheCallersThread) {
  std::vector<int> ran;
  std::thread::id caller = std::this_thread::get_id();
  bool elsewhere = true;
  {
    InOrderWorker worker;
    for (int i = 0; i < 1000; ++i) {
      worker.post([&, i] {
        ran.push_back(i);  // only the worker's thread touches it
        elsewhere = elsewhere && std::this_thread::get_id() != caller;
      });
    }
  }  // the destructor runs every job posted before it
  ASSERT_EQ(ran.size(), 1000u);
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(ran[static_cast<std::size_t>(i)], i);
  EXPECT_TRUE(elsewhere);
}

TEST(InOrderWorker, AJobMayPostAnotherWhichStillRunsBeforeTheWorkerStops) {
  int second = 0;
  {
    InOrderWorker worker;
    worker.post([&] { worker.post([&] { second = 2; }); });
  }
  EXPECT_EQ(second, 2);
}

}  // namespace
}  // namespace pactum::store::sqlite
