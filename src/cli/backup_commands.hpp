// `pactum backup` and `pactum restore`: Pactum's own data as key data (B1). The copy is taken
// while the server runs and is verified like `pactum audit verify` before success is reported.
#pragma once

#include <ostream>
#include <string>

#include "cli/runtime.hpp"

namespace pactum::cli {

// Where `pactum backup` reports itself as a B1 backup run (POST /api/v1/backups/runs), if at all.
struct RunReport {
  std::string server;    // the server's URL; empty: no report
  std::string token;     // an API token with the "backups" scope
  std::string location;  // the plan's backup location this copy is kept at
};

// A consistent snapshot of DIR's database in the new FILE, then its chain verified; with a
// report, the run (success or failure, the file's size and SHA-256) is reported to the server.
// Exit 0 when copied, intact and (if asked) reported; 1 otherwise (named on stderr).
int backup(Runtime& rt, const std::string& data, const std::string& file, const RunReport& report,
           bool quiet, std::ostream& out, std::ostream& err);

// FILE as the database of DIR, which must be missing or empty, then DIR's chain verified.
int restore(Runtime& rt, const std::string& file, const std::string& data, bool quiet,
            std::ostream& out, std::ostream& err);

// DIR's SQLite store copied into the empty PostgreSQL database at URL, every event keeping its
// seq and hash; then both chains verified. Exit 0 when copied and both intact.
int migrate(Runtime& rt, const std::string& data, const std::string& url, bool quiet,
            std::ostream& out, std::ostream& err);

}  // namespace pactum::cli
