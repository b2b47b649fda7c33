// The plan as text a person reads, in Chinese or English, section by section in the order of
// the original plan (联络小组, 触发条件, 处置流程, 保障措施, 附则).
#pragma once

#include <string>

#include "domain/plan.hpp"
#include "domain/text.hpp"

namespace pactum::cli {

std::string plan_text(const Plan& plan, Lang lang);

}  // namespace pactum::cli
