#include "domain/governance/text_diff.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace pactum::governance {
namespace {

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    auto end = text.find('\n');
    if (end == std::string_view::npos) end = text.size();
    out.push_back(text.substr(0, end));
    text.remove_prefix(std::min(end + 1, text.size()));
  }
  return out;
}

}  // namespace

std::string line_diff(std::string_view before, std::string_view after, std::size_t limit,
                      std::size_t max_cells) {
  auto a = lines_of(before);
  auto b = lines_of(after);
  std::size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
  std::size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head &&
         a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) {
    ++tail;
  }
  const std::size_t n = a.size() - head - tail;
  const std::size_t m = b.size() - head - tail;
  std::vector<std::string> out;
  auto removed = [&](std::size_t i) {
    out.push_back(fmt::format("-{}: {}", head + i + 1, a[head + i]));
  };
  auto added = [&](std::size_t j) {
    out.push_back(fmt::format("+{}: {}", head + j + 1, b[head + j]));
  };
  if (n * m > max_cells) {
    for (std::size_t i = 0; i < n; ++i) removed(i);
    for (std::size_t j = 0; j < m; ++j) added(j);
  } else {
    // lcs[i][j]: the longest common subsequence of the remaining lines from i and from j.
    std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
    auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return lcs[i * (m + 1) + j]; };
    for (std::size_t i = n; i-- > 0;) {
      for (std::size_t j = m; j-- > 0;) {
        at(i, j) = a[head + i] == b[head + j] ? at(i + 1, j + 1) + 1
                                              : std::max(at(i + 1, j), at(i, j + 1));
      }
    }
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[head + i] == b[head + j]) {
        ++i;
        ++j;
      } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
        removed(i++);
      } else {
        added(j++);
      }
    }
  }
  std::string text;
  for (std::size_t k = 0; k < out.size() && k < limit; ++k) text += out[k] + "\n";
  if (out.size() > limit) text += fmt::format("… and {} more\n", out.size() - limit);
  return text;
}

}  // namespace pactum::governance
