// data.subsets' CSV datasets: any file reads as a dataset or gives an Error naming file and line.
#include "core/error.h"
#include "datasets/data/group_dataset.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto path = spexbench::fuzz::as_file(data, size, ".csv");
  try {
    (void)spexbench::data::csv_dataset(path.string(), "label", "", 4, 0, 1);
  } catch (const spexbench::Error&) {
  }
  try {
    (void)spexbench::data::csv_dataset(path.string(), "label", "group", 4, 0, 1);
  } catch (const spexbench::Error&) {
  }
  return 0;
}
