// The `pactum` command line. Exit codes: 0 success, 1 the input is invalid (e.g. a plan with
// errors), 2 usage error (unknown command or option, missing argument).
#pragma once

#include <ostream>

namespace pactum::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInvalid = 1;
inline constexpr int kExitUsage = 2;

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace pactum::cli
