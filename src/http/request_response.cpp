#include "http/request_response.hpp"

#include <cctype>

namespace pactum::http {

const std::string& Request::header(const std::string& lower_name) const {
  static const std::string kEmpty;
  auto it = headers.find(lower_name);
  return it == headers.end() ? kEmpty : it->second;
}

std::string Request::media_type() const {
  const std::string& value = header("content-type");
  std::string type;
  for (char c : value.substr(0, value.find(';'))) {
    if (c != ' ' && c != '\t') {
      type += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return type;
}

std::string Request::cookie(const std::string& name) const {
  const std::string& all = header("cookie");
  std::size_t pos = 0;
  while (pos < all.size()) {
    auto end = all.find(';', pos);
    if (end == std::string::npos) end = all.size();
    auto part = all.substr(pos, end - pos);
    auto start = part.find_first_not_of(' ');
    if (start != std::string::npos) part = part.substr(start);
    auto eq = part.find('=');
    if (eq != std::string::npos && part.substr(0, eq) == name) return part.substr(eq + 1);
    pos = end + 1;
  }
  return "";
}

}  // namespace pactum::http
