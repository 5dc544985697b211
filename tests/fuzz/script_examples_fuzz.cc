// The JSON-lines examples of llm.torchscript and llm.heads: any file reads as examples or gives an
// Error naming file and line. The reader needs no libtorch, so this target builds without it.
#include "core/error.h"
#include "datasets/llm/script_examples.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto path = spexbench::fuzz::as_file(data, size, ".jsonl");
  try {
    (void)spexbench::llm::read_script_examples(path);
  } catch (const spexbench::Error&) {
  }
  return 0;
}
