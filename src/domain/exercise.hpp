// Exercise incidents (issue 15, V2): a live drill run through the real incident workflow. An
// exercise is told apart by its number alone, EX-YYYY-NNNN beside the real INC-YYYY-NNNN, so the
// log's own record of it (the stream "incident/EX-…", the report's incident_id) says it is one,
// for every reader, without a field a later version could forget. Everything a person receives
// about one carries the mark: 【演练】 in Chinese, [EXERCISE] in English.
#pragma once

#include <string>
#include <string_view>

#include "domain/text.hpp"

namespace pactum {

inline constexpr std::string_view kExerciseNumberPrefix = "EX";
inline constexpr std::string_view kIncidentNumberPrefix = "INC";

// True for an exercise's id ("EX-2026-0001").
bool is_exercise(std::string_view incident_id);

// The mark that opens every text about an exercise: "【演练】" / "[EXERCISE] ".
const Text& exercise_mark();

// `text` with the mark of `lang` in front: what a person reads about an exercise.
std::string marked_as_exercise(std::string_view text, Lang lang);

}  // namespace pactum
