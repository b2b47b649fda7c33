#include "domain/evidence/note.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include "domain/evidence/testing.hpp"

namespace pactum::evidence {
namespace {

using testing::seed_of;

// The example key and note of Go's golang.org/x/mod/sumdb/note package: what any standard
// verifier accepts.
constexpr std::string_view kGoVkey =
    "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
constexpr std::string_view kGoSeedBase64 = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
constexpr std::string_view kGoNote =
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n"
    "\n"
    "\xE2\x80\x94 PeterNeumann "
    "x08go/ZJkuBS9UG/"
    "SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

TEST(NoteTest, InteroperatesWithGosSignedNotes) {
  auto key = parse_vkey(kGoVkey);
  ASSERT_TRUE(key.ok()) << key.error().message;
  EXPECT_EQ(key->id(), 0xc74f20a3u);
  EXPECT_EQ(key->vkey(), kGoVkey);
  auto note = parse_note(kGoNote);
  ASSERT_TRUE(note.ok()) << note.error().message;
  EXPECT_TRUE(verify(*note, *key).ok());
  // Ed25519 is deterministic: signing the same text with the same key gives the same note.
  unsigned char material[33];
  std::size_t length = 0;
  ASSERT_EQ(sodium_base642bin(material, sizeof material, kGoSeedBase64.data(), kGoSeedBase64.size(),
                              nullptr, &length, nullptr, sodium_base64_VARIANT_ORIGINAL),
            0);
  Seed seed;
  std::copy(material + 1, material + 33, seed.begin());
  EXPECT_EQ(public_key_of(seed), key->key);
  Note again{note->text, {sign(note->text, "PeterNeumann", seed)}};
  EXPECT_EQ(again.format(), kGoNote);
}

TEST(NoteTest, ACheckpointRoundTripsThroughItsText) {
  Checkpoint c{"pactum.example/coop-emergency-plan", 20852163, {}};
  c.root.fill(0xab);
  auto text = c.text();
  EXPECT_EQ(text.substr(0, text.find('\n')), "pactum.example/coop-emergency-plan");
  auto back = parse_checkpoint(text);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->size, 20852163u);
  EXPECT_EQ(back->root, c.root);
  EXPECT_FALSE(parse_checkpoint("origin\n007\nq83vEjRWeJA=\n").ok()) << "leading zeros";
  EXPECT_FALSE(parse_checkpoint("origin\n7\nnot base64\n").ok());
  EXPECT_FALSE(parse_checkpoint("origin\n7\n").ok());
}

TEST(NoteTest, AWitnessCosignatureVerifiesWithItsTimestampAndOnlyForTheSameText) {
  Checkpoint c{"pactum.example/log", 5, {}};
  Note note{c.text(), {sign(c.text(), "pactum.example/log", seed_of(1))}};
  note.signatures.push_back(cosign(c.text(), "party-b.example/witness", seed_of(2), 1764979200));
  auto parsed = parse_note(note.format());
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  VerifierKey log{"pactum.example/log", kEd25519, public_key_of(seed_of(1))};
  VerifierKey witness{"party-b.example/witness", kCosignature, public_key_of(seed_of(2))};
  EXPECT_EQ(verify(*parsed, log).value(), 0u);
  EXPECT_EQ(verify(*parsed, witness).value(), 1764979200u);
  EXPECT_EQ(parse_vkey(witness.vkey()).value().type, kCosignature);

  Note other = *parsed;
  other.text = Checkpoint{"pactum.example/log", 6, c.root}.text();
  EXPECT_FALSE(verify(other, witness).ok()) << "a cosignature is for one checkpoint";
  VerifierKey stranger{"party-b.example/witness", kCosignature, public_key_of(seed_of(3))};
  auto unknown = verify(*parsed, stranger);
  ASSERT_FALSE(unknown.ok()) << "another key with the same name is not the witness";
  EXPECT_NE(unknown.error().message.find("not signed by"), std::string::npos);
}

TEST(NoteTest, MalformedNotesAndKeysAreRefused) {
  EXPECT_FALSE(parse_note("text\n").ok()) << "no blank line, no signature";
  EXPECT_FALSE(parse_note("text\n\n").ok()) << "no signature";
  EXPECT_FALSE(parse_note("text\n\n- name AAAAAAA=\n").ok()) << "not an em dash";
  EXPECT_FALSE(parse_note("te\x01xt\n\n\xE2\x80\x94 name AAAAAAA=\n").ok())
      << "a control character";
  EXPECT_FALSE(parse_vkey("name+00000000+AQ==").ok()) << "a short key";
  auto wrong_id = std::string(kGoVkey);
  wrong_id[13] = '0';
  EXPECT_FALSE(parse_vkey(wrong_id).ok()) << "an id that does not match";
}

}  // namespace
}  // namespace pactum::evidence
