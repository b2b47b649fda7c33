#include "cli/file_commands.hpp"

#include <fmt/format.h>

#include <filesystem>

#include "cli/cli.hpp"
#include "engine/file_audit.hpp"
#include "store/file_store.hpp"

namespace pactum::cli {

std::string files_of(const std::string& data) { return data + "/files"; }
std::string backup_files_of(const std::string& backup) { return backup + ".files"; }

int verify_evidence_files(store::EventSource& log, const std::string& files_dir, bool quiet,
                          std::ostream& out, std::ostream& err) {
  auto audit = engine::verify_files(log, store::FileStore(files_dir));
  if (!audit) {
    err << "pactum: reading the log for its files: " << audit.error().message << "\n";
    return kExitInvalid;
  }
  for (const auto& p : audit->problems) err << "pactum: evidence file: " << p.describe() << "\n";
  if (!audit->intact()) {
    err << fmt::format("pactum: {} of {} evidence files referenced are missing or altered\n",
                       audit->problems.size(), audit->files);
    return kExitInvalid;
  }
  if (!quiet) out << fmt::format("intact: {} evidence files referenced\n", audit->files);
  return kExitOk;
}

int copy_evidence_files(const std::string& from, const std::string& to, bool quiet,
                        std::ostream& out, std::ostream& err) {
  std::error_code ec;
  if (!std::filesystem::exists(from, ec)) return kExitOk;
  std::int64_t copied = 0;
  if (Status e = store::FileStore(from).copy_to(to, copied); !e.ok()) {
    err << "pactum: copying the evidence files: " << e.error().message << "\n";
    return kExitInvalid;
  }
  if (!quiet) out << fmt::format("{} evidence files copied to {}\n", copied, to);
  return kExitOk;
}

}  // namespace pactum::cli
