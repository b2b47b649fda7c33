// pactum: one binary for the server and every command.
#include <malloc.h>

#include <iostream>

#include "app/runtime.hpp"
#include "cli/cli.hpp"

int main(int argc, char** argv) {
  // Blocks of 512 KB and more come from mmap and go back to the system when freed. glibc starts
  // at 128 KB but raises its threshold each time such a block is freed, so the buffers of a batch
  // of 1000 alerts (a megabyte of body, record and parsed JSON) then stayed resident in every
  // thread's arena: 38 MB after 100k alerts rather than 30. (At 128 KB, the records of ten-alert
  // requests went through mmap too and cost 10 % of their rate.)
  mallopt(M_MMAP_THRESHOLD, 512 * 1024);
  // Fixing one threshold fixes the other: the heap was given back whenever 128 KB were free at
  // its top, and taken again (page faults) for the next record of a few hundred KB. 2 MB: 0.4
  // faults per alert at ten per request became 0.04.
  mallopt(M_TRIM_THRESHOLD, 2 * 1024 * 1024);
  pactum::app::AppRuntime runtime;
  return pactum::cli::run(argc, argv, std::cout, std::cerr, &runtime);
}
