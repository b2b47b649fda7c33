// The plan's durations and deadlines in words, in either language, so that titles and documents
// say what the plan in force says ("发现异常后2小时内") instead of the seed's numbers.
#pragma once

#include <string>

#include "domain/duration.hpp"
#include "domain/plan.hpp"
#include "domain/text.hpp"

namespace pactum {

// "30日", "30 days"; "2小时", "2 h".
std::string duration_text(const Duration& d, Lang lang);

// What a deadline counts from: "发现异常", "discovery".
std::string anchor_text(Anchor a, Lang lang);

// "发现异常后2小时内", "within 2 h of discovery".
std::string deadline_text(const Deadline& d, Lang lang);

// Both languages at once, for a Text.
Text deadline_words(const Deadline& d);

}  // namespace pactum
