// SHA-256 digests for the evidence chain, and HMACs. Pure computation (OpenSSL libcrypto), no I/O.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace pactum {

// Incremental SHA-256 (OpenSSL: the CPU's SHA extensions where present). Reusable: finish, then
// start again.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void start();
  void add(std::string_view bytes);
  std::array<char, 64> finish_hex();       // lower-case hex
  std::array<unsigned char, 32> finish();  // the raw digest

 private:
  void* ctx_;  // SHA256_CTX
};

// Lower-case hex SHA-256 of the bytes.
std::string sha256_hex(std::string_view bytes);

// HMAC-SHA-256 of `message` under `key`: the 32 raw bytes (acknowledgement links, robot and
// webhook signatures).
std::string hmac_sha256(std::string_view key, std::string_view message);

// Lower-case hex of the bytes.
std::string to_hex(std::string_view bytes);
// The bytes of hex digits (either case); "" if any is not one, or their number is odd.
std::string from_hex(std::string_view hex);

// The hash that links a record to the chain: SHA-256 over the previous hash (hex, or 64 zeros for
// the first record), a newline, and the record's canonical JSON. Changing any byte of any record,
// or their order, changes every hash after it.
std::string chain_hash(std::string_view prev_hash_hex, std::string_view canonical_record);

// The previous hash of the first record of a chain.
inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

}  // namespace pactum
