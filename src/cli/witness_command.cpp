#include "cli/witness_command.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "cli/cli.hpp"
#include "cli/http_client.hpp"
#include "domain/evidence/witness.hpp"

namespace pactum::cli {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

std::optional<std::string> read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Written whole or not at all: another name, then a rename.
bool write_text(const fs::path& path, const std::string& text) {
  fs::path partial = path;
  partial += ".partial";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) return false;
  }
  std::error_code ec;
  fs::rename(partial, path, ec);
  return !ec;
}

struct Failure {
  int code;
  std::string message;
};

// An alarm is `failed_precondition` (the log misbehaved); anything else is a failure to run.
Failure failure_of(const Error& e) {
  if (e.code == ErrorCode::failed_precondition) return {kExitAlarm, "ALARM: " + e.message};
  return {kExitInvalid, e.message};
}

Error alarm(std::string why) { return precondition(std::move(why)); }
Error cannot(std::string why) { return {ErrorCode::unavailable, std::move(why), {}}; }

Result<json::value> get_json(const std::string& url) {
  auto reply = http_call("GET", url, "");
  if (!reply) return reply.error();
  boost::system::error_code ec;
  auto body = json::parse(reply->body, ec);
  if (reply->status != 200 || ec || !body.is_object()) {
    return cannot(fmt::format("GET {}: {} {}", url, reply->status, reply->body));
  }
  return body;
}

class Witness {
 public:
  Witness(const WitnessArgs& args, evidence::Seed seed, const Clock& clock)
      : args_(args), seed_(seed), clock_(clock) {}

  // One round: cosigns the log's latest checkpoint if it is consistent with the last one
  // cosigned; nothing when it is unchanged.
  Status round(std::ostream& out) {
    auto log_key = trusted_log_key();
    if (!log_key) return log_key.error();
    auto reply = http_call("GET", args_.server + "/checkpoint", "");
    if (!reply) return reply.error();
    if (reply->status != 200) return cannot(fmt::format("GET /checkpoint: {}", reply->status));
    auto note = evidence::parse_note(reply->body);
    if (!note) return alarm("the checkpoint is not a signed note: " + note.error().message);
    if (auto v = evidence::verify(*note, *log_key); !v) {
      return alarm("the checkpoint's log signature: " + v.error().message);
    }
    auto next = evidence::parse_checkpoint(note->text);
    if (!next) return alarm("the checkpoint is malformed: " + next.error().message);
    auto last = last_cosigned();
    std::vector<evidence::Hash> proof;
    if (last && next->size > last->size) {
      auto p = fetch_proof(last->size, next->size);
      if (!p) return p.error();
      proof = std::move(*p);
    }
    auto decision = evidence::judge(last, *next, proof);
    if (decision.verdict == evidence::WitnessVerdict::alarm) return alarm(decision.reason);
    if (decision.verdict == evidence::WitnessVerdict::unchanged) return {};
    // Cosigned: the text the log signed, the log's signature, ours. Kept before it is posted.
    auto now = static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::seconds>(clock_.now().time_since_epoch()).count());
    evidence::Note kept{note->text, {}};
    for (const auto& s : note->signatures) {
      if (s.name == log_key->name && s.key_id == log_key->id()) kept.signatures.push_back(s);
    }
    kept.signatures.push_back(evidence::cosign(note->text, args_.name, seed_, now));
    std::string cosigned = kept.format();
    fs::path state(args_.state);
    if (!write_text(state / "history" / fmt::format("{}.checkpoint", next->size), cosigned) ||
        !write_text(state / "checkpoint", cosigned)) {
      return cannot("cannot write the state directory " + args_.state);
    }
    json::object body{{"checkpoint", cosigned}};
    auto posted =
        http_call("POST", args_.server + "/api/v1/log/cosignatures", "", json::serialize(body));
    if (!posted) return posted.error();
    if (posted->status != 200) {
      return cannot(
          fmt::format("the server refused the cosignature: {} {}", posted->status, posted->body));
    }
    out << fmt::format("cosigned {} at size {} ({})\n", next->origin, next->size, decision.reason)
        << std::flush;
    return {};
  }

 private:
  // --log-key, else the key kept from the first run, else (first run) the one the server names.
  // A key other than the one kept is an alarm: the log would be another.
  Result<evidence::VerifierKey> trusted_log_key() {
    fs::path kept = fs::path(args_.state) / "log.vkey";
    auto before = read_text(kept);
    if (before) before = before->substr(0, before->find('\n'));
    std::string text = !args_.log_key.empty() ? args_.log_key : before.value_or("");
    if (text.empty()) {
      auto keys = get_json(args_.server + "/api/v1/log/keys");
      if (!keys) return keys.error();
      auto* log = keys->as_object().if_contains("log");
      if (!log || !log->is_string()) return cannot("the server names no log key");
      text = std::string(log->as_string());
    }
    auto key = evidence::parse_vkey(text);
    if (!key) return key.error();
    if (before && *before != text) {
      return alarm("the log key differs from the one this witness trusted before (" + *before +
                   ")");
    }
    if (!before && !write_text(kept, text + "\n")) return cannot("cannot write " + kept.string());
    return key;
  }

  std::optional<evidence::Checkpoint> last_cosigned() {
    auto text = read_text(fs::path(args_.state) / "checkpoint");
    auto note = text ? evidence::parse_note(*text) : Result<evidence::Note>(cannot(""));
    if (!note) return std::nullopt;
    auto c = evidence::parse_checkpoint(note->text);
    return c ? std::optional<evidence::Checkpoint>(*c) : std::nullopt;
  }

  Result<std::vector<evidence::Hash>> fetch_proof(std::uint64_t old_size, std::uint64_t new_size) {
    auto body = get_json(fmt::format("{}/api/v1/log/proof/consistency?old={}&new={}", args_.server,
                                     old_size, new_size));
    if (!body)
      return alarm(fmt::format("no consistency proof from {} to {} events: {}", old_size, new_size,
                               body.error().message));
    auto* hashes = body->as_object().if_contains("proof");
    if (!hashes || !hashes->is_array()) return alarm("the consistency proof is malformed");
    std::vector<evidence::Hash> proof;
    for (const auto& h : hashes->as_array()) {
      auto bytes = h.is_string() ? evidence::unbase64(std::string(h.as_string())) : std::nullopt;
      if (!bytes || bytes->size() != 32) return alarm("the consistency proof is malformed");
      evidence::Hash hash;
      std::copy(bytes->begin(), bytes->end(), hash.begin());
      proof.push_back(hash);
    }
    return proof;
  }

  const WitnessArgs& args_;
  evidence::Seed seed_;
  const Clock& clock_;
};

}  // namespace

int witness(const WitnessArgs& args, const Clock& clock, std::ostream& out, std::ostream& err) {
  auto key_text = read_text(args.key_file);
  auto seed = key_text ? evidence::hash_from_hex(key_text->substr(0, 64)) : std::nullopt;
  if (!seed) {
    err << "pactum: " << args.key_file
        << " is not a key file (make one with pactum key generate --witness NAME)\n";
    return kExitUsage;
  }
  std::error_code ec;
  fs::create_directories(fs::path(args.state) / "history", ec);
  if (ec) {
    err << "pactum: cannot create the state directory " << args.state << ": " << ec.message()
        << "\n";
    return kExitInvalid;
  }
  Witness w(args, *seed, clock);
  while (true) {
    auto error = w.round(out);
    std::optional<Failure> failure;
    if (!error.ok()) failure = failure_of(error.error());
    if (failure) err << "pactum: " << failure->message << "\n";
    if (failure && failure->code == kExitAlarm) {
      if (!args.on_alarm.empty()) {
        ::setenv("PACTUM_ALARM", failure->message.c_str(), 1);
        if (std::system(args.on_alarm.c_str()) != 0) err << "pactum: --on-alarm failed\n";
      }
      return kExitAlarm;  // no more cosigning until a person has looked
    }
    if (args.once) return failure ? failure->code : kExitOk;
    std::this_thread::sleep_for(std::chrono::seconds(args.interval_seconds));
  }
}

}  // namespace pactum::cli
