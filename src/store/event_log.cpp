#include "store/event_log.hpp"

#include <future>

namespace pactum::store {

Result<AppendResult> EventLog::append_and_wait(AppendRequest request) {
  std::promise<Result<AppendResult>> promise;
  auto future = promise.get_future();
  append(std::move(request),
         [&promise](Result<AppendResult> r) { promise.set_value(std::move(r)); });
  return future.get();
}

}  // namespace pactum::store
