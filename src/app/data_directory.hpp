// The data directory: its SQLite database (the event log and, beside it, the accounts) and the
// secret key that signs acknowledgement links. Opening it creates what is missing; when that
// fails, nothing it created is left behind, and a full disk is named as such.
#pragma once

#include <memory>
#include <string>

#include "cli/runtime.hpp"
#include "store/event_log.hpp"

namespace pactum::app {

Result<cli::Storage> open_data_directory(const std::string& dir);

// DIR/pactum.db: the SQLite database.
std::string database_path(const std::string& dir);

// The event log only, to be read: creates and writes nothing (read-only media).
Result<std::unique_ptr<store::EventSource>> read_data_directory(const std::string& dir);

// Backups: the database alone (its event log, accounts and checkpoints). The keys beside it
// (secret_file) never change once made, so they are kept apart once, not in every backup.
Status back_up_data_directory(const std::string& dir, const std::string& file);
Result<std::unique_ptr<store::EventSource>> read_backup_file(const std::string& file);
// Refuses a `dir` that exists and is not empty.
Status restore_data_directory(const std::string& file, const std::string& dir);

// DIR/NAME: 32 random bytes as hex, made on first use with owner-only permissions.
// "secret.key" signs acknowledgement links; "log.key" is the seed of the log's signing key.
Result<std::string> secret_file(const std::string& dir, const std::string& name);

}  // namespace pactum::app
