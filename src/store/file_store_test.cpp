#include "store/file_store.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "domain/digest.hpp"
#include "store/testing.hpp"

namespace pactum::store {
namespace {
namespace fs = std::filesystem;

std::size_t files_under(const fs::path& dir) {
  std::size_t n = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) n += e.is_regular_file();
  return n;
}

TEST(FileStore, L4_StoresBytesUnderTheirDigestWithTypeAndName) {
  testing::TestDirectory dir("files");
  FileStore files(dir.file("files"));
  std::string bytes = "%PDF-1.4 report";
  auto stored = files.put(bytes, "application/pdf", "监理报告.pdf");
  ASSERT_TRUE(stored) << stored.error().message;
  std::string digest = sha256_hex(bytes);
  EXPECT_EQ(stored->sha256, digest);
  EXPECT_EQ(stored->size, static_cast<std::int64_t>(bytes.size()));
  EXPECT_TRUE(fs::is_regular_file(dir.path() / "files" / digest.substr(0, 2) / digest));
  auto info = files.info(digest);
  ASSERT_TRUE(info);
  EXPECT_EQ(*info, (StoredFile{digest, 15, "application/pdf", "监理报告.pdf"}));
  EXPECT_EQ(*files.read(digest), bytes);
  EXPECT_TRUE(files.contains(digest));
  EXPECT_EQ(files.check(digest), std::nullopt);
}

TEST(FileStore, L4_SameBytesTwiceIsANoOpKeepingTheFirstName) {
  testing::TestDirectory dir("files");
  FileStore files(dir.file("files"));
  ASSERT_TRUE(files.put("photo", "image/jpeg", "first.jpg"));
  auto time = fs::last_write_time(dir.path() / "files" / sha256_hex("photo").substr(0, 2) /
                                  sha256_hex("photo"));
  auto again = files.put("photo", "image/png", "second.png");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->name, "first.jpg");
  EXPECT_EQ(again->type, "image/jpeg");
  EXPECT_EQ(fs::last_write_time(dir.path() / "files" / sha256_hex("photo").substr(0, 2) /
                                sha256_hex("photo")),
            time);
  EXPECT_EQ(files_under(dir.path() / "files"), 2u);  // the bytes and their metadata, once
}

TEST(FileStore, L4_LeavesNoTemporaryFileBehind) {
  testing::TestDirectory dir("files");
  FileStore files(dir.file("files"));
  ASSERT_TRUE(files.put("a", "text/plain", "a.txt"));
  ASSERT_TRUE(files.put("b", "text/plain", "b.txt"));
  EXPECT_TRUE(fs::is_empty(dir.path() / "files" / "tmp"));
}

TEST(FileStore, L4_UnwritableDirectoryIsUnavailableAndLeavesNothing) {
  testing::TestDirectory dir("files");
  std::ofstream(dir.file("files")) << "a file where the directory should be";
  FileStore files(dir.file("files"));
  auto stored = files.put("x", "text/plain", "x.txt");
  ASSERT_FALSE(stored);
  EXPECT_EQ(stored.error().code, ErrorCode::unavailable);
  EXPECT_FALSE(files.contains(sha256_hex("x")));
}

TEST(FileStore, L4_MalformedDigestIsInvalidAndUnknownIsNotFound) {
  testing::TestDirectory dir("files");
  FileStore files(dir.file("files"));
  for (const std::string& bad :
       std::vector<std::string>{"", "abc", std::string(64, 'A'), std::string(63, 'a'),
                                "../" + std::string(61, 'a'), std::string(64, 'g')}) {
    auto info = files.info(bad);
    ASSERT_FALSE(info) << bad;
    EXPECT_EQ(info.error().code, ErrorCode::invalid_argument) << bad;
    EXPECT_EQ(info.error().field, "sha256");
    EXPECT_FALSE(files.contains(bad));
  }
  auto unknown = files.info(std::string(64, 'a'));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::not_found);
}

TEST(FileStore, L4_CheckNamesAMissingOrAlteredFile) {
  testing::TestDirectory dir("files");
  FileStore files(dir.file("files"));
  std::string digest = sha256_hex("original");
  EXPECT_EQ(files.check(digest), "missing");
  ASSERT_TRUE(files.put("original", "text/plain", "o.txt"));
  std::ofstream(dir.path() / "files" / digest.substr(0, 2) / digest, std::ios::trunc) << "changed";
  EXPECT_EQ(files.check(digest), "altered: its bytes hash to " + sha256_hex("changed"));
}

TEST(FileStore, L4_WithoutItsMetadataAFileIsServedAsBytesNamedByItsDigest) {
  testing::TestDirectory dir("files");
  FileStore files(dir.file("files"));
  ASSERT_TRUE(files.put("bytes", "image/png", "p.png"));
  std::string digest = sha256_hex("bytes");
  fs::remove(dir.path() / "files" / digest.substr(0, 2) / (digest + ".json"));
  auto info = files.info(digest);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->type, "application/octet-stream");
  EXPECT_EQ(info->name, digest);
}

TEST(FileStore, L4_ACopyCarriesEveryFileWithItsNameAndRefusesAnAlteredOne) {
  testing::TestDirectory dir("files");
  FileStore files(dir.file("files"));
  ASSERT_TRUE(files.put("one", "text/plain", "一.txt"));
  ASSERT_TRUE(files.put("two", "image/png", "two.png"));
  EXPECT_EQ(files.digests().size(), 2u);
  std::int64_t copied = 0;
  ASSERT_TRUE(files.copy_to(dir.file("copy"), copied).ok());
  EXPECT_EQ(copied, 2);
  FileStore copy(dir.file("copy"));
  EXPECT_EQ(copy.digests(), files.digests());
  EXPECT_EQ(copy.info(sha256_hex("one"))->name, "一.txt");
  EXPECT_EQ(copy.check(sha256_hex("two")), std::nullopt);

  std::string two = sha256_hex("two");
  std::ofstream(dir.path() / "files" / two.substr(0, 2) / two, std::ios::trunc) << "changed";
  auto refused = files.copy_to(dir.file("copy2"), copied);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find(two), std::string::npos) << refused.error().message;
  EXPECT_TRUE(FileStore(dir.file("nowhere")).digests().empty());
}

}  // namespace
}  // namespace pactum::store
