// external.explainer's protocol, the method's side: any line a method sends is a hello, one of its
// messages, or an Error naming the method.
#include "baselines/external/method_messages.h"
#include "core/error.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace spexbench;
  const std::string line(fuzz::as_text(data, size));
  try {
    external::check_hello("fuzz", line);
  } catch (const Error&) {
  }
  for (const int n : {1, 10, 70}) {
    try {
      (void)external::parse_method_message("fuzz", line, n);
    } catch (const Error&) {
    }
  }
  return 0;
}
