#include "store/record.hpp"

#include <fmt/format.h>

#include "domain/canonical_json.hpp"
#include "domain/digest.hpp"

namespace pactum::store {

std::string canonical_record(const RecordedEvent& e) {
  // Members in RFC 8785 order (all keys are ASCII, so byte order is UTF-16 order). Actor and
  // payload are already canonical JSON and are spliced in as they are.
  std::string out;
  out.reserve(e.payload.size() + e.actor.size() + 160);
  out += "{\"actor\":";
  out += e.actor;
  out += ",\"at\":";
  append_canonical_string(out, format_instant(e.at));
  out += ",\"idempotency_key\":";
  append_canonical_string(out, e.idempotency_key);
  out += ",\"payload\":";
  out += e.payload;
  out += ",\"seq\":";
  out += std::to_string(e.seq);
  out += ",\"stream\":";
  append_canonical_string(out, e.stream);
  out += ",\"type\":";
  append_canonical_string(out, e.type);
  out += ",\"version\":";
  out += std::to_string(e.version);
  out += '}';
  return out;
}

void seal(RecordedEvent& e, const std::string& prev_hash) {
  e.prev_hash = prev_hash;
  e.hash = chain_hash(prev_hash, canonical_record(e));
}

Result<std::vector<RecordedEvent>> build_records(const AppendRequest& request, const ChainHead& head,
                                                 std::int64_t stream_version) {
  if (request.stream.empty()) return invalid("stream", "an append names its stream");
  if (request.events.empty()) return invalid("events", "an append holds at least one event");
  if (request.expected_version != kAnyVersion && request.expected_version != stream_version) {
    return Error{ErrorCode::conflict,
                 fmt::format("stream {} is at version {}, not {}: reload and retry", request.stream,
                             stream_version, request.expected_version),
                 {}};
  }
  std::vector<RecordedEvent> out;
  out.reserve(request.events.size());
  std::string prev = head.seq == 0 ? std::string(kGenesisHash) : head.hash;
  for (std::size_t i = 0; i < request.events.size(); ++i) {
    const NewEvent& n = request.events[i];
    RecordedEvent e;
    e.seq = head.seq + static_cast<std::int64_t>(i) + 1;
    e.stream = request.stream;
    e.version = stream_version + static_cast<std::int64_t>(i) + 1;
    e.type = n.type;
    e.actor = n.actor;
    e.at = n.at;
    e.payload = n.payload;
    if (i == 0) e.idempotency_key = request.idempotency_key;
    seal(e, prev);
    prev = e.hash;
    out.push_back(std::move(e));
  }
  return out;
}

bool ChainVerifier::next(const RecordedEvent& e) {
  if (failure_) return false;
  if (checked_ == 0) prev_hash_ = std::string(kGenesisHash);
  if (e.seq != last_seq_ + 1) {
    failure_ = fmt::format("event {} follows event {}: events are missing or out of order", e.seq,
                           last_seq_);
    return false;
  }
  if (e.prev_hash != prev_hash_) {
    failure_ = fmt::format("event {} ({}, {} v{}) does not link to event {}: its prev_hash is {}, "
                           "expected {}",
                           e.seq, e.type, e.stream, e.version, last_seq_, e.prev_hash, prev_hash_);
    return false;
  }
  std::string recomputed = chain_hash(prev_hash_, canonical_record(e));
  if (recomputed != e.hash) {
    failure_ = fmt::format("event {} ({}, {} v{}) has been altered: its content hashes to {}, "
                           "but its recorded hash is {}",
                           e.seq, e.type, e.stream, e.version, recomputed, e.hash);
    return false;
  }
  prev_hash_ = e.hash;
  last_seq_ = e.seq;
  ++checked_;
  return true;
}

}  // namespace pactum::store
