// The composition root's side of cli::Runtime: the storage (SQLite in a data directory, or
// PostgreSQL: app/store.hpp chooses) and the server wired from every layer. The only place that
// names concrete backends.
#pragma once

#include "cli/runtime.hpp"
#include "engine/clocks.hpp"

namespace pactum::app {

class AppRuntime final : public cli::Runtime {
 public:
  Result<cli::Storage> open_storage(const std::string& data_dir) override;
  Result<std::unique_ptr<store::EventSource>> read_log(const std::string& data_dir) override;
  Result<std::vector<store::StoredCheckpoint>> read_checkpoints(
      const std::string& data_dir) override;
  Status back_up(const std::string& data_dir, const std::string& file) override;
  Result<std::unique_ptr<store::EventSource>> read_backup(const std::string& file) override;
  Status restore(const std::string& file, const std::string& data_dir) override;
  engine::DocumentProducer archive_documents(Instant generated_at) const override;
  const Clock& clock() const override { return clock_; }
  int serve(const cli::ServeConfig& config, std::ostream& out, std::ostream& err) override;
  Status migrate(const std::string& data_dir, const std::string& url) override;

 private:
  engine::SystemClock clock_;
};

}  // namespace pactum::app
