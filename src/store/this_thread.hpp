// What a thread says about itself to the system: its name, and whether it is background work.
#pragma once

#include <string_view>

namespace pactum::store {

// Names the calling thread, so that `top -H`, `ps -L` and profilers tell Pactum's threads apart
// ("http-1", "log-writer", ...). Linux keeps at most 15 characters; longer names are cut.
void name_this_thread(std::string_view name);

// Marks the calling thread as batch work (SCHED_BATCH, no privilege needed): when it wakes, the
// kernel does not preempt the thread that is running for it, but lets it run at the next
// scheduling point. For the event log's writer and completer, which wake several times per
// commit (each I/O completion) and used to preempt an HTTP loop each time: 1-4 % more alerts/s
// at one alert per request, for a millisecond or two more p99 (measured on 2 cores). Not the
// checkpointer: delayed under load, it let the WAL grow before it could start over.
// Best effort: where the call fails the thread runs as before.
void mark_this_thread_batch();

}  // namespace pactum::store
