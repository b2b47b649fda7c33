#include "domain/evidence/note.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <charconv>

#include "domain/digest.hpp"

namespace pactum::evidence {
namespace {

constexpr std::string_view kEmDash = "\xE2\x80\x94";  // U+2014

void init_sodium() {
  static const bool ready = sodium_init() >= 0;  // idempotent; picks the CPU's implementations
  (void)ready;
}

std::string_view as_chars(const unsigned char* p, std::size_t n) {
  return {reinterpret_cast<const char*>(p), n};
}

std::string ed25519_sign(std::string_view message, const Seed& seed) {
  init_sodium();
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_seed_keypair(pk, sk, seed.data());
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size(), sk);
  sodium_memzero(sk, sizeof sk);
  return std::string(as_chars(sig, sizeof sig));
}

std::string cosigned_message(std::string_view text, std::uint64_t timestamp) {
  return fmt::format("cosignature/v1\ntime {}\n{}", timestamp, text);
}

std::string big_endian(std::uint64_t v, int bytes) {
  std::string out;
  for (int i = bytes - 1; i >= 0; --i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
  return out;
}

std::uint64_t read_big_endian(std::string_view bytes) {
  std::uint64_t v = 0;
  for (unsigned char c : bytes) v = v << 8 | c;
  return v;
}

// A key name: non-empty, no spaces and no '+' (signed-note).
bool valid_name(std::string_view name) {
  return !name.empty() && name.find_first_of(" +\t\n") == std::string_view::npos;
}

Error malformed(std::string what) { return invalid("note", std::move(what)); }

}  // namespace

bool ed25519_verify(std::string_view message, std::string_view sig, const PublicKey& key) {
  init_sodium();
  return sig.size() == crypto_sign_BYTES &&
         crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(sig.data()),
                                     reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), key.data()) == 0;
}

std::string base64(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::string base64(const Hash& hash) {
  return base64(std::string_view(reinterpret_cast<const char*>(hash.data()), hash.size()));
}

std::optional<std::string> unbase64(std::string_view text) {
  std::string out(text.size(), '\0');
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &length, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

PublicKey public_key_of(const Seed& seed) {
  init_sodium();
  PublicKey pk{};
  unsigned char sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_seed_keypair(pk.data(), sk, seed.data());
  sodium_memzero(sk, sizeof sk);
  return pk;
}

std::uint32_t VerifierKey::id() const {
  Sha256 sha;
  sha.add(name);
  sha.add("\n");
  sha.add(std::string_view(reinterpret_cast<const char*>(&type), 1));
  sha.add(as_chars(key.data(), key.size()));
  auto digest = sha.finish();
  return static_cast<std::uint32_t>(read_big_endian(as_chars(digest.data(), 4)));
}

std::string VerifierKey::vkey() const {
  std::string material(1, static_cast<char>(type));
  material += as_chars(key.data(), key.size());
  return fmt::format("{}+{:08x}+{}", name, id(), base64(material));
}

Result<VerifierKey> parse_vkey(std::string_view vkey) {
  auto first = vkey.find('+');
  auto second = first == std::string_view::npos ? first : vkey.find('+', first + 1);
  if (second == std::string_view::npos) {
    return invalid("vkey", "a verifier key is NAME+ID+KEY (8 hex digits, then base64)");
  }
  VerifierKey k;
  k.name = std::string(vkey.substr(0, first));
  auto hex = vkey.substr(first + 1, second - first - 1);
  std::uint32_t id = 0;
  auto [end, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), id, 16);
  auto material = unbase64(vkey.substr(second + 1));
  if (!valid_name(k.name) || hex.size() != 8 || ec != std::errc() ||
      end != hex.data() + hex.size() || !material || material->size() != 33) {
    return invalid("vkey",
                   "a verifier key is NAME+ID+KEY (8 hex digits, then base64 of a type "
                   "byte and a 32-byte Ed25519 key)");
  }
  k.type = static_cast<std::uint8_t>((*material)[0]);
  std::copy(material->begin() + 1, material->end(), k.key.begin());
  if (k.type != kEd25519 && k.type != kCosignature) {
    return invalid("vkey", fmt::format("signature type {:#04x} is not Ed25519 (0x01) or an "
                                       "Ed25519 cosignature (0x04)",
                                       k.type));
  }
  if (k.id() != id) return invalid("vkey", "the key id does not match the name and key");
  return k;
}

std::string signature_line(const NoteSignature& s) {
  return fmt::format("{} {} {}\n", kEmDash, s.name, base64(big_endian(s.key_id, 4) + s.signature));
}

std::string Note::format() const {
  std::string out = text + "\n";
  for (const auto& s : signatures) out += signature_line(s);
  return out;
}

Result<Note> parse_note(std::string_view note) {
  for (unsigned char c : note) {
    if (c < 0x20 && c != '\n') return malformed("a signed note holds no control characters");
  }
  auto split = note.rfind("\n\n");
  if (split == std::string_view::npos || note.empty() || note.back() != '\n') {
    return malformed(
        "a signed note is text, a blank line and signature lines, each ending in a newline");
  }
  Note out;
  out.text = std::string(note.substr(0, split + 1));
  std::string_view rest = note.substr(split + 2);
  while (!rest.empty()) {
    auto eol = rest.find('\n');
    std::string_view line = rest.substr(0, eol);
    rest.remove_prefix(eol + 1);
    if (line.substr(0, kEmDash.size()) != kEmDash || line.size() <= kEmDash.size() + 1 ||
        line[kEmDash.size()] != ' ') {
      return malformed(fmt::format("not a signature line: \"{}\"", line));
    }
    line.remove_prefix(kEmDash.size() + 1);
    auto space = line.find(' ');
    auto bytes = space == std::string_view::npos ? std::nullopt : unbase64(line.substr(space + 1));
    if (!bytes || bytes->size() < 5 || !valid_name(line.substr(0, space))) {
      return malformed(fmt::format("a signature line is \"— NAME BASE64\", not \"— {}\"", line));
    }
    out.signatures.push_back({std::string(line.substr(0, space)),
                              static_cast<std::uint32_t>(read_big_endian(bytes->substr(0, 4))),
                              bytes->substr(4)});
  }
  if (out.signatures.empty()) return malformed("a signed note has at least one signature");
  return out;
}

std::string Checkpoint::text() const {
  return fmt::format("{}\n{}\n{}\n", origin, size, base64(as_chars(root.data(), root.size())));
}

Result<Checkpoint> parse_checkpoint(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    auto eol = text.find('\n');
    if (eol == std::string_view::npos) return invalid("checkpoint", "each line ends in a newline");
    lines.push_back(text.substr(0, eol));
    text.remove_prefix(eol + 1);
  }
  if (lines.size() < 3 || lines[0].empty()) {
    return invalid("checkpoint", "a checkpoint is an origin, a tree size and a root hash");
  }
  Checkpoint c;
  c.origin = std::string(lines[0]);
  auto [end, ec] = std::from_chars(lines[1].data(), lines[1].data() + lines[1].size(), c.size);
  if (ec != std::errc() || end != lines[1].data() + lines[1].size() ||
      (lines[1].size() > 1 && lines[1][0] == '0')) {
    return invalid("checkpoint", fmt::format("\"{}\" is not a tree size", lines[1]));
  }
  auto root = unbase64(lines[2]);
  if (!root || root->size() != c.root.size()) {
    return invalid("checkpoint", "the root hash is the base64 of 32 bytes");
  }
  std::copy(root->begin(), root->end(), c.root.begin());
  return c;
}

NoteSignature sign(std::string_view text, const std::string& name, const Seed& seed) {
  VerifierKey key{name, kEd25519, public_key_of(seed)};
  return {name, key.id(), ed25519_sign(text, seed)};
}

NoteSignature cosign(std::string_view text, const std::string& name, const Seed& seed,
                     std::uint64_t timestamp) {
  VerifierKey key{name, kCosignature, public_key_of(seed)};
  return {name, key.id(),
          big_endian(timestamp, 8) + ed25519_sign(cosigned_message(text, timestamp), seed)};
}

Result<std::uint64_t> verify(const Note& note, const VerifierKey& key) {
  std::uint32_t id = key.id();
  bool found = false;
  std::uint64_t timestamp = 0;
  for (const auto& s : note.signatures) {
    if (s.name != key.name || s.key_id != id) continue;  // another key's: ignored
    bool ok = false;
    if (key.type == kCosignature && s.signature.size() == 8 + crypto_sign_BYTES) {
      std::uint64_t t = read_big_endian(s.signature.substr(0, 8));
      ok = ed25519_verify(cosigned_message(note.text, t), s.signature.substr(8), key.key);
      if (ok) timestamp = std::max(timestamp, t);
    } else if (key.type == kEd25519) {
      ok = ed25519_verify(note.text, s.signature, key.key);
    }
    if (!ok) return invalid("note", fmt::format("the signature by {} does not verify", key.name));
    found = true;
  }
  if (!found) return invalid("note", fmt::format("the note is not signed by {}", key.name));
  return timestamp;
}

}  // namespace pactum::evidence
