#include "http/worker_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>

namespace pactum::http {
namespace {

TEST(WorkerPool, ASlowJobDoesNotHoldUpTheOthers) {
  WorkerPool pool(2);
  std::promise<void> release;
  auto released = release.get_future().share();
  std::promise<void> quick_done;
  pool.post([released] { released.wait(); });  // a slow job, until released
  pool.post([&] { quick_done.set_value(); });
  EXPECT_EQ(quick_done.get_future().wait_for(std::chrono::seconds(10)), std::future_status::ready);
  release.set_value();
}

TEST(WorkerPool, EveryJobPostedRunsBeforeThePoolIsGone) {
  std::atomic<int> ran = 0;
  {
    WorkerPool pool(3);
    for (int i = 0; i < 500; ++i) pool.post([&] { ++ran; });
  }
  EXPECT_EQ(ran.load(), 500);
}

}  // namespace
}  // namespace pactum::http
