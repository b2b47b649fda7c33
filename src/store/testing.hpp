// Test support for the store's tests (only test binaries include this).
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>

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

}  // namespace pactum::store::testing
