// Suite files: any bytes load as a suite or give an Error naming the file and line.
#include "core/error.h"
#include "suites/engine/suite.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto path = spexbench::fuzz::as_file(data, size, ".yaml");
  try {
    (void)spexbench::load_suite(path);
  } catch (const spexbench::Error&) {
  }
  return 0;
}
