// Signed notes (C2SP signed-note), the checkpoints written in them (C2SP tlog-checkpoint) and
// the witnesses' cosignatures (C2SP tlog-cosignature, Ed25519 with a timestamp), so that any
// standard verifier can check what Pactum and each party's witness signed. Pure computation:
// signing takes the key's 32-byte seed; making a seed (randomness) is the caller's business.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/evidence/merkle.hpp"
#include "domain/result.hpp"

namespace pactum::evidence {

inline constexpr std::uint8_t kEd25519 = 0x01;      // a log's signature (signed-note)
inline constexpr std::uint8_t kCosignature = 0x04;  // a witness's timestamped cosignature

using Seed = std::array<unsigned char, 32>;
using PublicKey = std::array<unsigned char, 32>;

PublicKey public_key_of(const Seed& seed);

// Whether `signature` (64 bytes) is a valid Ed25519 signature of `message` by `key`.
bool ed25519_verify(std::string_view message, std::string_view signature, const PublicKey& key);

// Standard base64 (RFC 4648 §4), as signed notes and proofs write hashes and keys.
std::string base64(std::string_view bytes);
std::string base64(const Hash& hash);
std::optional<std::string> unbase64(std::string_view text);

// A key as a verifier knows it: its name, signature type and public key.
struct VerifierKey {
  std::string name;
  std::uint8_t type = kEd25519;
  PublicKey key{};
  // SHA-256(name ‖ "\n" ‖ type ‖ key)[:4], big-endian.
  std::uint32_t id() const;
  // The signed-note verifier key text: "<name>+<8 hex id>+<base64(type ‖ key)>".
  std::string vkey() const;
};
Result<VerifierKey> parse_vkey(std::string_view vkey);

struct NoteSignature {
  std::string name;
  std::uint32_t key_id = 0;
  std::string signature;  // the bytes after the key id
};

// "— NAME BASE64(key id ‖ signature)\n"
std::string signature_line(const NoteSignature& s);

struct Note {
  std::string text;  // ends with a newline; what is signed
  std::vector<NoteSignature> signatures;
  // The note as served: text, a blank line, "— name base64(id ‖ signature)" lines.
  std::string format() const;
};
// Refuses what signed-note forbids: control characters, no blank line before the signatures, a
// malformed signature line, no signature.
Result<Note> parse_note(std::string_view note);

struct Checkpoint {
  std::string origin;
  std::uint64_t size = 0;
  Hash root{};
  std::string text() const;  // the three lines, each ending in a newline
};
Result<Checkpoint> parse_checkpoint(std::string_view text);

// The log's signature over a note's text.
NoteSignature sign(std::string_view text, const std::string& name, const Seed& seed);
// A witness's cosignature of a checkpoint's text at `timestamp` (POSIX seconds).
NoteSignature cosign(std::string_view text, const std::string& name, const Seed& seed,
                     std::uint64_t timestamp);

// Whether `note` carries a valid signature by `key` (of its type). For a cosignature, its
// timestamp; for a log signature, 0. Signatures by other keys are ignored (signed-note); one
// that names `key` but does not verify makes the note invalid.
Result<std::uint64_t> verify(const Note& note, const VerifierKey& key);

}  // namespace pactum::evidence
