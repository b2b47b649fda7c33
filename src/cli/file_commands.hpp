// The evidence files (L4) in the commands that work on a data directory: `audit verify` checks
// every file the events reference; `backup` and `restore` carry DATA/files beside the database,
// as the directory BACKUP.files next to the backup file BACKUP.
#pragma once

#include <ostream>
#include <string>

#include "store/event_log.hpp"

namespace pactum::cli {

// DATA/files.
std::string files_of(const std::string& data);
// Where a backup file's evidence files go: BACKUP.files.
std::string backup_files_of(const std::string& backup);

// Exit 0 when every file the log references is stored, intact, in `files_dir`; otherwise each
// missing or altered file on stderr, by event seq, digest and name, and 1.
int verify_evidence_files(store::EventSource& log, const std::string& files_dir, bool quiet,
                          std::ostream& out, std::ostream& err);

// Copies the evidence files of `from` into `to` (nothing to do when `from` has none); exit 0, or
// 1 naming a file that cannot be copied or no longer matches its digest.
int copy_evidence_files(const std::string& from, const std::string& to, bool quiet,
                        std::ostream& out, std::ostream& err);

}  // namespace pactum::cli
