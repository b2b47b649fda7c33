#include "app/store.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "app/data_directory.hpp"
#include "store/postgres/change_listener.hpp"
#include "store/postgres/connection.hpp"
#include "store/postgres/copy.hpp"
#include "store/postgres/postgres_accounts.hpp"
#include "store/postgres/postgres_checkpoints.hpp"
#include "store/postgres/postgres_event_log.hpp"
#include "store/postgres/postgres_event_reader.hpp"
#include "store/postgres/postgres_leases.hpp"
#include "store/sqlite/sqlite_checkpoints.hpp"

namespace pactum::app {
namespace {

// nullopt for the data directory's SQLite; the URL for PostgreSQL; an error for anything else.
Result<std::optional<std::string>> postgres_url(const std::string& store) {
  if (store.empty()) return std::optional<std::string>();
  if (store::pg::is_postgres_url(store)) return std::optional<std::string>(store);
  return Error{ErrorCode::invalid_argument,
               "--store (PACTUM_STORE) takes a PostgreSQL URL, postgres://USER@HOST:PORT/DATABASE; "
               "leave it out for the SQLite database in the data directory",
               "store"};
}

Result<cli::Storage> open_postgres(const std::string& data_dir, const std::string& url) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec) {
    return Error{ErrorCode::unavailable,
                 fmt::format("cannot create the data directory {} (for the server's keys): {}",
                             data_dir, ec.message()),
                 {}};
  }
  auto log = store::PostgresEventLog::open(url);
  if (!log) return log.error();
  auto accounts = store::PostgresAccounts::open(url);
  if (!accounts) return accounts.error();
  auto checkpoints = store::PostgresCheckpoints::open(url);
  if (!checkpoints) return checkpoints.error();
  auto leases = store::PostgresLeases::open(url);
  if (!leases) return leases.error();
  return cli::Storage{std::move(*log), std::move(*accounts), std::move(*checkpoints),
                      std::move(*leases), std::make_unique<store::PostgresChangeListener>(url)};
}

}  // namespace

Result<cli::Storage> open_store(const std::string& data_dir, const std::string& store) {
  auto url = postgres_url(store);
  if (!url) return url.error();
  return *url ? open_postgres(data_dir, **url) : open_data_directory(data_dir);
}

Result<std::unique_ptr<store::EventSource>> read_store(const std::string& data_dir,
                                                       const std::string& store) {
  auto url = postgres_url(store);
  if (!url) return url.error();
  if (!*url) return read_data_directory(data_dir);
  auto reader = store::PostgresEventReader::open(**url);
  if (!reader) return reader.error();
  return std::unique_ptr<store::EventSource>(std::move(*reader));
}

Result<std::vector<store::StoredCheckpoint>> read_store_checkpoints(const std::string& data_dir,
                                                                    const std::string& store) {
  auto url = postgres_url(store);
  if (!url) return url.error();
  if (!*url) return store::SqliteCheckpoints::read_all(database_path(data_dir));
  auto checkpoints = store::PostgresCheckpoints::open(**url);
  if (!checkpoints) return checkpoints.error();
  return (*checkpoints)->all();
}

Status back_up_store(const std::string& data_dir, const std::string& store,
                     const std::string& file) {
  auto url = postgres_url(store);
  if (!url) return url.error();
  if (!*url) return back_up_data_directory(data_dir, file);
  return store::pg::copy_postgres_to_sqlite(**url, file);
}

Status migrate_store(const std::string& data_dir, const std::string& url) {
  if (!store::pg::is_postgres_url(url)) {
    return Error{ErrorCode::invalid_argument,
                 "--to takes a PostgreSQL URL, postgres://USER@HOST:PORT/DATABASE", "to"};
  }
  return store::pg::copy_sqlite_to_postgres(database_path(data_dir), url);
}

}  // namespace pactum::app
