// The archive bundle as one file: a POSIX tar (pax) with every file under one folder, which
// Debian's `tar` unpacks (libarchive writes and reads it).
#pragma once

#include <string>
#include <vector>

#include "domain/result.hpp"
#include "domain/time.hpp"
#include "engine/archive_bundle.hpp"

namespace pactum::engine {

// Writes `files` under `folder`/ to `path` (mode 0644, modified at `at`): to a temporary file
// beside it first, renamed into place once complete, so a reader never sees half a bundle.
// Returns the SHA-256 (hex) of the file written.
Result<std::string> write_tar(const std::string& path, const std::string& folder,
                              const std::vector<BundleFile>& files, Instant at);

struct BundleWritten {
  std::string sha256;  // of the file
  std::size_t files = 0;
};
// The bundle of `sources` (bundle_files) written to `path` as a tar (write_tar): what
// `pactum archive` and the server at expiry both do.
Result<BundleWritten> write_bundle(BundleSources sources, const std::string& path, Instant at);

// The regular files of the tar at `path`, their paths without the leading `folder`/ (entries
// outside it keep their full path). invalid_argument naming the file when it is not a readable
// tar; entries that are not regular files are refused by name.
Result<std::vector<BundleFile>> read_tar(const std::string& path, const std::string& folder);

}  // namespace pactum::engine
