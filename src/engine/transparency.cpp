#include "engine/transparency.hpp"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "domain/canonical_json.hpp"
#include "domain/digest.hpp"
#include "domain/event_json.hpp"
#include "engine/image_bytes.hpp"

namespace pactum::engine {
namespace {

namespace json = boost::json;
using evidence::Hash;

// Leaf i is event i+1's chain hash (32 bytes). The chain's hashes are always 64 hex digits; a
// malformed one (a damaged database) makes a leaf no honest log has, and `audit verify` names it.
Hash leaf_of(std::string_view chain_hash_hex) {
  auto bytes = evidence::hash_from_hex(chain_hash_hex).value_or(Hash{});
  return evidence::leaf_hash(bytes);
}

std::string when(Instant t) { return format_instant(t); }

}  // namespace

std::string default_origin(const evidence::Seed& key) {
  auto pk = evidence::public_key_of(key);
  return "pactum/" + to_hex(std::string_view(reinterpret_cast<const char*>(pk.data()), 8));
}

Transparency::Transparency(store::EventLog& log, store::Checkpoints& checkpoints,
                           const Clock& clock, std::string origin, const evidence::Seed& key,
                           Publish publish)
    : log_(log),
      checkpoints_(checkpoints),
      clock_(clock),
      origin_(std::move(origin)),
      key_(key),
      log_key_{origin_, evidence::kEd25519, evidence::public_key_of(key)},
      publish_(std::move(publish)) {}

Status Transparency::check() {
  auto latest = checkpoints_.latest();
  if (!latest) return latest.error();
  if (!*latest) return {};
  const auto& stored = **latest;
  auto note = evidence::parse_note(stored.note);
  auto checkpoint =
      note ? evidence::parse_checkpoint(note->text) : Result<evidence::Checkpoint>(note.error());
  if (!checkpoint) {
    return Error{ErrorCode::internal,
                 fmt::format("the stored checkpoint of size {} is unreadable: {}", stored.size,
                             checkpoint.error().message),
                 {}};
  }
  std::lock_guard lock(mutex_);
  if (checkpoint->size > tree_.size()) {
    return precondition(fmt::format(
        "the log has {} events, but the checkpoint issued at {} covers {}: events {} to {} have "
        "been removed",
        tree_.size(), when(stored.issued_at), checkpoint->size, tree_.size() + 1,
        checkpoint->size));
  }
  auto root = tree_.root_at(checkpoint->size, reader());
  if (!root) return root.error();
  if (*root != checkpoint->root) {
    return precondition(fmt::format(
        "the log's first {} events no longer make the tree of the checkpoint issued at {}: the "
        "log has been rewritten",
        checkpoint->size, when(stored.issued_at)));
  }
  return {};
}

evidence::MerkleTree::LeafReader Transparency::reader() const {
  return [this](std::uint64_t begin, std::uint64_t end) -> Result<std::vector<Hash>> {
    auto events = log_.read(static_cast<std::int64_t>(begin), end - begin);
    if (!events) return events.error();
    std::vector<Hash> out;
    for (const auto& e : *events) out.push_back(leaf_of(e.hash));
    return out;
  };
}

void Transparency::observe(const store::RecordedEvent& e) {
  std::lock_guard lock(mutex_);
  auto size = static_cast<std::int64_t>(tree_.size());
  if (e.seq <= size) return;
  if (e.seq > size + 1) {  // appended by another process and not applied here: read them
    auto missing = log_.read(size, static_cast<std::size_t>(e.seq - size - 1));
    if (!missing) return;  // the next event tries again
    for (const auto& m : *missing) grow_locked(m);
    if (static_cast<std::int64_t>(tree_.size()) != e.seq - 1) return;
  }
  grow_locked(e);
}

void Transparency::grow_locked(const store::RecordedEvent& e) {
  tree_.append(leaf_of(e.hash));
  if (e.stream == kWitnessStream) apply_witness_locked(e);
}

void Transparency::apply_witness_locked(const store::RecordedEvent& e) {
  boost::system::error_code ec;
  auto payload = json::parse(e.payload, ec);
  if (ec || !payload.is_object()) return;
  const auto& o = payload.as_object();
  if (e.type == "witness.registered") {
    auto key = evidence::parse_vkey(json::value_to<std::string>(o.at("vkey")));
    if (!key) return;
    std::string by;
    if (auto actor = json::parse(e.actor, ec); !ec && actor.is_object()) {
      if (auto* user = actor.as_object().if_contains("user"))
        by = json::value_to<std::string>(*user);
    }
    std::string name = key->name;
    witnesses_[name] = {json::value_to<std::string>(o.at("party")), std::move(*key), e.at, by};
  }
}

void Transparency::write_image(image::Writer& out) const {
  auto write = [&out](const std::vector<Hash>& hashes) {
    out.u64(hashes.size());
    for (const auto& h : hashes) out.str({reinterpret_cast<const char*>(h.data()), h.size()});
  };
  std::lock_guard lock(mutex_);
  auto parts = tree_.parts();
  out.u64(parts.size);
  out.u64(parts.levels.size());
  for (const auto& level : parts.levels) write(level);
  write(parts.tail);
}

std::optional<evidence::MerkleTree> Transparency::read_image(image::Reader& in) {
  auto read = [&in] {
    std::vector<Hash> hashes(in.count(8 + sizeof(Hash)));
    for (auto& h : hashes) {
      std::string bytes = in.str();
      if (bytes.size() != h.size()) {
        in.fail();
        break;
      }
      std::copy(bytes.begin(), bytes.end(), h.begin());
    }
    return hashes;
  };
  evidence::MerkleTree::Parts parts;
  parts.size = in.u64();
  parts.levels.resize(in.count());
  for (auto& level : parts.levels) level = read();
  parts.tail = read();
  if (!in.ok()) return std::nullopt;
  return evidence::MerkleTree::from_parts(std::move(parts));
}

Status Transparency::restore(evidence::MerkleTree tree) {
  auto witnesses = log_.read_stream(std::string(kWitnessStream));
  if (!witnesses) return witnesses.error();
  std::lock_guard lock(mutex_);
  tree_ = std::move(tree);
  witnesses_.clear();
  for (const auto& e : *witnesses) {
    if (e.seq <= static_cast<std::int64_t>(tree_.size())) apply_witness_locked(e);
  }
  return {};
}

std::uint64_t Transparency::size() const {
  std::lock_guard lock(mutex_);
  return tree_.size();
}

Result<store::StoredCheckpoint> Transparency::checkpoint() {
  std::lock_guard one(checkpoint_mutex_);
  evidence::Checkpoint c{origin_, 0, {}};
  {
    std::lock_guard lock(mutex_);
    c.size = tree_.size();
    c.root = tree_.root();
  }
  auto latest = checkpoints_.latest();
  if (!latest) return latest.error();
  if (*latest && (*latest)->size >= static_cast<std::int64_t>(c.size)) return **latest;
  std::string text = c.text();
  evidence::Note note{text, {evidence::sign(text, origin_, key_)}};
  store::StoredCheckpoint stored{
      static_cast<std::int64_t>(c.size), note.format(), clock_.now(), {}};
  if (Status e = checkpoints_.add(stored); !e.ok()) return e.error();
  return stored;
}

Result<std::optional<store::StoredCheckpoint>> Transparency::latest() {
  return checkpoints_.latest();
}

Status Transparency::add_timestamp(std::int64_t size, const std::string& token) {
  return checkpoints_.add_timestamp(size, token);
}

std::string Transparency::served(const store::StoredCheckpoint& c) {
  std::string out = c.note;
  for (const auto& s : c.cosignatures) out += s.line;
  return out;
}

// Proofs are computed on a copy (about a byte per event), so that reading leaves back from the
// log happens outside the lock that applying events takes: a flood of proof requests must not
// hold up the log's completions.
evidence::MerkleTree Transparency::snapshot() const {
  std::lock_guard lock(mutex_);
  return tree_;
}

Result<std::vector<Hash>> Transparency::consistency_proof(std::uint64_t old_size,
                                                          std::uint64_t new_size) const {
  return snapshot().consistency_proof(old_size, new_size, reader());
}

Result<std::vector<Hash>> Transparency::inclusion_proof(std::uint64_t index,
                                                        std::uint64_t size) const {
  return snapshot().inclusion_proof(index, size, reader());
}

std::vector<WitnessKey> Transparency::witnesses() const {
  std::lock_guard lock(mutex_);
  std::vector<WitnessKey> out;
  for (const auto& [name, w] : witnesses_) out.push_back(w);
  return out;
}

Result<WitnessKey> Transparency::register_witness(const std::string& party, const std::string& vkey,
                                                  const Actor& by) {
  auto key = evidence::parse_vkey(vkey);
  if (!key) return key.error();
  if (key->type != evidence::kCosignature) {
    return invalid("vkey",
                   "a witness key signs cosignatures: its type byte is 0x04 (pactum key "
                   "generate --witness makes one)");
  }
  if (key->name == origin_) return invalid("vkey", "a witness is named apart from the log");
  {
    std::lock_guard lock(mutex_);
    if (witnesses_.count(key->name)) {
      return Error{ErrorCode::conflict,
                   fmt::format("a witness named {} is registered already", key->name), "vkey"};
    }
  }
  json::object payload{{"party", party}, {"vkey", key->vkey()}};
  store::AppendRequest request{std::string(kWitnessStream),
                               store::kAnyVersion,
                               {{"witness.registered", canonical_json(actor_to_json(by)),
                                 clock_.now(), canonical_json(payload)}},
                               "witness:" + key->name};
  auto r = log_.append_and_wait(std::move(request));
  if (!r) return r.error();
  if (r->duplicate) {
    return Error{ErrorCode::conflict,
                 fmt::format("a witness named {} is registered already", key->name), "vkey"};
  }
  publish_(r->events);
  return WitnessKey{party, *key, r->events.front().at, by.user};
}

Result<std::vector<std::string>> Transparency::add_cosignatures(std::string_view text) {
  auto note = evidence::parse_note(text);
  if (!note) return note.error();
  auto checkpoint = evidence::parse_checkpoint(note->text);
  if (!checkpoint) return checkpoint.error();
  auto stored = checkpoints_.at(static_cast<std::int64_t>(checkpoint->size));
  if (!stored) return stored.error();
  if (!*stored) {
    return Error{ErrorCode::not_found,
                 fmt::format("no checkpoint of size {} was issued", checkpoint->size),
                 "checkpoint"};
  }
  auto issued = evidence::parse_note((*stored)->note);
  if (!issued || issued->text != note->text) {
    return invalid("checkpoint", fmt::format("this is not the checkpoint of size {} that the log "
                                             "issued",
                                             checkpoint->size));
  }
  std::vector<store::StoredCosignature> kept;
  for (const auto& w : witnesses()) {
    for (const auto& s : note->signatures) {
      if (s.name != w.key.name || s.key_id != w.key.id()) continue;
      evidence::Note one{note->text, {s}};
      if (!evidence::verify(one, w.key)) {
        return invalid("checkpoint", fmt::format("the cosignature by {} does not verify", s.name));
      }
      kept.push_back({s.name, evidence::signature_line(s), clock_.now()});
    }
  }
  if (kept.empty()) {
    return invalid("checkpoint", "no cosignature by a registered witness");
  }
  std::vector<std::string> names;
  for (const auto& c : kept) {
    if (Status e = checkpoints_.add_cosignature(static_cast<std::int64_t>(checkpoint->size), c);
        !e.ok()) {
      return e.error();
    }
    names.push_back(c.witness);
  }
  return names;
}

}  // namespace pactum::engine
