// Text put on one line of a signed statement (governance/statement.hpp,
// fund/approval_statement.hpp): control characters become spaces, so that a name or a purpose
// cannot forge a line of its own.
#pragma once

#include <string>

namespace pactum {

inline std::string one_line(std::string text) {
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  return text;
}

}  // namespace pactum
