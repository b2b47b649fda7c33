// pactum: one binary for the server and every command. The composition root: the only place that
// will name concrete backends (store, channels) once they exist.
#include <iostream>

#include "cli/cli.hpp"

int main(int argc, char** argv) { return pactum::cli::run(argc, argv, std::cout, std::cerr); }
