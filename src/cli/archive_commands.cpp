#include "cli/archive_commands.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/cli.hpp"
#include "engine/bundle_verify.hpp"

namespace pactum::cli {

Result<engine::BundleWritten> write_archive(Runtime& rt, const std::string& data,
                                            const std::string& out_file,
                                            std::vector<engine::BundleFile> extra, Instant now) {
  auto log = rt.read_log(data);
  if (!log) return log.error();
  auto checkpoints = rt.read_checkpoints(data);
  if (!checkpoints) return checkpoints.error();
  std::optional<store::StoredCheckpoint> latest;
  if (!checkpoints->empty()) latest = checkpoints->back();
  return engine::write_bundle({**log, latest, std::move(extra), rt.archive_documents(now)},
                              out_file, now);
}

int archive(Runtime& rt, const std::string& data, const std::string& out_file,
            const std::vector<std::string>& documents, std::ostream& out, std::ostream& err) {
  std::vector<engine::BundleFile> extra;
  for (const auto& path : documents) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    if (!in) {
      err << "pactum: cannot read the document " << path << "\n";
      return kExitInvalid;
    }
    extra.push_back({std::filesystem::path(path).filename().string(), bytes.str()});
  }
  auto written = write_archive(rt, data, out_file, std::move(extra), rt.clock().now());
  if (!written) {
    err << "pactum: " << written.error().message << "\n";
    return kExitInvalid;
  }
  out << fmt::format("archived: {} ({} files), sha256 {}\n", out_file, written->files,
                     written->sha256);
  return kExitOk;
}

int audit_verify_bundle(const std::string& bundle, bool quiet, std::ostream& out,
                        std::ostream& err) {
  auto files = engine::read_tar(bundle, engine::kBundleFolder);
  if (!files) {
    err << "pactum: " << files.error().message << "\n";
    return kExitInvalid;
  }
  auto summary = engine::verify_bundle(*files);
  if (!summary) {
    err << "pactum: the bundle is not intact: " << summary.error().message << "\n";
    return kExitInvalid;
  }
  if (!quiet) {
    out << fmt::format(
        "intact: {} files match the manifest, {} events chained (head {}), {} plan versions, {} "
        "signatures verified\n",
        summary->files, summary->events, summary->head_hash, summary->versions,
        summary->signatures);
  }
  return kExitOk;
}

}  // namespace pactum::cli
