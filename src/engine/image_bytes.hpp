// The bytes of a read-model snapshot (snapshots.hpp): values written one after another, each
// integer as 8 little-endian bytes, each string as its length then its bytes. No self-description:
// the snapshot's format number says which layout follows, and a reader that runs past the end or
// meets an impossible length fails instead of guessing.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/time.hpp"

namespace pactum::engine::image {

class Writer {
 public:
  // `expected`: about how many bytes will be written (growing a string of hundreds of MB
  // copies it each time).
  explicit Writer(std::size_t expected = 0) { out_.reserve(expected); }

  void u64(std::uint64_t v);
  void i64(std::int64_t v) { u64(static_cast<std::uint64_t>(v)); }
  void boolean(bool v) { u64(v ? 1 : 0); }
  void str(std::string_view s);
  void raw(std::string_view bytes) { out_.append(bytes); }  // fixed-size fields: no length
  void instant(Instant t) { i64(t.time_since_epoch().count()); }
  void instant(const std::optional<Instant>& t);
  void strings(const std::vector<std::string>& v);
  void strings(const std::set<std::string>& v);

  // A length written before what it measures: a placeholder now, its value once known.
  std::size_t size() const { return out_.size(); }
  void patch_u64(std::size_t at, std::uint64_t v);

  const std::string& bytes() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in = {}) : in_(in) {}

  std::uint64_t u64();
  std::int64_t i64() { return static_cast<std::int64_t>(u64()); }
  bool boolean() { return u64() != 0; }
  std::string str();
  Instant instant() { return Instant(std::chrono::milliseconds(i64())); }
  std::optional<Instant> optional_instant();
  std::vector<std::string> strings();
  std::set<std::string> string_set();
  // A count of items that follow, each at least `min_bytes` long: more than the bytes left is a
  // damaged image (fails), never a huge allocation.
  std::size_t count(std::size_t min_bytes = 8);

  // The next `n` bytes as a reader of their own (read elsewhere, e.g. on another thread); this
  // one goes on after them.
  Reader part(std::uint64_t n);

  // False once anything read ran past the end or made no sense; what it returned then is empty.
  bool ok() const { return ok_; }
  void fail() { ok_ = false; }
  bool at_end() const { return pos_ == in_.size(); }

 private:
  std::string_view in_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace pactum::engine::image
