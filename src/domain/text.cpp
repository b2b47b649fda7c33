#include "domain/text.hpp"

#include <algorithm>
#include <cctype>

namespace pactum {

std::optional<Lang> parse_lang(std::string_view tag) {
  std::string lower(tag);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "zh-cn" || lower == "zh" || lower == "zh_cn" || lower == "zh-hans")
    return Lang::zh_CN;
  if (lower == "en" || lower == "en-us" || lower == "en-gb") return Lang::en;
  return std::nullopt;
}

const char* to_tag(Lang lang) { return lang == Lang::zh_CN ? "zh-CN" : "en"; }

}  // namespace pactum
