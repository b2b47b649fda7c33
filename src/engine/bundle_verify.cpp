#include "engine/bundle_verify.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <map>
#include <set>

#include "domain/canonical_json.hpp"
#include "domain/digest.hpp"
#include "domain/evidence/note.hpp"
#include "domain/time.hpp"
#include "engine/governance_ledger.hpp"
#include "store/record.hpp"

namespace pactum::engine {
namespace json = boost::json;
namespace {

Error fault(std::string message) {
  return Error{ErrorCode::invalid_argument, std::move(message), "bundle"};
}

std::string text_of(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::int64_t number_of(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_int64() ? v->as_int64() : 0;
}

// Every file the manifest lists is there with its digest, and nothing else is.
Status check_manifest(const std::map<std::string, const std::string*>& by_path,
                      BundleSummary& summary) {
  auto manifest = by_path.find(kManifest);
  if (manifest == by_path.end()) return fault(fmt::format("{} is missing", kManifest));
  std::set<std::string> listed;
  std::string_view text = *manifest->second;
  int line_no = 0;
  while (!text.empty()) {
    ++line_no;
    auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (line.size() < 67 || line.substr(64, 2) != "  ") {
      return fault(fmt::format("{} line {} is not \"<sha256>  <path>\"", kManifest, line_no));
    }
    std::string digest(line.substr(0, 64));
    std::string path(line.substr(66));
    auto f = by_path.find(path);
    if (f == by_path.end())
      return fault(fmt::format("{} is missing (listed in {})", path, kManifest));
    if (sha256_hex(*f->second) != digest) {
      return fault(fmt::format("{} has been altered: its SHA-256 is {}, the manifest says {}", path,
                               sha256_hex(*f->second), digest));
    }
    listed.insert(path);
  }
  for (const auto& [path, bytes] : by_path) {
    if (path != kManifest && !listed.contains(path)) {
      return fault(fmt::format("{} is not listed in {}", path, kManifest));
    }
  }
  for (const char* required : {kEventsFile, kKeysFile}) {
    if (!listed.contains(required)) return fault(fmt::format("{} is missing", required));
  }
  summary.files = listed.size();
  return {};
}

// The chain of events.jsonl, folded into the plan's versions and keys as it goes.
Status check_events(const std::string& events, GovernanceLedger& ledger, BundleSummary& summary) {
  store::ChainVerifier chain;
  std::string_view text = events;
  int line_no = 0;
  while (!text.empty()) {
    ++line_no;
    auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    boost::system::error_code ec;
    auto v = json::parse(line, ec);
    if (ec || !v.is_object()) {
      return fault(fmt::format("{} line {} is not a JSON object", kEventsFile, line_no));
    }
    const auto& o = v.as_object();
    store::RecordedEvent e;
    e.seq = number_of(o, "seq");
    e.stream = text_of(o, "stream");
    e.version = number_of(o, "version");
    e.type = text_of(o, "type");
    std::string at = text_of(o, "at");
    e.at = parse_instant(at).value_or(Instant{});
    e.actor = o.contains("actor") ? canonical_json(o.at("actor")) : "null";
    e.payload = o.contains("payload") ? canonical_json(o.at("payload")) : "null";
    e.idempotency_key = text_of(o, "idempotency_key");
    e.prev_hash = text_of(o, "prev_hash");
    e.hash = text_of(o, "hash");
    store::RecordView view{e.seq, e.stream,  e.version,         e.type,      e.actor,
                           at,    e.payload, e.idempotency_key, e.prev_hash, e.hash};
    if (!chain.next(view)) {
      return fault(fmt::format("{} line {}: {}", kEventsFile, line_no, *chain.failure()));
    }
    ledger.apply(e);
  }
  summary.events = chain.checked();
  summary.head_hash = chain.head_hash();
  return {};
}

// Each version's files say what the log says, and every signature verifies.
Status check_versions(const std::map<std::string, const std::string*>& by_path,
                      const GovernanceLedger& ledger, BundleSummary& summary) {
  auto file = [&](const std::string& path) -> const std::string* {
    auto f = by_path.find(path);
    return f == by_path.end() ? nullptr : f->second;
  };
  for (const auto& [n, v] : ledger.versions) {
    std::string dir = fmt::format("plan/v{}/", n);
    const std::string* yaml = file(dir + "plan.yaml");
    const std::string* statement = file(dir + "statement.txt");
    const std::string* signatures = file(dir + "signatures.json");
    for (auto [f, name] : {std::pair{yaml, "plan.yaml"}, std::pair{statement, "statement.txt"},
                           std::pair{signatures, "signatures.json"}}) {
      if (!f) return fault(fmt::format("{}{} is missing", dir, name));
    }
    if (*yaml != v.yaml) {
      return fault(
          fmt::format("{}plan.yaml is not the YAML the log recorded for version {}", dir, n));
    }
    if (statement->find(fmt::format("\nyaml-sha256 {}\n", sha256_hex(*yaml))) ==
            std::string::npos ||
        *statement != v.statement) {
      return fault(fmt::format("{}statement.txt is not the statement of version {}", dir, n));
    }
    boost::system::error_code ec;
    auto listed = json::parse(*signatures, ec);
    if (ec || !listed.is_array())
      return fault(fmt::format("{}signatures.json is not a JSON array", dir));
    if (listed.as_array().size() != v.signatures.size()) {
      return fault(fmt::format("{}signatures.json lists {} signatures, the log recorded {}", dir,
                               listed.as_array().size(), v.signatures.size()));
    }
    for (const auto& item : listed.as_array()) {
      if (!item.is_object())
        return fault(fmt::format("{}signatures.json: an entry is not an object", dir));
      const auto& s = item.as_object();
      std::string party = text_of(s, "party");
      std::string key_id = text_of(s, "key_id");
      auto key = ledger.keys.find(key_id);
      if (key == ledger.keys.end()) {
        return fault(
            fmt::format("{}signatures.json: party {} signed with key {}, which the log "
                        "never registered",
                        dir, party, key_id));
      }
      auto raw = evidence::unbase64(text_of(s, "signature"));
      if (!raw || !evidence::ed25519_verify(*statement, *raw, key->second.public_key)) {
        return fault(
            fmt::format("{}signatures.json: the signature of party {} (key {}) does not "
                        "verify over {}statement.txt with that key",
                        dir, party, key_id, dir));
      }
      bool recorded = false;
      for (const auto& r : v.signatures) {
        recorded = recorded || (r.party == party && r.key_id == key_id && r.signature == *raw);
      }
      if (!recorded) {
        return fault(
            fmt::format("{}signatures.json: the signature of party {} (key {}) is not the "
                        "one the log recorded",
                        dir, party, key_id));
      }
      ++summary.signatures;
    }
    ++summary.versions;
  }
  return {};
}

// keys.json says what the log's key registrations say.
Status check_keys(const std::string& keys, const GovernanceLedger& ledger) {
  boost::system::error_code ec;
  auto listed = json::parse(keys, ec);
  if (ec || !listed.is_array()) return fault(fmt::format("{} is not a JSON array", kKeysFile));
  std::size_t matched = 0;
  for (const auto& item : listed.as_array()) {
    if (!item.is_object()) return fault(fmt::format("{}: an entry is not an object", kKeysFile));
    std::string key_id = text_of(item.as_object(), "key_id");
    auto key = ledger.keys.find(key_id);
    const auto& pk = key == ledger.keys.end() ? evidence::PublicKey{} : key->second.public_key;
    std::string_view raw(reinterpret_cast<const char*>(pk.data()), pk.size());
    if (key == ledger.keys.end() ||
        text_of(item.as_object(), "public_key") != evidence::base64(raw)) {
      return fault(fmt::format("{}: key {} is not the key the log registered", kKeysFile, key_id));
    }
    ++matched;
  }
  if (matched != ledger.keys.size()) {
    return fault(fmt::format("{} lists {} keys, the log registered {}", kKeysFile, matched,
                             ledger.keys.size()));
  }
  return {};
}

}  // namespace

Result<BundleSummary> verify_bundle(const std::vector<BundleFile>& files) {
  std::map<std::string, const std::string*> by_path;
  for (const auto& f : files) {
    if (!by_path.emplace(f.path, &f.bytes).second) {
      return fault(fmt::format("{} appears twice in the bundle", f.path));
    }
  }
  BundleSummary summary;
  if (Status e = check_manifest(by_path, summary); !e.ok()) return e.error();
  GovernanceLedger ledger;
  if (Status e = check_events(*by_path.at(kEventsFile), ledger, summary); !e.ok()) return e.error();
  if (Status e = check_keys(*by_path.at(kKeysFile), ledger); !e.ok()) return e.error();
  if (Status e = check_versions(by_path, ledger, summary); !e.ok()) return e.error();
  return summary;
}

}  // namespace pactum::engine
