// The transparency log over the event log (docs/evidence.md): the RFC 9162 Merkle tree of every
// event's chain hash, grown as events are applied; checkpoints of it signed with the log's key
// (C2SP tlog-checkpoint) and stored; proofs; and the parties' witnesses, whose keys are events on
// the "witnesses" stream and whose cosignatures of a checkpoint are kept beside it.
//
// A hash chain proves order, not completeness: someone who controls the database can cut its
// tail or rewrite it and recompute every hash. A checkpoint that a party's witness cosigned and
// keeps is what makes that visible: the log must extend it.
//
// Thread-safe. observe() must see every event once, in seq order (Engine::subscribe does).
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "domain/clock.hpp"
#include "domain/evidence/merkle.hpp"
#include "domain/evidence/note.hpp"
#include "domain/incident.hpp"
#include "store/checkpoints.hpp"
#include "store/event_log.hpp"

namespace pactum::engine {

namespace image {
class Writer;
class Reader;
}  // namespace image

inline constexpr std::string_view kWitnessStream = "witnesses";

struct WitnessKey {
  std::string party;
  evidence::VerifierKey key;  // type 0x04 (cosignature)
  Instant registered_at;
  std::string registered_by;
};

// "pactum/" and the first 8 bytes of the log's public key, in hex: a name no other log has,
// stable for as long as its key.
std::string default_origin(const evidence::Seed& key);

class Transparency {
 public:
  // Events this component appends (witness keys) are handed to `publish` once durable, so that
  // they are applied in order like every other (Engine::observe).
  using Publish = std::function<void(std::vector<store::RecordedEvent>)>;
  Transparency(store::EventLog& log, store::Checkpoints& checkpoints, const Clock& clock,
               std::string origin, const evidence::Seed& key, Publish publish);

  // Every event, once, in seq order, from the first (subscribe to the engine before it loads:
  // the events it reads at start grow the tree too): the tree and the witness keys follow.
  void observe(const store::RecordedEvent& e);
  // Once the log has been observed to its head: checks it against the latest stored checkpoint.
  // A log that does not extend it (events removed, or rewritten and rehashed) is
  // `failed_precondition`, naming the sizes.
  Status check();

  // Signs and stores a checkpoint of the tree as it stands, unless the latest has its size.
  Result<store::StoredCheckpoint> checkpoint();
  Result<std::optional<store::StoredCheckpoint>> latest();
  // Keeps an RFC 3161 time-stamp token of the checkpoint of `size` (of its signed text).
  Status add_timestamp(std::int64_t size, const std::string& token);
  // A stored checkpoint as served: the log's note with every cosignature line after its own.
  static std::string served(const store::StoredCheckpoint& c);

  std::uint64_t size() const;

  // The tree as read-model snapshot bytes (snapshots.hpp), written while the engine applies
  // nothing (Engine::write_image's `also`), and read back: nullopt if they are damaged.
  void write_image(image::Writer& out) const;
  static std::optional<evidence::MerkleTree> read_image(image::Reader& in);
  // Before the engine loads from the same snapshot: the tree of its first tree.size() events,
  // and the witness keys registered among them (read again from their stream). observe() goes
  // on from there.
  Status restore(evidence::MerkleTree tree);
  Result<std::vector<evidence::Hash>> consistency_proof(std::uint64_t old_size,
                                                        std::uint64_t new_size) const;
  Result<std::vector<evidence::Hash>> inclusion_proof(std::uint64_t index,
                                                      std::uint64_t size) const;

  const std::string& origin() const { return origin_; }
  evidence::VerifierKey log_key() const { return log_key_; }
  std::vector<WitnessKey> witnesses() const;

  // Registers a party's witness key ("NAME+ID+BASE64", type 0x04): an event both parties see.
  // The name must be new; the caller checks that `by` may speak for `party`.
  Result<WitnessKey> register_witness(const std::string& party, const std::string& vkey,
                                      const Actor& by);
  // A witness's cosigned checkpoint (the checkpoint's note with its cosignature line): its text
  // must be a stored checkpoint's, and each line by a registered witness must verify (else
  // invalid_argument); at least one must. Returns the witnesses whose cosignatures were kept.
  Result<std::vector<std::string>> add_cosignatures(std::string_view note);

 private:
  evidence::MerkleTree::LeafReader reader() const;
  evidence::MerkleTree snapshot() const;
  void grow_locked(const store::RecordedEvent& e);
  void apply_witness_locked(const store::RecordedEvent& e);

  store::EventLog& log_;
  store::Checkpoints& checkpoints_;
  const Clock& clock_;
  std::string origin_;
  evidence::Seed key_;
  evidence::VerifierKey log_key_;
  Publish publish_;

  mutable std::mutex mutex_;
  evidence::MerkleTree tree_;
  std::map<std::string, WitnessKey> witnesses_;  // by key name
  std::mutex checkpoint_mutex_;                  // one checkpoint signed at a time
};

}  // namespace pactum::engine
