#include <iostream>

#include "cli/commands.h"

int main(int argc, char** argv) {
  return spexbench::cli::dispatch(spexbench::cli::Args(argv, argv + argc), std::cout, std::cerr);
}
