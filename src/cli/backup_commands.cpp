#include "cli/backup_commands.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <fstream>

#include "cli/cli.hpp"
#include "cli/data_commands.hpp"
#include "cli/file_commands.hpp"
#include "cli/http_client.hpp"
#include "domain/digest.hpp"
#include "domain/time.hpp"

namespace pactum::cli {
namespace {

// Copies and verifies; 0 when both succeed.
int copy_and_verify(Runtime& rt, const std::string& data, const std::string& file, bool quiet,
                    std::ostream& out, std::ostream& err) {
  if (Status e = rt.back_up(data, file); !e.ok()) {
    err << "pactum: backup: " << e.error().message << "\n";
    return kExitInvalid;
  }
  auto copy = rt.read_backup(file);
  if (!copy) {
    err << "pactum: reading the backup " << file << ": " << copy.error().message << "\n";
    return kExitInvalid;
  }
  // A copy of a broken chain is kept (it is what there was) but is no successful backup.
  return verify_events(**copy, quiet, out, err);
}

struct Artefact {
  std::int64_t size = 0;
  std::string sha256;
};

// The file's size and SHA-256 (of nothing when there is no file: a failed run).
Artefact artefact(const std::string& file) {
  Sha256 hash;
  std::int64_t size = 0;
  std::ifstream in(file, std::ios::binary);
  char buffer[1 << 16];
  while (in) {
    in.read(buffer, sizeof buffer);
    hash.add(std::string_view(buffer, static_cast<std::size_t>(in.gcount())));
    size += in.gcount();
  }
  auto hex = hash.finish_hex();
  return {size, std::string(hex.data(), hex.size())};
}

int report_run(const RunReport& report, const std::string& file, Instant started, Instant finished,
               bool success, bool quiet, std::ostream& out, std::ostream& err) {
  Artefact a = artefact(file);
  boost::json::object body{{"location", report.location},
                           {"started_at", format_instant(started)},
                           {"finished_at", format_instant(finished)},
                           {"size", a.size},
                           {"sha256", a.sha256},
                           {"result", success ? "success" : "failure"}};
  auto reply = http_call("POST", report.server + "/api/v1/backups/runs", report.token,
                         boost::json::serialize(body));
  if (!reply) {
    err << "pactum: reporting the run: " << reply.error().message << "\n";
    return kExitInvalid;
  }
  if (reply->status != 201) {
    err << "pactum: reporting the run: " << reply->status << ": " << reply->body << "\n";
    return kExitInvalid;
  }
  if (quiet) return kExitOk;
  boost::system::error_code ec;
  auto json = boost::json::parse(reply->body, ec);
  const auto* id = !ec && json.is_object() ? json.as_object().if_contains("id") : nullptr;
  out << "reported as backup run " << (id && id->is_string() ? id->as_string().c_str() : "?")
      << "\n";
  return kExitOk;
}

}  // namespace

int backup(Runtime& rt, const std::string& data, const std::string& file, const RunReport& report,
           bool quiet, std::ostream& out, std::ostream& err) {
  if (!report.server.empty() && (report.token.empty() || report.location.empty())) {
    err << "pactum: --report-to needs --token (with the backups scope) and --location\n";
    return kExitUsage;
  }
  Instant started = rt.clock().now();
  int copied = copy_and_verify(rt, data, file, quiet, out, err);
  // After the database: every file its events reference was stored before them, so is copied.
  if (copied == kExitOk) {
    copied = copy_evidence_files(files_of(data), backup_files_of(file), quiet, out, err);
  }
  Instant finished = rt.clock().now();
  if (copied == kExitOk && !quiet) out << "backed up to " << file << "\n";
  if (report.server.empty()) return copied;
  int reported = report_run(report, file, started, finished, copied == kExitOk, quiet, out, err);
  return copied != kExitOk ? copied : reported;
}

int restore(Runtime& rt, const std::string& file, const std::string& data, bool quiet,
            std::ostream& out, std::ostream& err) {
  if (Status e = rt.restore(file, data); !e.ok()) {
    err << "pactum: restore: " << e.error().message << "\n";
    return kExitInvalid;
  }
  if (int files = copy_evidence_files(backup_files_of(file), files_of(data), quiet, out, err);
      files != kExitOk) {
    return files;
  }
  if (int verified = audit_verify(rt, data, quiet, out, err); verified != kExitOk) return verified;
  if (!quiet) {
    out << "restored " << file << " into " << data << "\n"
        << "before starting a server on it, put back " << data
        << "/secret.key and log.key from where you keep them: they are not in a backup "
           "(docs/operations.md)\n";
  }
  return kExitOk;
}

int migrate(Runtime& rt, const std::string& data, const std::string& url, bool quiet,
            std::ostream& out, std::ostream& err) {
  if (Status e = rt.migrate(data, url); !e.ok()) {
    err << "pactum: migrate: " << e.error().message << "\n";
    return kExitInvalid;
  }
  // The same chain on both sides: each verified on its own.
  for (const std::string& store : {std::string(), url}) {
    rt.use_store(store);
    if (int verified = audit_verify(rt, data, quiet, out, err); verified != kExitOk) {
      return verified;
    }
  }
  if (!quiet) out << "migrated " << data << " into PostgreSQL\n";
  return kExitOk;
}

}  // namespace pactum::cli
