// external.process's protocol, the worker's side: any line a worker sends is a handshake, a reply,
// or an Error naming the worker.
#include "core/error.h"
#include "datasets/external/worker_messages.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace spexbench;
  const std::string line(fuzz::as_text(data, size));
  try {
    const nlohmann::json message = external::parse_worker_line("fuzz", line);
    try {
      (void)external::handshake_features("fuzz", message, 0);
    } catch (const Error&) {
    }
    (void)external::reply_values("fuzz", message, 3, 0);
  } catch (const Error&) {
  }
  return 0;
}
