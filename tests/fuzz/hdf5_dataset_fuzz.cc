// data.subsets' HDF5 datasets: any file reads as a dataset or gives an Error naming the file.
// Files without checksummed metadata (h5py's default format) go through a child process first.
#include "core/error.h"
#include "datasets/data/group_dataset.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto path = spexbench::fuzz::as_file(data, size, ".h5");
  try {
    (void)spexbench::data::hdf5_dataset(path.string(), 4, 0, 1);
  } catch (const spexbench::Error&) {
  }
  return 0;
}
