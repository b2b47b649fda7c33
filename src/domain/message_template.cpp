#include "domain/message_template.hpp"

#include <algorithm>

namespace pactum {

std::vector<std::string> unknown_template_variables(std::string_view text) {
  std::vector<std::string> unknown;
  std::size_t pos = 0;
  while ((pos = text.find("{{", pos)) != std::string_view::npos) {
    bool triple = text.substr(pos, 3) == "{{{";
    std::size_t start = pos + (triple ? 3 : 2);
    std::size_t end = text.find(triple ? "}}}" : "}}", start);
    if (end == std::string_view::npos) return {"unclosed tag {{"};
    std::string_view tag = text.substr(start, end - start);
    pos = end + (triple ? 3 : 2);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (tag.empty() || tag.front() == '!') continue;  // a comment
    if (std::string_view("#^/&>").find(tag.front()) != std::string_view::npos) {
      tag.remove_prefix(1);
      while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    }
    if (tag == ".") continue;  // the current item of a list
    std::string name(tag);
    bool known = std::any_of(std::begin(kTemplateVariables), std::end(kTemplateVariables),
                             [&](const char* v) { return name == v; });
    if (!known && std::find(unknown.begin(), unknown.end(), name) == unknown.end()) {
      unknown.push_back(name);
    }
  }
  return unknown;
}

}  // namespace pactum
