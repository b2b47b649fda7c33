// A file written whole or not at all (evidence files, read-model snapshots).
#pragma once

#include <string>
#include <string_view>

#include "domain/result.hpp"

namespace pactum::store {

// `bytes` at `path`: written under a temporary name in the directory `tmp` (on the same file
// system), fsynced, renamed over `path`, and the rename made durable. A crash leaves the old file
// or the new one, never half of one. `unavailable` naming the path when the disk refuses.
Status write_atomically(const std::string& tmp, const std::string& path, std::string_view bytes);

}  // namespace pactum::store
