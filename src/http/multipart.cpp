#include "http/multipart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <vector>

namespace pactum::http {
namespace {

constexpr std::size_t kMaxPartHeaders = 8 * 1024;

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The parameters after a header value's first ';': name (lower-case) → value, unquoted. A quoted
// value ends at the next quote: browsers percent-encode quotes in file names rather than escape
// them with a backslash (WHATWG HTML, multipart/form-data encoding), so a backslash is kept as is.
std::optional<std::vector<std::pair<std::string, std::string>>> parameters(std::string_view v) {
  std::vector<std::pair<std::string, std::string>> out;
  auto semi = v.find(';');
  if (semi == std::string_view::npos) return out;
  v.remove_prefix(semi + 1);
  while (true) {
    v = trim(v);
    if (v.empty()) return out;
    auto eq = v.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    std::string name = lower(trim(v.substr(0, eq)));
    v.remove_prefix(eq + 1);
    v = trim(v);
    std::string value;
    if (!v.empty() && v.front() == '"') {
      auto close = v.find('"', 1);
      if (close == std::string_view::npos) return std::nullopt;
      value = v.substr(1, close - 1);
      v.remove_prefix(close + 1);
      v = trim(v);
      if (!v.empty() && v.front() != ';') return std::nullopt;
    } else {
      auto end = v.find(';');
      value = trim(v.substr(0, end));
      v.remove_prefix(end == std::string_view::npos ? v.size() : end);
    }
    if (!v.empty()) v.remove_prefix(1);  // the ';'
    out.emplace_back(std::move(name), std::move(value));
  }
}

const std::string* parameter(const std::vector<std::pair<std::string, std::string>>& ps,
                             const std::string& name) {
  for (const auto& [k, v] : ps) {
    if (k == name) return &v;
  }
  return nullptr;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 8187 (5987) ext-value: UTF-8'language'percent-encoded. Other charsets are refused.
std::optional<std::string> ext_value(std::string_view v) {
  auto first = v.find('\'');
  auto second = first == std::string_view::npos ? first : v.find('\'', first + 1);
  if (second == std::string_view::npos || lower(v.substr(0, first)) != "utf-8") {
    return std::nullopt;
  }
  std::string out;
  for (std::size_t i = second + 1; i < v.size(); ++i) {
    if (v[i] != '%') {
      out += v[i];
      continue;
    }
    if (i + 2 >= v.size()) return std::nullopt;
    int hi = hex_value(v[i + 1]);
    int lo = hex_value(v[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

Error refused(std::string message) { return invalid("file", std::move(message)); }

}  // namespace

Result<std::string> multipart_boundary(std::string_view content_type) {
  auto ps = parameters(content_type);
  const std::string* boundary = ps ? parameter(*ps, "boundary") : nullptr;
  if (!boundary || boundary->empty()) {
    return invalid("Content-Type", "multipart/form-data needs its boundary parameter");
  }
  if (boundary->size() > 70) {
    return invalid("Content-Type", "a multipart boundary has at most 70 characters");
  }
  for (unsigned char c : *boundary) {
    if (c < 0x20 || c >= 0x7f) {
      return invalid("Content-Type", "the multipart boundary has a character it may not have");
    }
  }
  return *boundary;
}

Result<MultipartFile> parse_multipart_file(std::string_view body, std::string_view boundary) {
  std::string delimiter = fmt::format("--{}", boundary);
  if (body.substr(0, delimiter.size()) != delimiter) {
    return refused("the multipart body does not begin with its boundary");
  }
  body.remove_prefix(delimiter.size());
  if (body.substr(0, 2) == "--") return refused("the form has no file");
  if (body.substr(0, 2) != "\r\n") return refused("the boundary line is malformed");
  body.remove_prefix(2);

  auto headers_end = body.substr(0, kMaxPartHeaders + 4).find("\r\n\r\n");
  if (headers_end == std::string_view::npos) {
    return refused(body.size() > kMaxPartHeaders
                       ? "the file part's headers are over 8 KiB"
                       : "the file part is truncated: no blank line after its headers");
  }
  MultipartFile file{{}, "application/octet-stream", {}};
  bool disposition = false, has_name = false;
  std::string_view headers = body.substr(0, headers_end);
  while (!headers.empty()) {
    auto eol = headers.find("\r\n");
    std::string_view line = headers.substr(0, eol);
    headers.remove_prefix(eol == std::string_view::npos ? headers.size() : eol + 2);
    auto colon = line.find(':');
    if (colon == std::string_view::npos) return refused("a part header has no colon");
    std::string name = lower(trim(line.substr(0, colon)));
    std::string_view value = trim(line.substr(colon + 1));
    if (name == "content-type") {
      if (!value.empty()) file.type = value;
    } else if (name == "content-disposition") {
      auto ps = parameters(value);
      if (lower(trim(value.substr(0, value.find(';')))) != "form-data" || !ps) {
        return refused("the part's Content-Disposition is not form-data with its parameters");
      }
      disposition = true;
      if (const auto* star = parameter(*ps, "filename*")) {
        auto decoded = ext_value(*star);
        if (!decoded) return refused("the part's filename* is not UTF-8''percent-encoded");
        file.name = *decoded;
        has_name = true;
      } else if (const auto* plain = parameter(*ps, "filename")) {
        file.name = *plain;
        has_name = true;
      }
    }
  }
  if (!disposition) return refused("the part has no Content-Disposition");
  if (!has_name) return refused("the part is not a file (its Content-Disposition has no filename)");
  body.remove_prefix(headers_end + 4);

  std::string close = "\r\n" + delimiter;
  auto end = body.find(close);
  if (end == std::string_view::npos)
    return refused("the file part is truncated: no closing boundary");
  file.bytes = body.substr(0, end);
  std::string_view after = body.substr(end + close.size());
  if (after.substr(0, 2) == "\r\n") return refused("the form has a second part: send one file");
  if (after.substr(0, 2) != "--") return refused("the closing boundary line is malformed");
  return file;  // what follows the closing delimiter is the epilogue, ignored (RFC 2046)
}

}  // namespace pactum::http
