#include "store/snapshot_files.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <filesystem>

#include "store/atomic_file.hpp"

namespace pactum::store {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kSuffix = ".snapshot";

}  // namespace

SnapshotFiles::SnapshotFiles(std::string dir) : dir_(std::move(dir)) {}

std::string SnapshotFiles::path(std::int64_t seq) const {
  return fmt::format("{}/{:020}{}", dir_, seq, kSuffix);
}

std::vector<std::int64_t> SnapshotFiles::seqs() const {
  std::vector<std::int64_t> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    std::string name = entry.path().filename().string();
    if (name.size() != 20 + kSuffix.size() || !name.ends_with(kSuffix)) continue;
    std::int64_t seq = 0;
    auto [end, err] = std::from_chars(name.data(), name.data() + 20, seq);
    if (err == std::errc() && end == name.data() + 20 && seq > 0) out.push_back(seq);
  }
  std::sort(out.rbegin(), out.rend());
  return out;
}

MappedFile::~MappedFile() {
  if (size_ > 0) ::munmap(data_, size_);
}

Result<std::unique_ptr<MappedFile>> SnapshotFiles::read(std::int64_t seq) const {
  auto cannot = [&] { return Error{ErrorCode::unavailable, "cannot read " + path(seq), {}}; };
  int fd = ::open(path(seq).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return cannot();
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return cannot();
  }
  auto size = static_cast<std::size_t>(st.st_size);
  void* data = size == 0 ? nullptr : ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);  // the mapping stays
  if (data == MAP_FAILED) return cannot();
  return std::make_unique<MappedFile>(data, size);
}

Status SnapshotFiles::write(std::int64_t seq, std::string_view bytes, std::size_t keep) {
  std::error_code ec;
  fs::create_directories(dir_ + "/tmp", ec);
  if (ec) return Error{ErrorCode::unavailable, "cannot create " + dir_ + "/tmp", {}};
  if (Status e = write_atomically(dir_ + "/tmp", path(seq), bytes); !e.ok()) return e;
  auto all = seqs();
  for (std::size_t i = keep; i < all.size(); ++i) fs::remove(path(all[i]), ec);
  return {};
}

}  // namespace pactum::store
