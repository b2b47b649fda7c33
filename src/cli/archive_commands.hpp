// G5: the archive bundle from the command line (docs/plan-signing.md, "The archive bundle").
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "cli/runtime.hpp"

namespace pactum::cli {

// `pactum archive`: writes the bundle of the data directory's log (read only: also while a server
// runs on it) with its latest checkpoint and the `documents` (files put under documents/ by their
// names) to `out_file`, and prints its SHA-256. Exit 0, or 1 naming what failed.
int archive(Runtime& rt, const std::string& data, const std::string& out_file,
            const std::vector<std::string>& documents, std::ostream& out, std::ostream& err);

// `pactum audit verify --bundle`: checks a bundle offline (engine/bundle_verify.hpp). Exit 0 when
// intact, 1 naming the first thing wrong.
int audit_verify_bundle(const std::string& bundle, bool quiet, std::ostream& out,
                        std::ostream& err);

}  // namespace pactum::cli
