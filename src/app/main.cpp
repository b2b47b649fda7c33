// pactum: one binary for the server and every command.
#include <iostream>

#include "app/runtime.hpp"
#include "cli/cli.hpp"

int main(int argc, char** argv) {
  pactum::app::AppRuntime runtime;
  return pactum::cli::run(argc, argv, std::cout, std::cerr, &runtime);
}
