#include "http/file_upload.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdint>

#include "http/multipart.hpp"

namespace pactum::http {
namespace {

constexpr std::size_t kMaxName = 255;

// Whether `s` is well-formed UTF-8 (no overlong forms, no surrogates, at most U+10FFFF).
bool utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n;
    if (c < 0x80) {
      n = 0;
    } else if ((c >> 5) == 0x6) {
      n = 1;
    } else if ((c >> 4) == 0xe) {
      n = 2;
    } else if ((c >> 3) == 0x1e) {
      n = 3;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;  // truncated
    std::uint32_t cp = n == 0 ? c : c & (0x3f >> n);
    for (std::size_t k = 1; k <= n; ++k) {
      auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3f);
    }
    static constexpr std::uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += n + 1;
  }
  return true;
}

bool token_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) ||
         std::string_view("!#$&^_.+-").find(c) != std::string_view::npos;
}

// "type/subtype" of a Content-Type value, lower-case, parameters dropped; "" when malformed.
std::string media_type_of(std::string_view value) {
  std::string type;
  for (char c : value.substr(0, value.find(';'))) {
    if (c != ' ' && c != '\t')
      type += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  auto slash = type.find('/');
  bool ok =
      slash != std::string::npos && slash > 0 && slash + 1 < type.size() && type.size() <= 127 &&
      std::all_of(type.begin(), type.end(), [](char c) { return c == '/' || token_char(c); }) &&
      type.find('/', slash + 1) == std::string::npos;
  return ok ? type : "";
}

// The name without a directory part (some browsers send a whole path), checked.
Result<std::string> file_name(std::string_view name, const std::string& field) {
  auto sep = name.find_last_of("/\\");
  if (sep != std::string_view::npos) name.remove_prefix(sep + 1);
  if (name.empty()) return invalid(field, "the file needs a name");
  if (name.size() > kMaxName) return invalid(field, "the file's name is over 255 bytes");
  if (!utf8(name)) return invalid(field, "the file's name is not UTF-8");
  if (std::any_of(name.begin(), name.end(),
                  [](unsigned char c) { return c < 0x20 || c == 0x7f; })) {
    return invalid(field, "the file's name has a control character");
  }
  return std::string(name);
}

}  // namespace

Result<Upload> upload_of(const Request& request) {
  Upload upload;
  const std::string& content_type = request.header("content-type");
  if (request.media_type() == "multipart/form-data") {
    auto boundary = multipart_boundary(content_type);
    if (!boundary) return boundary.error();
    auto part = parse_multipart_file(request.body, *boundary);
    if (!part) return part.error();
    auto name = file_name(part->name, "file");
    if (!name) return name.error();
    upload.bytes = part->bytes;
    upload.type = media_type_of(part->type);
    upload.name = std::move(*name);
    if (upload.type.empty()) return invalid("file", "the file part's Content-Type is malformed");
  } else {
    auto it = request.query.find("name");
    auto name = file_name(it == request.query.end() ? "" : it->second, "name");
    if (!name) return name.error();
    upload.bytes = request.body;
    upload.type = content_type.empty() ? "application/octet-stream" : media_type_of(content_type);
    upload.name = std::move(*name);
    if (upload.type.empty()) return invalid("Content-Type", "the file's Content-Type is malformed");
  }
  if (upload.bytes.empty()) return invalid("file", "the file is empty");
  return upload;
}

std::string attachment_disposition(std::string_view name) {
  std::string plain, encoded;
  for (char c : name) {
    auto u = static_cast<unsigned char>(c);
    plain += u < 0x20 || u >= 0x7f || c == '"' || c == '\\' ? '_' : c;
    if (std::isalnum(u) || std::string_view("!#$&+-.^_`|~").find(c) != std::string_view::npos) {
      encoded += c;
    } else {
      encoded += fmt::format("%{:02X}", u);
    }
  }
  return fmt::format("attachment; filename=\"{}\"; filename*=UTF-8''{}", plain, encoded);
}

}  // namespace pactum::http
