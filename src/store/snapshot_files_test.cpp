#include "store/snapshot_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "store/testing.hpp"

namespace pactum::store {
namespace {

TEST(SnapshotFiles, KeepsTheNewestAndListsThemNewestFirst) {
  testing::TestDirectory dir("snapshot-files");
  SnapshotFiles files(dir.file("snapshots"));
  EXPECT_TRUE(files.seqs().empty()) << "no directory yet: no snapshot";
  ASSERT_TRUE(files.write(100, "a").ok());
  ASSERT_TRUE(files.write(250, "b").ok());
  ASSERT_TRUE(files.write(90000, "c").ok());
  EXPECT_EQ(files.seqs(), (std::vector<std::int64_t>{90000, 250}));
  EXPECT_EQ((*files.read(90000))->bytes(), "c");
  EXPECT_EQ(files.path(250), dir.file("snapshots") + "/00000000000000000250.snapshot");
  EXPECT_FALSE(files.read(100)) << "removed";
}

TEST(SnapshotFiles, IgnoresFilesNotNamedAsSnapshots) {
  testing::TestDirectory dir("snapshot-files");
  SnapshotFiles files(dir.file("snapshots"));
  ASSERT_TRUE(files.write(7, "x").ok());
  std::ofstream(dir.file("snapshots") + "/notes.txt") << "hello";
  std::ofstream(dir.file("snapshots") + "/12.snapshot") << "short name";
  EXPECT_EQ(files.seqs(), (std::vector<std::int64_t>{7}));
}

}  // namespace
}  // namespace pactum::store
