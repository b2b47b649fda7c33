#include "store/file_store.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "domain/digest.hpp"
#include "store/atomic_file.hpp"

namespace pactum::store {
namespace fs = std::filesystem;
namespace {

Error disk_error(const std::string& what, const std::string& path) {
  return Error{ErrorCode::unavailable, fmt::format("cannot {} {}", what, path), {}};
}

}  // namespace

bool is_sha256_hex(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

FileStore::FileStore(std::string dir) : dir_(std::move(dir)) {}

std::string FileStore::bytes_path(std::string_view sha256) const {
  return fmt::format("{}/{}/{}", dir_, sha256.substr(0, 2), sha256);
}

Result<StoredFile> FileStore::put(std::string_view bytes, const std::string& type,
                                  const std::string& name) {
  std::string sha256 = sha256_hex(bytes);
  std::string path = bytes_path(sha256);
  std::error_code ec;
  if (fs::exists(path, ec)) return info(sha256);  // the same bytes: nothing to write
  std::string tmp = dir_ + "/tmp";
  fs::create_directories(tmp, ec);
  fs::create_directories(fs::path(path).parent_path(), ec);
  if (ec) return disk_error("create", fs::path(path).parent_path().string());
  StoredFile file{sha256, static_cast<std::int64_t>(bytes.size()), type, name};
  std::string meta = boost::json::serialize(
      boost::json::object{{"type", type}, {"name", name}, {"size", file.size}});
  if (Status e = write_atomically(tmp, path + ".json", meta); !e.ok()) return e.error();
  if (Status e = write_atomically(tmp, path, bytes); !e.ok()) return e.error();
  return file;
}

Result<StoredFile> FileStore::info(std::string_view sha256) const {
  if (!is_sha256_hex(sha256)) {
    return invalid("sha256", "a file is named by its SHA-256: 64 lower-case hex digits");
  }
  std::string path = bytes_path(sha256);
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  if (ec) return Error{ErrorCode::not_found, fmt::format("no file {}", sha256), {}};
  StoredFile file{std::string(sha256), static_cast<std::int64_t>(size), "application/octet-stream",
                  std::string(sha256)};
  std::ifstream in(path + ".json");
  std::stringstream text;
  text << in.rdbuf();
  boost::system::error_code jec;
  auto meta = boost::json::parse(text.str(), jec);
  if (!jec && meta.is_object()) {
    const auto& o = meta.as_object();
    if (const auto* t = o.if_contains("type"); t && t->is_string() && !t->as_string().empty()) {
      file.type = t->as_string().c_str();
    }
    if (const auto* n = o.if_contains("name"); n && n->is_string() && !n->as_string().empty()) {
      file.name = n->as_string().c_str();
    }
  }
  return file;
}

Result<std::string> FileStore::read(std::string_view sha256) const {
  auto file = info(sha256);
  if (!file) return file.error();
  std::string path = bytes_path(sha256);
  std::ifstream in(path, std::ios::binary);
  std::string bytes(static_cast<std::size_t>(file->size), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!in) return disk_error("read", path);
  return bytes;
}

bool FileStore::contains(std::string_view sha256) const {
  std::error_code ec;
  return is_sha256_hex(sha256) && fs::is_regular_file(bytes_path(sha256), ec);
}

std::optional<std::string> FileStore::check(std::string_view sha256) const {
  if (!contains(sha256)) return "missing";
  std::ifstream in(bytes_path(sha256), std::ios::binary);
  Sha256 hash;
  char buffer[1 << 16];
  while (in) {
    in.read(buffer, sizeof buffer);
    hash.add(std::string_view(buffer, static_cast<std::size_t>(in.gcount())));
  }
  if (in.bad()) return "unreadable";
  auto hex = hash.finish_hex();
  std::string actual(hex.data(), hex.size());
  if (actual != sha256) return "altered: its bytes hash to " + actual;
  return std::nullopt;
}

std::vector<std::string> FileStore::digests() const {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& sub : fs::directory_iterator(dir_, ec)) {
    if (!sub.is_directory() || sub.path().filename().string().size() != 2) continue;
    for (const auto& f : fs::directory_iterator(sub.path(), ec)) {
      std::string name = f.path().filename().string();
      if (is_sha256_hex(name) && name.substr(0, 2) == sub.path().filename().string()) {
        out.push_back(std::move(name));
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

Status FileStore::copy_to(const std::string& dir, std::int64_t& copied) const {
  FileStore into(dir);
  copied = 0;
  for (const auto& digest : digests()) {
    if (auto problem = check(digest)) {
      return Error{ErrorCode::failed_precondition,
                   fmt::format("the evidence file {} is {}", bytes_path(digest), *problem),
                   {}};
    }
    auto file = info(digest);
    auto bytes = read(digest);
    if (!file) return file.error();
    if (!bytes) return bytes.error();
    auto stored = into.put(*bytes, file->type, file->name);
    if (!stored) return stored.error();
    ++copied;
  }
  return {};
}

}  // namespace pactum::store
