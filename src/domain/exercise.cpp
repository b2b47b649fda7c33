#include "domain/exercise.hpp"

namespace pactum {

bool is_exercise(std::string_view incident_id) {
  return incident_id.size() > kExerciseNumberPrefix.size() &&
         incident_id.substr(0, kExerciseNumberPrefix.size()) == kExerciseNumberPrefix &&
         incident_id[kExerciseNumberPrefix.size()] == '-';
}

const Text& exercise_mark() {
  static const Text mark{"【演练】", "[EXERCISE] "};
  return mark;
}

std::string marked_as_exercise(std::string_view text, Lang lang) {
  return exercise_mark().in(lang) + std::string(text);
}

}  // namespace pactum
