// Test support for the store's tests (only test binaries include this).
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include "store/event_log.hpp"

namespace pactum::store::testing {

// An empty directory of the running test's own, "<tmp>/pactum-<what>-<pid>-<test>", removed
// with everything in it when this goes.
class TestDirectory {
 public:
  explicit TestDirectory(const std::string& what) {
    std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::replace(test.begin(), test.end(), '/', '-');  // a parameterised test's name has one
    path_ = std::filesystem::temp_directory_path() /
            ("pactum-" + what + "-" + std::to_string(::getpid()) + "-" + test);
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TestDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TestDirectory(const TestDirectory&) = delete;
  TestDirectory& operator=(const TestDirectory&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// Holds a group-committing log's writer in its first request's transaction while `queue` queues
// more appends: they are then written together, as one batch, in the next transaction.
inline std::vector<std::future<Result<AppendResult>>> one_batch(
    EventLog& log, AppendRequest first, const std::function<std::vector<AppendRequest>()>& queue) {
  std::promise<void> queued;
  auto go = queued.get_future().share();
  first.prepare = [go](AppendRequest&) { go.wait(); };
  std::vector<std::future<Result<AppendResult>>> out;
  auto submit = [&log, &out](AppendRequest r) {
    auto done = std::make_shared<std::promise<Result<AppendResult>>>();
    out.push_back(done->get_future());
    log.append(std::move(r),
               [done](Result<AppendResult> result) { done->set_value(std::move(result)); });
  };
  submit(std::move(first));
  for (auto& r : queue()) submit(std::move(r));
  queued.set_value();
  return out;
}

}  // namespace pactum::store::testing
