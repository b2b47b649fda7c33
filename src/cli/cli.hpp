// The `pactum` command line. Exit codes: 0 success, 1 the input is invalid or the operation
// failed (e.g. a plan with errors, a broken audit chain), 2 usage error.
#pragma once

#include <ostream>

#include "cli/runtime.hpp"

namespace pactum::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInvalid = 1;
inline constexpr int kExitUsage = 2;

// `runtime` may be null for commands that need no storage (plan check/show); the others then
// fail with a message.
int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
        Runtime* runtime = nullptr);

}  // namespace pactum::cli
