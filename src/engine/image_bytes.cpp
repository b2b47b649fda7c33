#include "engine/image_bytes.hpp"

namespace pactum::engine::image {

void Writer::u64(std::uint64_t v) {
  char b[8];
  for (int i = 0; i < 8; ++i) b[i] = static_cast<char>((v >> (8 * i)) & 0xff);
  out_.append(b, 8);
}

void Writer::patch_u64(std::size_t at, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out_[at + i] = static_cast<char>((v >> (8 * i)) & 0xff);
}

void Writer::str(std::string_view s) {
  u64(s.size());
  out_.append(s);
}

void Writer::instant(const std::optional<Instant>& t) {
  boolean(t.has_value());
  if (t) instant(*t);
}

void Writer::strings(const std::vector<std::string>& v) {
  u64(v.size());
  for (const auto& s : v) str(s);
}

void Writer::strings(const std::set<std::string>& v) {
  u64(v.size());
  for (const auto& s : v) str(s);
}

std::uint64_t Reader::u64() {
  if (!ok_ || in_.size() - pos_ < 8) {
    ok_ = false;
    return 0;
  }
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) {
    v |= static_cast<std::uint64_t>(static_cast<unsigned char>(in_[pos_ + i])) << (8 * i);
  }
  pos_ += 8;
  return v;
}

std::string Reader::str() {
  std::uint64_t n = u64();
  if (!ok_ || n > in_.size() - pos_) {
    ok_ = false;
    return {};
  }
  std::string s(in_.substr(pos_, n));
  pos_ += n;
  return s;
}

Reader Reader::part(std::uint64_t n) {
  if (!ok_ || n > in_.size() - pos_) {
    ok_ = false;
    Reader failed;
    failed.fail();
    return failed;
  }
  Reader r(in_.substr(pos_, n));
  pos_ += n;
  return r;
}

std::optional<Instant> Reader::optional_instant() {
  if (!boolean()) return std::nullopt;
  return instant();
}

std::size_t Reader::count(std::size_t min_bytes) {
  std::uint64_t n = u64();
  if (!ok_ || (min_bytes > 0 && n > (in_.size() - pos_) / min_bytes)) {
    ok_ = false;
    return 0;
  }
  return static_cast<std::size_t>(n);
}

std::vector<std::string> Reader::strings() {
  std::vector<std::string> out(count());
  for (auto& s : out) s = str();
  return out;
}

std::set<std::string> Reader::string_set() {
  std::set<std::string> out;
  for (std::size_t n = count(); n > 0 && ok_; --n) out.insert(str());
  return out;
}

}  // namespace pactum::engine::image
