// The plan as text a person reads, in Chinese or English, section by section in the order of
// the original plan (联络小组, 触发条件, 处置流程, 保障措施, 附则): what `pactum plan show` prints
// and what the plan's PDF (src/documents) sets, in the same words.
#pragma once

#include <string>
#include <vector>

#include "domain/plan.hpp"
#include "domain/text.hpp"

namespace pactum::planfile {

// One line of the text: depth 0 is the title or a section's heading ("一、应急联络小组"),
// deeper lines belong to the line above them.
struct PlanLine {
  int depth = 0;
  std::string text;
};

std::vector<PlanLine> plan_lines(const Plan& plan, Lang lang);
// The lines, indented two spaces per depth, a blank line after each section.
std::string plan_text(const Plan& plan, Lang lang);

}  // namespace pactum::planfile
