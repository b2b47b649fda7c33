// Test support for the PostgreSQL backend's tests (only test binaries include this): a throwaway
// cluster started by tests/support/pg_cluster.py — ctest's fixture `postgres` starts one for
// the whole run and names its directory in PACTUM_TEST_POSTGRES; a test binary run by hand starts
// its own, stopped when it exits. Each test gets a database of its own.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "store/postgres/connection.hpp"

namespace pactum::store::testing {

class ThrowawayPostgres {
 public:
  // The cluster every test of this process uses; fails the test (never skips it) when none runs.
  static ThrowawayPostgres& instance() {
    static ThrowawayPostgres cluster;
    return cluster;
  }

  // The URL of the cluster's administrative database ("postgres").
  const std::string& admin_url() const { return url_; }

  // A new, empty database of its own ("t<pid>_<n>"); its URL.
  std::string fresh_database() {
    static int n = 0;
    std::string name = "t" + std::to_string(::getpid()) + "_" + std::to_string(++n);
    auto db = pg::Connection::open(url_);
    EXPECT_TRUE(db.ok()) << db.error().message;
    if (!db) return "";
    // A name made here, not a value from outside: the one SQL text built with one.
    EXPECT_TRUE(db->exec(("CREATE DATABASE " + name).c_str()).ok());
    return url_.substr(0, url_.rfind('/') + 1) + name;
  }

  ~ThrowawayPostgres() {
    if (!own_.empty()) script("stop", own_);
  }

 private:
  ThrowawayPostgres() {
    std::filesystem::path dir;
    if (const char* shared = std::getenv("PACTUM_TEST_POSTGRES")) {
      dir = shared;
    } else {
      own_ = (std::filesystem::temp_directory_path() /
              ("pactum-postgres-" + std::to_string(::getpid())))
                 .string();
      if (int rc = script("start", own_); rc != 0) {
        ADD_FAILURE() << "could not start a throwaway PostgreSQL (tests/support/pg_cluster.py "
                         "start exited with "
                      << rc << "; its reason is above)";
      }
      dir = own_;
    }
    std::ifstream in(dir / "url");
    std::getline(in, url_);
    if (url_.empty())
      ADD_FAILURE() << "no throwaway PostgreSQL running: " << dir << "/url is missing";
  }

  static int script(const char* what, const std::string& dir) {
    std::string command =
        std::string("/usr/bin/python3 " PACTUM_SOURCE_DIR "/tests/support/pg_cluster.py ") + what +
        " '" + dir + "' >/dev/null";
    return std::system(command.c_str());
  }

  std::string own_;  // the directory of the cluster this process started, if it did
  std::string url_;
};

}  // namespace pactum::store::testing
