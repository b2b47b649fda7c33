// Bilingual text: everything a person reads exists in Simplified Chinese and English.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pactum {

enum class Lang { zh_CN, en };

// Parses "zh-CN", "zh", "en" (case-insensitive); nullopt for anything else.
std::optional<Lang> parse_lang(std::string_view tag);
const char* to_tag(Lang lang);  // "zh-CN" or "en"

struct Text {
  std::string zh;
  std::string en;

  const std::string& in(Lang lang) const { return lang == Lang::zh_CN ? zh : en; }
  bool empty() const { return zh.empty() && en.empty(); }
  bool operator==(const Text&) const = default;
};

}  // namespace pactum
