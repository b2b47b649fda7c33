#include "domain/programme/duties_csv.hpp"

#include "domain/csv.hpp"

namespace pactum {

std::string duties_csv(const std::vector<Duty>& duties) {
  std::string out(kUtf8Bom);
  out +=
      "rule,period,subject,title_zh,title_en,owner_role,owner_party,starts,due,state,required,"
      "done,met_by,waiver_reason\r\n";
  for (const auto& d : duties) {
    std::string met_by;
    for (const auto& id : d.met_by) met_by += (met_by.empty() ? "" : " ") + id;
    csv_field(out, d.rule, true);
    csv_field(out, d.period);
    csv_field(out, d.subject);
    csv_field(out, d.title.zh);
    csv_field(out, d.title.en);
    csv_field(out, d.owner_role);
    csv_field(out, d.owner_party);
    csv_field(out, format_instant(d.starts));
    csv_field(out, format_instant(d.due));
    csv_field(out, to_string(d.state));
    csv_field(out, std::to_string(d.required));
    csv_field(out, std::to_string(d.done));
    csv_field(out, met_by);
    csv_field(out, d.waiver_reason);
    out += "\r\n";
  }
  return out;
}

}  // namespace pactum
