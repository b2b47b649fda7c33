#include "domain/digest.hpp"

#include <gtest/gtest.h>

namespace pactum {
namespace {

TEST(Digest, Sha256KnownVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Digest, HexRoundTripsAndRefusesWhatIsNotHex) {
  const std::string bytes(
      "\x00\xff"
      "ab",
      4);
  EXPECT_EQ(from_hex(to_hex(bytes)), bytes);
  EXPECT_EQ(from_hex("ABcd"), "\xab\xcd");
  EXPECT_EQ(from_hex("abc"), "");
  EXPECT_EQ(from_hex("zz"), "");
}

TEST(Digest, ChainHashIsTheHashOfPreviousNewlineRecord) {
  std::string record = R"({"type":"incident.reported"})";
  EXPECT_EQ(chain_hash(kGenesisHash, record),
            sha256_hex(std::string(kGenesisHash) + "\n" + record));
}

TEST(Digest, ChangingAnyByteOrThePreviousHashChangesTheHash) {
  std::string a = chain_hash(kGenesisHash, "{\"n\":1}");
  EXPECT_NE(a, chain_hash(kGenesisHash, "{\"n\":2}"));
  EXPECT_NE(chain_hash(a, "{\"n\":2}"), chain_hash(kGenesisHash, "{\"n\":2}"));
  EXPECT_EQ(a.size(), 64u);
}

}  // namespace
}  // namespace pactum
