// Results files and shards: any bytes read as a results file or give an Error naming the file.
// Checksummed files (schema 2) are read in process; others go through a child process first.
#include "core/error.h"
#include "results/results_file.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto path = spexbench::fuzz::as_file(data, size, ".h5");
  try {
    (void)spexbench::read_results(path);
  } catch (const spexbench::Error&) {
  }
  return 0;
}
