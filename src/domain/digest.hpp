// SHA-256 digests for the evidence chain. Pure computation (libsodium), no I/O.
#pragma once

#include <string>
#include <string_view>

namespace pactum {

// Lower-case hex SHA-256 of the bytes.
std::string sha256_hex(std::string_view bytes);

// The hash that links a record to the chain: SHA-256 over the previous hash (hex, or 64 zeros for
// the first record), a newline, and the record's canonical JSON. Changing any byte of any record,
// or their order, changes every hash after it.
std::string chain_hash(std::string_view prev_hash_hex, std::string_view canonical_record);

// The previous hash of the first record of a chain.
inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

}  // namespace pactum
