// The contract of store/checkpoints.hpp, for every backend.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>

#include "store/memory/memory_checkpoints.hpp"
#include "store/postgres/postgres_checkpoints.hpp"
#include "store/postgres/testing.hpp"
#include "store/sqlite/sqlite_checkpoints.hpp"
#include "store/testing.hpp"

namespace pactum::store {
namespace {

namespace fs = std::filesystem;

struct Backend {
  std::string name;
  std::function<std::unique_ptr<Checkpoints>(const fs::path&)> open;
};

class CheckpointsConformance : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    checkpoints_ = GetParam().open(dir_.path());
    ASSERT_TRUE(checkpoints_);
  }
  Instant t = *parse_instant("2026-03-02T01:00:00Z");
  StoredCheckpoint checkpoint(std::int64_t size) {
    return {size, "origin\n" + std::to_string(size) + "\nroot\n\n— origin sig\n", t, {}};
  }
  testing::TestDirectory dir_{"checkpoints-" + GetParam().name};
  std::unique_ptr<Checkpoints> checkpoints_;  // after dir_: closed before it is removed
};

TEST_P(CheckpointsConformance, KeepsOneCheckpointPerSizeAndFindsTheLatest) {
  EXPECT_FALSE(checkpoints_->latest().value());
  EXPECT_TRUE(checkpoints_->add(checkpoint(3)).ok());
  EXPECT_TRUE(checkpoints_->add(checkpoint(10)).ok());
  auto again = checkpoints_->add(checkpoint(10));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  auto latest = checkpoints_->latest().value();
  ASSERT_TRUE(latest);
  EXPECT_EQ(latest->size, 10);
  EXPECT_EQ(latest->note, checkpoint(10).note);
  EXPECT_EQ(latest->issued_at, t);
  EXPECT_EQ(checkpoints_->at(3).value()->size, 3);
  EXPECT_FALSE(checkpoints_->at(4).value());
}

TEST_P(CheckpointsConformance, KeepsEachWitnesssLatestCosignature) {
  ASSERT_TRUE(checkpoints_->add(checkpoint(5)).ok());
  EXPECT_TRUE(checkpoints_->add_cosignature(5, {"b.example/w", "— b.example/w one\n", t}).ok());
  EXPECT_TRUE(checkpoints_->add_cosignature(5, {"a.example/w", "— a.example/w x\n", t}).ok());
  EXPECT_TRUE(checkpoints_->add_cosignature(5, {"b.example/w", "— b.example/w two\n", t}).ok());
  auto c = checkpoints_->at(5).value();
  ASSERT_EQ(c->cosignatures.size(), 2u);
  EXPECT_EQ(c->cosignatures[0].witness, "a.example/w");
  EXPECT_EQ(c->cosignatures[1].line, "— b.example/w two\n");
  auto missing = checkpoints_->add_cosignature(6, {"a.example/w", "x", t});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

TEST_P(CheckpointsConformance, KeepsOneTimestampPerCheckpoint) {
  ASSERT_TRUE(checkpoints_->add(checkpoint(5)).ok());
  std::string token("\x30\x82\x00\x01 DER", 8);
  EXPECT_TRUE(checkpoints_->add_timestamp(5, token).ok());
  EXPECT_EQ(checkpoints_->at(5).value()->timestamp, token);
  EXPECT_EQ(checkpoints_->add_timestamp(5, token).error().code, ErrorCode::conflict);
  EXPECT_EQ(checkpoints_->add_timestamp(6, token).error().code, ErrorCode::not_found);
}

INSTANTIATE_TEST_SUITE_P(
    Backends, CheckpointsConformance,
    ::testing::Values(Backend{"memory",
                              [](const fs::path&) -> std::unique_ptr<Checkpoints> {
                                return std::make_unique<MemoryCheckpoints>();
                              }},
                      Backend{"sqlite",
                              [](const fs::path& dir) -> std::unique_ptr<Checkpoints> {
                                auto r = SqliteCheckpoints::open((dir / "pactum.db").string());
                                EXPECT_TRUE(r.ok()) << r.error().message;
                                return r.ok() ? std::move(*r) : nullptr;
                              }},
                      Backend{"postgres",
                              [](const fs::path&) -> std::unique_ptr<Checkpoints> {
                                auto url = testing::ThrowawayPostgres::instance().fresh_database();
                                auto r = PostgresCheckpoints::open(url);
                                EXPECT_TRUE(r.ok()) << r.error().message;
                                return r.ok() ? std::move(*r) : nullptr;
                              }}),
    [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace pactum::store
