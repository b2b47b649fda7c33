// pactum: one binary for the server and every command.
#include <iostream>

#include "app/runtime.hpp"
#include "cli/cli.hpp"

#ifdef PACTUM_JEMALLOC
// The binary allocates with jemalloc, which reads its options from this symbol at start-up.
// Against glibc's malloc it takes 7-8 % less CPU per alert on the alert path (each request
// allocates and frees a few dozen blocks on two threads; glibc's fast bins are consolidated
// whenever a block of 1 KB or more is asked for, which is every request). Freed memory goes back
// to the system within a second, from a background thread of jemalloc's, so that an idle server
// is as small as a busy one: 26-27 MB after 100k alerts, as with glibc (43 MB with jemalloc's
// defaults, which keep freed pages for 10 s and purge only when the program allocates).
extern "C" {
const char* malloc_conf =
    "background_thread:true,max_background_threads:1,dirty_decay_ms:1000,muzzy_decay_ms:0";
}
#endif

int main(int argc, char** argv) {
  pactum::app::AppRuntime runtime;
  return pactum::cli::run(argc, argv, std::cout, std::cerr, &runtime);
}
