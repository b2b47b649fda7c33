// Evidence files (L4): uploaded once, stored content-addressed by their SHA-256 under the data
// directory, and referenced from events by that digest, so the hash chain covers the bytes too.
//
// Layout: DIR/ab/abcdef…64 hex (the bytes, as uploaded) and DIR/ab/abcdef….json beside it
// ({"type", "name", "size"}: what the download says; not evidence, the bytes are). Both are
// written to DIR/tmp/, fsynced and renamed into place (the metadata first), so a crash leaves
// either no file or a whole one, never half of one. A file exists when its bytes do. Storing
// bytes already there is a no-op: the first upload's type and name stay.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"

namespace pactum::store {

struct StoredFile {
  std::string sha256;  // 64 lower-case hex digits
  std::int64_t size = 0;
  std::string type;  // the media type it was uploaded with
  std::string name;  // its name on the uploader's machine (UTF-8), for the download
  bool operator==(const StoredFile&) const = default;
};

// Whether `s` is a SHA-256 digest as files are named: exactly 64 lower-case hex digits.
bool is_sha256_hex(std::string_view s);

class FileStore {
 public:
  // `dir` is DATA/files; created on the first put.
  explicit FileStore(std::string dir);

  // Stores the bytes (a no-op when they are there already) and answers what is stored.
  // `unavailable` naming the path when the disk refuses.
  Result<StoredFile> put(std::string_view bytes, const std::string& type, const std::string& name);
  // What is stored under the digest: invalid_argument (field "sha256") for a malformed digest,
  // not_found for an unknown one. A file whose metadata is missing is application/octet-stream
  // named by its digest.
  Result<StoredFile> info(std::string_view sha256) const;
  // The bytes, as stored (whether they still hash to the digest is check()'s question).
  Result<std::string> read(std::string_view sha256) const;
  bool contains(std::string_view sha256) const;
  // nullopt when the file is there and its bytes hash to the digest; otherwise what is wrong
  // ("missing", "altered: its bytes hash to …"). For the audit.
  std::optional<std::string> check(std::string_view sha256) const;
  // Every stored file's digest, in order (none when the directory does not exist).
  std::vector<std::string> digests() const;
  // Copies every stored file, with its metadata, into the store at `dir` (pactum backup and
  // restore); a file whose bytes no longer hash to its digest stops the copy, named. `copied`
  // counts the files.
  Status copy_to(const std::string& dir, std::int64_t& copied) const;
  const std::string& dir() const { return dir_; }

 private:
  std::string bytes_path(std::string_view sha256) const;

  std::string dir_;
};

}  // namespace pactum::store
