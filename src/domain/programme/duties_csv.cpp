#include "domain/programme/duties_csv.hpp"

#include <string_view>

namespace pactum {
namespace {

void field(std::string& out, std::string_view value, bool first = false) {
  if (!first) out += ',';
  std::string v(value);
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) v.insert(0, "'");
  if (v.find_first_of(",\"\r\n") == std::string::npos) {
    out += v;
    return;
  }
  out += '"';
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

std::string duties_csv(const std::vector<Duty>& duties) {
  std::string out = "\xEF\xBB\xBF";
  out +=
      "rule,period,subject,title_zh,title_en,owner_role,owner_party,starts,due,state,required,"
      "done,met_by,waiver_reason\r\n";
  for (const auto& d : duties) {
    std::string met_by;
    for (const auto& id : d.met_by) met_by += (met_by.empty() ? "" : " ") + id;
    field(out, d.rule, true);
    field(out, d.period);
    field(out, d.subject);
    field(out, d.title.zh);
    field(out, d.title.en);
    field(out, d.owner_role);
    field(out, d.owner_party);
    field(out, format_instant(d.starts));
    field(out, format_instant(d.due));
    field(out, to_string(d.state));
    field(out, std::to_string(d.required));
    field(out, std::to_string(d.done));
    field(out, met_by);
    field(out, d.waiver_reason);
    out += "\r\n";
  }
  return out;
}

}  // namespace pactum
