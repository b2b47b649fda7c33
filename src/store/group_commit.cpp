#include "store/group_commit.hpp"

#include <utility>

#include "base/this_thread.hpp"

namespace pactum::store {

GroupCommit::GroupCommit(std::size_t max_batch, Commit commit)
    : max_batch_(max_batch), commit_(std::move(commit)) {
  thread_ = base::start_thread(
      "log-writer", [this] { run(); }, true);
}

GroupCommit::~GroupCommit() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_one();
  thread_.join();
}

void GroupCommit::append(AppendRequest request, EventLog::Completion done) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) {
      done(Error{ErrorCode::unavailable, "the event log is shutting down", {}});
      return;
    }
    queue_.push_back({std::move(request), std::move(done)});
  }
  cv_.notify_one();
}

std::pair<std::int64_t, std::int64_t> GroupCommit::commits() const {
  std::lock_guard lock(mutex_);
  return {commits_, committed_requests_};
}

void GroupCommit::run() {
  while (true) {
    std::vector<Pending> batch;
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything queued has been written
      while (!queue_.empty() && batch.size() < max_batch_) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    auto outcome = commit_(batch);
    if (outcome.committed) {
      std::lock_guard lock(mutex_);
      ++commits_;
      committed_requests_ += static_cast<std::int64_t>(batch.size());
    }
    auto& results = outcome.results;
    // Those with an executor of their own go there, one job each; the rest go to the completer
    // as one job. (Each job takes its request along: it is freed off the writer's thread.)
    std::vector<std::pair<Pending, Result<AppendResult>>> ours;
    for (std::size_t i = 0; i < batch.size(); ++i) {
      if (auto where = std::move(batch[i].request.complete_on)) {
        where([p = std::move(batch[i]), r = std::move(results[i])]() mutable {
          p.done(std::move(r));
        });
      } else {
        ours.emplace_back(std::move(batch[i]), std::move(results[i]));
      }
    }
    if (!ours.empty()) {
      completer_.post([ours = std::move(ours)]() mutable {
        for (auto& [p, r] : ours) p.done(std::move(r));
      });
    }
  }
}

}  // namespace pactum::store
