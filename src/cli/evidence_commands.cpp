#include "cli/evidence_commands.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "cli/cli.hpp"
#include "domain/digest.hpp"
#include "domain/evidence/extends.hpp"
#include "tsa/timestamp.hpp"

namespace pactum::cli {

int key_generate(const std::string& out_file, const std::string& witness_name, std::ostream& out,
                 std::ostream& err) {
  if (sodium_init() < 0) {
    err << "pactum: libsodium could not start\n";
    return kExitInvalid;
  }
  evidence::Seed seed;
  randombytes_buf(seed.data(), seed.size());
  std::string hex = to_hex(std::string_view(reinterpret_cast<const char*>(seed.data()), 32));
  sodium_memzero(seed.data(), seed.size());
  int fd = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) {
    err << "pactum: cannot create " << out_file << " (it must not exist yet)\n";
    return kExitInvalid;
  }
  hex += "\n";
  bool ok =
      ::write(fd, hex.data(), hex.size()) == static_cast<ssize_t>(hex.size()) && ::fsync(fd) == 0;
  ok = ::close(fd) == 0 && ok;
  if (!ok) {
    ::unlink(out_file.c_str());
    err << "pactum: cannot write " << out_file << "\n";
    return kExitInvalid;
  }
  auto public_key = evidence::public_key_of(*evidence::hash_from_hex(hex.substr(0, 64)));
  if (!witness_name.empty()) {
    evidence::VerifierKey key{witness_name, evidence::kCosignature, public_key};
    if (key.vkey().find(' ') != std::string::npos || witness_name.find('+') != std::string::npos) {
      ::unlink(out_file.c_str());
      err << "pactum: a witness name has no spaces and no '+' (e.g. party-b.example/witness)\n";
      return kExitUsage;
    }
    out << key.vkey() << "\n";
    return kExitOk;
  }
  out << evidence::base64(public_key) << "\n";
  return kExitOk;
}

int audit_checkpoints(Runtime& rt, const std::string& data, const std::vector<std::string>& files,
                      const std::vector<std::string>& keys, std::ostream& out, std::ostream& err) {
  std::vector<evidence::VerifierKey> trusted;
  for (const auto& k : keys) {
    auto key = evidence::parse_vkey(k);
    if (!key) {
      err << "pactum: --key " << k << ": " << key.error().message << "\n";
      return kExitUsage;
    }
    trusted.push_back(*key);
  }
  auto log = rt.read_log(data);
  if (!log) {
    err << "pactum: " << log.error().message << "\n";
    return kExitInvalid;
  }
  std::vector<evidence::Hash> leaves;
  auto error = (*log)->scan(0, [&](const store::RecordView& e) {
    leaves.push_back(
        evidence::leaf_hash(evidence::hash_from_hex(e.hash).value_or(evidence::Hash{})));
    return true;
  });
  if (!error.ok()) {
    err << "pactum: cannot read the log: " << error.error().message << "\n";
    return kExitInvalid;
  }
  struct Checked {
    std::string file;
    evidence::ExtendsVerdict verdict;
  };
  std::vector<Checked> checked;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) {
      err << "pactum: cannot read " << file << "\n";
      return kExitUsage;
    }
    auto verdict = evidence::log_extends(leaves, text.str(), trusted);
    if (!verdict) {
      err << "pactum: " << file << ": " << verdict.error().message << "\n";
      return kExitInvalid;
    }
    checked.push_back({file, std::move(*verdict)});
  }
  // Smallest first: the first that fails is where the log diverges from what a party holds.
  std::sort(checked.begin(), checked.end(), [](const Checked& a, const Checked& b) {
    return a.verdict.checkpoint.size < b.verdict.checkpoint.size;
  });
  std::uint64_t consistent = 0;
  for (const auto& c : checked) {
    const auto& v = c.verdict;
    std::string by;
    for (const auto& [name, t] : v.signed_by) by += (by.empty() ? "" : ", ") + name;
    if (!v.extends) {
      err << fmt::format("pactum: the log does not extend the checkpoint of size {} ({}){}: {}\n",
                         v.checkpoint.size, c.file, by.empty() ? "" : ", signed by " + by,
                         v.detail);
      if (consistent > 0) {
        err << fmt::format(
            "pactum: it extends the checkpoint of size {}: it diverges after "
            "event {}\n",
            consistent, consistent);
      }
      return kExitInvalid;
    }
    consistent = v.checkpoint.size;
    out << fmt::format("extends checkpoint {} of size {}{}\n", c.file, v.checkpoint.size,
                       by.empty() ? " (signatures not checked: give --key)" : ", signed by " + by);
  }
  return kExitOk;
}

int audit_timestamps(Runtime& rt, const std::string& data, const std::string& tsa_ca, bool quiet,
                     std::ostream& out, std::ostream& err) {
  auto checkpoints = rt.read_checkpoints(data);
  if (!checkpoints) {
    err << "pactum: reading the checkpoints: " << checkpoints.error().message << "\n";
    return kExitInvalid;
  }
  std::optional<std::string> ca;
  if (!tsa_ca.empty()) ca = tsa_ca;
  int stamped = 0;
  std::string last;
  for (const auto& c : *checkpoints) {
    if (c.timestamp.empty()) continue;
    auto note = evidence::parse_note(c.note);
    auto verified =
        note ? tsa::verify(c.timestamp, note->text, ca) : Result<tsa::Verified>(note.error());
    if (!verified) {
      err << fmt::format("pactum: the time-stamp of checkpoint {}: {}\n", c.size,
                         verified.error().message);
      return kExitInvalid;
    }
    ++stamped;
    last = fmt::format("checkpoint {} at {}", c.size, verified->time);
  }
  if (stamped > 0 && !quiet) {
    out << fmt::format(
        "time-stamped: {} checkpoints, the last {}{}\n", stamped, last,
        ca ? ", signed by the authority of " + tsa_ca : " (signatures not checked: give --tsa-ca)");
  }
  return kExitOk;
}

}  // namespace pactum::cli
