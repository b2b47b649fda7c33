#include "domain/evidence_rules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace pactum {
namespace {

constexpr std::size_t kMaxText = 20000;

bool blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

}  // namespace

Status evidence_error(const std::vector<Evidence>& items, const EvidenceRule& rule) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::string path = fmt::format("evidence[{}]", i);
    if (blank(items[i].text)) {
      return invalid(path + ".text", "each piece of evidence says what it shows")
          .because("field.required");
    }
    if (items[i].text.size() > kMaxText) {
      return invalid(path + ".text", "the evidence text is too long")
          .because("field.too_long", {{"max", std::to_string(kMaxText)}});
    }
    if (items[i].kind == EvidenceKind::file && blank(items[i].ref)) {
      return invalid(path + ".ref", "file evidence needs a reference (the file's digest or link)")
          .because("evidence.ref_required");
    }
  }
  auto matching = std::count_if(items.begin(), items.end(), [&](const Evidence& e) {
    return rule.kind == EvidenceKind::note || e.kind == rule.kind;
  });
  if (matching < rule.count) {
    return invalid("evidence", fmt::format("{} item(s) of {} evidence are required; got {}",
                                           rule.count, to_string(rule.kind), matching))
        .because("evidence.missing", {{"count", std::to_string(rule.count)},
                                      {"kind", to_string(rule.kind)},
                                      {"got", std::to_string(matching)}});
  }
  return {};
}

}  // namespace pactum
