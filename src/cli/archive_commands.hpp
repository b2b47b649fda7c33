// G5: the archive bundle from the command line (docs/plan-signing.md, "The archive bundle").
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "cli/runtime.hpp"
#include "engine/tar_file.hpp"

namespace pactum::cli {

// The bundle of the data directory `data` written to `out_file` at `now`: its log (read only: also
// while a server runs on it), its latest checkpoint, the documents generated from its records
// (rt.archive_documents) and the `extra` files. What `pactum archive` and the server at the
// plan's expiry both do.
Result<engine::BundleWritten> write_archive(Runtime& rt, const std::string& data,
                                            const std::string& out_file,
                                            std::vector<engine::BundleFile> extra, Instant now);

// `pactum archive`: writes the bundle (write_archive) with the `documents` (more files, put under
// documents/ by their names) to `out_file`, and prints its SHA-256. Exit 0, or 1 naming what
// failed.
int archive(Runtime& rt, const std::string& data, const std::string& out_file,
            const std::vector<std::string>& documents, std::ostream& out, std::ostream& err);

// `pactum audit verify --bundle`: checks a bundle offline (engine/bundle_verify.hpp). Exit 0 when
// intact, 1 naming the first thing wrong.
int audit_verify_bundle(const std::string& bundle, bool quiet, std::ostream& out,
                        std::ostream& err);

}  // namespace pactum::cli
