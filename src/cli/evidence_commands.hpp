// Commands about the evidence beyond the hash chain (docs/evidence.md): keys for witnesses and
// signers, and checking a log against the checkpoints a party kept.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "cli/runtime.hpp"

namespace pactum::cli {

// Writes a new Ed25519 key's 32-byte seed (hex, owner-only) to `out_file`, which must not exist,
// and prints its public half: with a witness name, the verifier key ("NAME+ID+BASE64") a party
// registers; without, the raw public key in base64.
int key_generate(const std::string& out_file, const std::string& witness_name, std::ostream& out,
                 std::ostream& err);

// After the chain verified: does the log extend each checkpoint file (a signed note as
// GET /checkpoint serves it, or as a witness keeps it)? `keys` are verifier keys to check their
// signatures with. Exit 0 when the log extends every one, 1 when not (the first size named).
int audit_checkpoints(Runtime& rt, const std::string& data, const std::vector<std::string>& files,
                      const std::vector<std::string>& keys, std::ostream& out, std::ostream& err);

// The RFC 3161 time-stamps of the data directory's checkpoints: each must be of its checkpoint's
// text, and with `tsa_ca` (PEM) signed by that authority. Exit 0 when all hold (or there are
// none), 1 when one does not (named).
int audit_timestamps(Runtime& rt, const std::string& data, const std::string& tsa_ca, bool quiet,
                     std::ostream& out, std::ostream& err);

}  // namespace pactum::cli
