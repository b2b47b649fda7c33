// How a database backend keeps an API token's scopes: one text column, separated by spaces.
#pragma once

#include <string>
#include <vector>

namespace pactum::store {

inline std::string join_scopes(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : " ") + s;
  return out;
}

inline std::vector<std::string> split_scopes(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < s.size()) {
    auto end = s.find(' ', start);
    if (end == std::string::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace pactum::store
