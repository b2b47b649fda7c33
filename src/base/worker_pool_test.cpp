#include "base/worker_pool.hpp"

#include <gtest/gtest.h>
#include <pthread.h>
#include <sched.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>
#include <vector>

namespace pactum::base {
namespace {

TEST(WorkerPool, WithOneThreadRunsJobsInTheOrderGivenOffTheCallersThread) {
  std::vector<int> ran;
  std::thread::id caller = std::this_thread::get_id();
  bool elsewhere = true;
  {
    WorkerPool worker(1, "test-worker");
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

TEST(WorkerPool, AJobMayPostAnotherWhichStillRunsBeforeThePoolStops) {
  int second = 0;
  {
    WorkerPool worker(1, "test-worker");
    worker.post([&] { worker.post([&] { second = 2; }); });
  }
  EXPECT_EQ(second, 2);
}

TEST(WorkerPool, ASlowJobDoesNotHoldUpTheOthers) {
  WorkerPool pool(2, "test-pool");
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
    WorkerPool pool(3, "test-pool");
    for (int i = 0; i < 500; ++i) pool.post([&] { ++ran; });
  }
  EXPECT_EQ(ran.load(), 500);
}

TEST(WorkerPool, ABatchPoolsThreadsRunAsBatchWorkAndOthersAsUsual) {
  auto policy_of = [](bool batch) {
    std::promise<int> seen;
    WorkerPool pool(1, "test-pool", batch);
    pool.post([&] { seen.set_value(sched_getscheduler(0)); });
    return seen.get_future().get();
  };
  EXPECT_EQ(policy_of(true), SCHED_BATCH);
  EXPECT_EQ(policy_of(false), SCHED_OTHER);
}

TEST(WorkerPool, ItsThreadsCarryItsNameCutToWhatLinuxKeeps) {
  auto name_seen_by = [](std::string name) {
    std::promise<std::string> seen;
    WorkerPool pool(1, std::move(name));
    pool.post([&] {
      char buf[32] = {};
      pthread_getname_np(pthread_self(), buf, sizeof buf);
      seen.set_value(buf);
    });
    return seen.get_future().get();
  };
  EXPECT_EQ(name_seen_by("log-complete"), "log-complete");
  EXPECT_EQ(name_seen_by("a-name-longer-than-fifteen"), "a-name-longer-t");
}

}  // namespace
}  // namespace pactum::base
