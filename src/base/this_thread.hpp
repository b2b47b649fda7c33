// Pactum's threads: each says its name to the system, and background work says it is batch work.
#pragma once

#include <functional>
#include <string>
#include <thread>

namespace pactum::base {

// Starts a thread that names itself `name`, so that `top -H`, `ps -L` and profilers tell
// Pactum's threads apart ("http-1", "log-writer", ...; Linux keeps at most 15 characters, longer
// names are cut), then runs `body`.
//
// `batch`: the thread also marks itself as batch work (SCHED_BATCH, no privilege needed): when it
// wakes, the kernel does not preempt the thread that is running for it, but lets it run at the
// next scheduling point. For the event log's writer and completer, which wake several times per
// commit (each I/O completion) and used to preempt an HTTP loop each time: 1-4 % more alerts/s
// at one alert per request, for a millisecond or two more p99 (measured on 2 cores). Not the
// checkpointer: delayed under load, it let the WAL grow before it could start over.
// Both are best effort: where a call fails the thread runs as before.
std::thread start_thread(std::string name, std::function<void()> body, bool batch = false);

}  // namespace pactum::base
