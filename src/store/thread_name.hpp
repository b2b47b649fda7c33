// Names the calling thread, so that `top -H`, `ps -L` and profilers tell Pactum's threads apart
// ("http-0", "log-writer", ...). Linux keeps at most 15 characters; longer names are cut.
#pragma once

#include <string_view>

namespace pactum::store {

void name_this_thread(std::string_view name);

}  // namespace pactum::store
