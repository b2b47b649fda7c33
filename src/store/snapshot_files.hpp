// Read-model snapshots on disk (engine/snapshots.hpp makes and reads their bytes), in the data
// directory whichever store holds the log: DIR/<seq, 20 digits>.snapshot, each written whole or
// not at all (atomic_file.hpp); the newest few are kept. Not evidence: a cache of what replaying
// the log gives, which may be removed at any time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"

namespace pactum::store {

// A stored snapshot's bytes, mapped read-only rather than copied: they run to hundreds of MB.
class MappedFile {
 public:
  MappedFile(void* data, std::size_t size) : data_(data), size_(size) {}
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }

 private:
  void* data_;
  std::size_t size_;
};

class SnapshotFiles {
 public:
  // `dir` is DATA/snapshots; created on the first write.
  explicit SnapshotFiles(std::string dir);

  // The seqs the stored snapshots were taken at, newest first (none without the directory).
  std::vector<std::int64_t> seqs() const;
  Result<std::unique_ptr<MappedFile>> read(std::int64_t seq) const;
  // Stores the snapshot taken at `seq`, then removes all but the newest `keep`.
  Status write(std::int64_t seq, std::string_view bytes, std::size_t keep = 2);
  std::string path(std::int64_t seq) const;
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
};

}  // namespace pactum::store
