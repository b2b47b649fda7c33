#include "store/record.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstring>

#include "domain/canonical_json.hpp"
#include "domain/digest.hpp"

namespace pactum::store {
namespace {

// Emits the canonical record piece by piece to `put`: members in RFC 8785 order (all keys are
// ASCII, so byte order is UTF-16 order); actor and payload are already canonical JSON.
template <class Put>
void emit_record(const RecordView& e, Put&& put) {
  std::string scratch;
  auto string = [&](std::string_view s) {
    bool plain = std::none_of(s.begin(), s.end(), [](char ch) {
      auto c = static_cast<unsigned char>(ch);
      return c < 0x20 || c == '"' || c == '\\';
    });
    if (plain) {
      put("\"");
      put(s);
      put("\"");
      return;
    }
    scratch.clear();
    append_canonical_string(scratch, s);
    put(scratch);
  };
  char number[24];
  auto integer = [&](std::int64_t v) {
    auto end = std::to_chars(number, number + sizeof number, v).ptr;
    put(std::string_view(number, static_cast<std::size_t>(end - number)));
  };
  put("{\"actor\":");
  put(e.actor);
  put(",\"at\":");
  string(e.at);
  put(",\"idempotency_key\":");
  string(e.idempotency_key);
  put(",\"payload\":");
  put(e.payload);
  put(",\"seq\":");
  integer(e.seq);
  put(",\"stream\":");
  string(e.stream);
  put(",\"type\":");
  string(e.type);
  put(",\"version\":");
  integer(e.version);
  put("}");
}

RecordView view_of(const RecordedEvent& e, const std::string& at) {
  return {e.seq, e.stream,  e.version,         e.type,      e.actor,
          at,    e.payload, e.idempotency_key, e.prev_hash, e.hash};
}

}  // namespace

std::string canonical_record(const RecordedEvent& e) {
  std::string at = format_instant(e.at);
  std::string out;
  out.reserve(e.payload.size() + e.actor.size() + 160);
  emit_record(view_of(e, at), [&](std::string_view piece) { out.append(piece); });
  return out;
}

void seal(RecordedEvent& e, const std::string& prev_hash) {
  e.prev_hash = prev_hash;
  e.hash = chain_hash(prev_hash, canonical_record(e));
}

Result<std::vector<RecordedEvent>> build_records(AppendRequest& request, const ChainHead& head,
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
    NewEvent& n = request.events[i];
    RecordedEvent e;
    e.seq = head.seq + static_cast<std::int64_t>(i) + 1;
    e.stream = request.stream;
    e.version = stream_version + static_cast<std::int64_t>(i) + 1;
    e.type = std::move(n.type);
    e.actor = std::move(n.actor);
    e.at = n.at;
    e.payload = std::move(n.payload);
    if (i == 0) e.idempotency_key = request.idempotency_key;
    seal(e, prev);
    prev = e.hash;
    out.push_back(std::move(e));
  }
  return out;
}

ChainVerifier::ChainVerifier() {
  std::copy(kGenesisHash.begin(), kGenesisHash.end(), prev_.begin());
}

ChainVerifier::ChainVerifier(const ChainHead& from) : ChainVerifier() {
  if (from.seq == 0) return;
  last_seq_ = from.seq;
  if (from.hash.size() != prev_.size()) {
    failure_ = fmt::format("the verified head at event {} has a malformed hash", from.seq);
    return;
  }
  std::copy(from.hash.begin(), from.hash.end(), prev_.begin());
}

bool ChainVerifier::next(const RecordedEvent& e) {
  std::string at = format_instant(e.at);
  return next(view_of(e, at));
}

bool ChainVerifier::next(const RecordView& e) {
  if (failure_) return false;
  std::string_view prev(prev_.data(), prev_.size());
  if (e.seq != last_seq_ + 1) {
    failure_ = fmt::format("event {} follows event {}: events are missing or out of order", e.seq,
                           last_seq_);
    return false;
  }
  if (e.prev_hash != prev) {
    failure_ = fmt::format(
        "event {} ({}, {} v{}) does not link to event {}: its prev_hash is {}, "
        "expected {}",
        e.seq, e.type, e.stream, e.version, last_seq_, e.prev_hash, prev);
    return false;
  }
  // The record goes into a reused buffer, then to the hasher in one piece: cheaper than many
  // small digest updates.
  thread_local Sha256 sha;
  thread_local std::string record;
  record.clear();
  emit_record(e, [&](std::string_view piece) { record.append(piece); });
  bytes_ += static_cast<std::int64_t>(record.size());
  sha.start();
  sha.add(prev);
  sha.add("\n");
  sha.add(record);
  auto recomputed = sha.finish_hex();
  if (e.hash != std::string_view(recomputed.data(), recomputed.size())) {
    failure_ = fmt::format(
        "event {} ({}, {} v{}) has been altered: its content hashes to {}, "
        "but its recorded hash is {}",
        e.seq, e.type, e.stream, e.version, std::string_view(recomputed.data(), recomputed.size()),
        e.hash);
    return false;
  }
  prev_ = recomputed;
  last_seq_ = e.seq;
  ++checked_;
  return true;
}

}  // namespace pactum::store
