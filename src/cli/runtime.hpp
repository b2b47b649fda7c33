// What the command line needs from the composition root (src/app): the concrete storage of a
// data directory, and the server. The CLI parses and reports; it never names a backend.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "domain/clock.hpp"
#include "domain/result.hpp"
#include "engine/archive_bundle.hpp"
#include "store/accounts.hpp"
#include "store/change_feed.hpp"
#include "store/checkpoints.hpp"
#include "store/event_log.hpp"

namespace pactum::cli {

struct Storage {
  std::unique_ptr<store::EventLog> log;
  std::unique_ptr<store::Accounts> accounts;
  std::unique_ptr<store::Checkpoints> checkpoints;
  // Several nodes on one store (PostgreSQL); null for a store one node serves (SQLite).
  std::unique_ptr<store::Leases> leases;
  std::unique_ptr<store::ChangeFeed> changes;
};

// `pactum serve` settings, from flags, PACTUM_* environment variables and a YAML config file
// (in that order of precedence).
struct ServeConfig {
  std::string listen = "127.0.0.1:8080";
  std::string data = "./data";
  std::string store;  // "": SQLite in the data directory; or postgres://… (Runtime::use_store)
  std::string plan;   // optional: activated at start when newer than the plan in force
  bool dev_clock = false;         // POST /api/v1/dev/clock may move time (tests and demos only)
  std::string dev_clock_offset;   // with dev_clock: start this far ahead of real time, e.g. "2h"
  int read_timeout_seconds = 30;  // to receive a whole request once it has begun
  int idle_timeout_seconds = 60;  // a keep-alive connection waiting for its next request
  int max_connections = 0;        // open at once; 0: as many as the file-descriptor limit allows
  std::string log_level = "info";
  std::int64_t max_body_bytes = 1024 * 1024;
  std::int64_t max_file_size = 20 * 1024 * 1024;  // the largest evidence file uploaded (L4)
  // HTTP threads, each with an event loop of its own: one per core but one, which is left to
  // the event log's writer (and its completion and checkpoint threads). The first loop also
  // acknowledges the alerts; on 2 cores one loop served 2-8 % more alerts than two, with 12 %
  // less CPU per alert (a second loop only added wake-ups between the two).
  int threads = std::max(1, static_cast<int>(std::thread::hardware_concurrency()) - 1);
  bool secure_cookies = false;
  std::string notify;      // a YAML file: SMTP server, webhooks, group robots (docs/operations.md)
  std::string public_url;  // the URL people open, for links in messages; default http://LISTEN
  // Every message into the server's own mailbox instead of any channel (demos and trials only;
  // docs/operations.md says why never in production). Not with `notify`.
  bool mailbox = false;
  // How soon new events are covered by a signed checkpoint (docs/evidence.md).
  int checkpoint_interval_seconds = 10;
  // A read-model snapshot after this many events (docs/operations.md, "Snapshots"); 0: none.
  std::int64_t snapshot_every = 100000;
  std::string tsa;  // an RFC 3161 time-stamping authority's URL: each checkpoint is time-stamped
  bool protect_metrics = false;              // GET /metrics needs a token with the "metrics" scope
  std::vector<std::string> trusted_proxies;  // peers whose X-Forwarded-For names the client
};

class Runtime {
 public:
  virtual ~Runtime() = default;
  // Where the commands below find the event log, accounts and checkpoints: "" for the SQLite
  // database in the data directory (the default), or a PostgreSQL URL (postgres://…, from
  // --store or PACTUM_STORE). The data directory keeps the server's keys either way.
  void use_store(std::string store) { store_ = std::move(store); }
  const std::string& store() const { return store_; }
  // Opens (creating if needed) the data directory's stores.
  virtual Result<Storage> open_storage(const std::string& data_dir) = 0;
  // The data directory's event log, only to be read (works on read-only media).
  virtual Result<std::unique_ptr<store::EventSource>> read_log(const std::string& data_dir) = 0;
  // The data directory's checkpoints, oldest first, only to be read (read-only media too).
  virtual Result<std::vector<store::StoredCheckpoint>> read_checkpoints(
      const std::string& data_dir) = 0;
  // A consistent copy of the data directory's database (event log, accounts, checkpoints) in the
  // new file `file`, taken while a server may be writing; nothing is left at `file` on failure.
  virtual Status back_up(const std::string& data_dir, const std::string& file) = 0;
  // The event log in a backup file, only to be read (to verify it).
  virtual Result<std::unique_ptr<store::EventSource>> read_backup(const std::string& file) = 0;
  // The backup `file` as the database of `data_dir`, which must be missing or empty.
  virtual Status restore(const std::string& file, const std::string& data_dir) = 0;
  // What makes an archive bundle's generated documents (the signed plans, the incidents' PDFs),
  // each dated `generated_at` (G5).
  virtual engine::DocumentProducer archive_documents(Instant generated_at) const = 0;
  // The system's clock: commands take the time from here, never from the system themselves.
  virtual const Clock& clock() const = 0;
  // Serves until SIGTERM or SIGINT; returns the process exit code.
  virtual int serve(const ServeConfig& config, std::ostream& out, std::ostream& err) = 0;
  // Copies the data directory's SQLite store into the empty PostgreSQL database at `url`,
  // keeping every event's seq and hash (`pactum migrate`).
  virtual Status migrate(const std::string& data_dir, const std::string& url) = 0;

 protected:
  std::string store_;
};

}  // namespace pactum::cli
