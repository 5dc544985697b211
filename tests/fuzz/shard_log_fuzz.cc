// Shard logs and the cell records in them: any bytes read as a log keep its whole, sound records
// or give an Error naming the file; any bytes read as one record give a cell or an Error. The
// records are fuzzed directly too, since in a log their checksums stop almost every mutation
// before the decoder sees it.
#include <cstring>
#include <span>

#include "core/error.h"
#include "results/cell_record.h"
#include "results/shard_log.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace spexbench;
  constexpr char kMagic[] = "spexbench.shards";
  try {
    if (size >= 16 && std::memcmp(data, kMagic, 16) == 0)
      (void)read_shard_log(fuzz::as_file(data, size, kShardLogExtension));
    else
      (void)decode_cell(std::span(reinterpret_cast<const char*>(data), size));
  } catch (const Error&) {
  }
  return 0;
}
