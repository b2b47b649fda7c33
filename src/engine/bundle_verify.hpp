// `pactum audit verify --bundle`: checks an archive bundle (archive_bundle.hpp) offline, with no
// server and nothing but the bundle: every file against the manifest, the event chain, and every
// plan version's signatures against its statement and the signer's public key, the versions'
// files against what the log's events say. The first thing wrong is named.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "engine/archive_bundle.hpp"

namespace pactum::engine {

struct BundleSummary {
  std::size_t files = 0;       // listed in the manifest and matching it
  std::int64_t events = 0;     // chained
  std::string head_hash;       // the last event's hash
  std::size_t versions = 0;    // plan versions
  std::size_t signatures = 0;  // verified
};

// invalid_argument naming the file (and line, or version and party) of the first fault.
Result<BundleSummary> verify_bundle(const std::vector<BundleFile>& files);

}  // namespace pactum::engine
