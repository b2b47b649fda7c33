#include "engine/tar_file.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>

#include "domain/digest.hpp"

namespace pactum::engine {
namespace {

struct ArchiveFree {
  void operator()(archive* a) const { archive_free(a); }  // closes too
};
using ArchivePtr = std::unique_ptr<archive, ArchiveFree>;
struct EntryFree {
  void operator()(archive_entry* e) const { archive_entry_free(e); }
};

Error failed(const std::string& path, const char* what, archive* a) {
  const char* detail = a ? archive_error_string(a) : nullptr;
  return Error{ErrorCode::invalid_argument,
               fmt::format("{}: {}{}{}", path, what, detail ? ": " : "", detail ? detail : ""),
               "bundle"};
}

}  // namespace

Result<std::string> write_tar(const std::string& path, const std::string& folder,
                              const std::vector<BundleFile>& files, Instant at) {
  std::string temporary = fmt::format("{}.{}.part", path, getpid());
  ArchivePtr a(archive_write_new());
  archive_write_set_format_pax_restricted(a.get());
  if (archive_write_open_filename(a.get(), temporary.c_str()) != ARCHIVE_OK) {
    return Error{ErrorCode::unavailable,
                 fmt::format("cannot write {}: {}", temporary, archive_error_string(a.get())),
                 "out"};
  }
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count();
  for (const auto& f : files) {
    std::unique_ptr<archive_entry, EntryFree> entry(archive_entry_new());
    std::string name = folder + "/" + f.path;
    archive_entry_set_pathname_utf8(entry.get(), name.c_str());
    archive_entry_set_size(entry.get(), static_cast<la_int64_t>(f.bytes.size()));
    archive_entry_set_filetype(entry.get(), AE_IFREG);
    archive_entry_set_perm(entry.get(), 0644);
    archive_entry_set_mtime(entry.get(), seconds, 0);
    if (archive_write_header(a.get(), entry.get()) != ARCHIVE_OK ||
        archive_write_data(a.get(), f.bytes.data(), f.bytes.size()) !=
            static_cast<la_ssize_t>(f.bytes.size())) {
      Error e{ErrorCode::unavailable,
              fmt::format("cannot write {}: {}", temporary, archive_error_string(a.get())), "out"};
      a.reset();
      std::remove(temporary.c_str());
      return e;
    }
  }
  if (archive_write_close(a.get()) != ARCHIVE_OK) {
    Error e{ErrorCode::unavailable,
            fmt::format("cannot write {}: {}", temporary, archive_error_string(a.get())), "out"};
    std::remove(temporary.c_str());
    return e;
  }
  a.reset();
  std::ifstream in(temporary, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  if (!in || std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::remove(temporary.c_str());
    return Error{ErrorCode::unavailable, fmt::format("cannot put the bundle at {}", path), "out"};
  }
  return sha256_hex(bytes.str());
}

Result<BundleWritten> write_bundle(BundleSources sources, const std::string& path, Instant at) {
  auto files = bundle_files(std::move(sources));
  if (!files) return files.error();
  auto digest = write_tar(path, kBundleFolder, *files, at);
  if (!digest) return digest.error();
  return BundleWritten{*digest, files->size()};
}

Result<std::vector<BundleFile>> read_tar(const std::string& path, const std::string& folder) {
  ArchivePtr a(archive_read_new());
  archive_read_support_format_tar(a.get());
  archive_read_support_filter_all(a.get());  // a bundle someone compressed still reads
  if (archive_read_open_filename(a.get(), path.c_str(), 64 * 1024) != ARCHIVE_OK) {
    return failed(path, "not a readable tar file", a.get());
  }
  std::vector<BundleFile> files;
  std::string prefix = folder + "/";
  archive_entry* entry = nullptr;
  for (;;) {
    int r = archive_read_next_header(a.get(), &entry);
    if (r == ARCHIVE_EOF) break;
    if (r != ARCHIVE_OK) return failed(path, "not a readable tar file", a.get());
    const char* raw = archive_entry_pathname_utf8(entry);
    if (!raw) raw = archive_entry_pathname(entry);
    std::string name = raw ? raw : "";
    if (archive_entry_filetype(entry) == AE_IFDIR) continue;
    if (archive_entry_filetype(entry) != AE_IFREG) {
      return Error{ErrorCode::invalid_argument,
                   fmt::format("{}: {} is not a regular file", path, name), "bundle"};
    }
    BundleFile f;
    f.path = name.rfind(prefix, 0) == 0 ? name.substr(prefix.size()) : name;
    char buffer[64 * 1024];
    for (;;) {
      la_ssize_t n = archive_read_data(a.get(), buffer, sizeof buffer);
      if (n < 0) return failed(path, fmt::format("{} cannot be read", name).c_str(), a.get());
      if (n == 0) break;
      f.bytes.append(buffer, static_cast<std::size_t>(n));
    }
    files.push_back(std::move(f));
  }
  return files;
}

}  // namespace pactum::engine
