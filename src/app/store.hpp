// The one place that chooses a command's store: the SQLite database in the data directory when
// no store is named (the default), PostgreSQL when --store (or PACTUM_STORE) names a postgres://
// URL. Every command that opens a store — serve, init, user, token, audit verify, archive,
// backup — comes through here (app/runtime.cpp).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cli/runtime.hpp"
#include "store/checkpoints.hpp"
#include "store/event_log.hpp"

namespace pactum::app {

// Opens (creating what is missing) the event log, accounts and checkpoints. With PostgreSQL the
// data directory is still made: the server's keys are kept there.
Result<cli::Storage> open_store(const std::string& data_dir, const std::string& store);
// The event log only, to be read.
Result<std::unique_ptr<store::EventSource>> read_store(const std::string& data_dir,
                                                       const std::string& store);
// Every checkpoint, oldest first, only to be read.
Result<std::vector<store::StoredCheckpoint>> read_store_checkpoints(const std::string& data_dir,
                                                                    const std::string& store);
// A consistent copy in the new SQLite file `file` (the format of every backup, whichever store).
Status back_up_store(const std::string& data_dir, const std::string& store,
                     const std::string& file);
// The data directory's SQLite store copied into the empty PostgreSQL database at `url`.
Status migrate_store(const std::string& data_dir, const std::string& url);

}  // namespace pactum::app
