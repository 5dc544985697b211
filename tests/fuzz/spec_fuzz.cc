// Spec strings, the grammar of every plug-in name on the command line and in suites: parsing never
// crashes, a parsed spec prints to text that parses back to itself, and every registry either
// accepts a spec or names the problem.
#include <cstdlib>

#include "core/error.h"
#include "core/explainer.h"
#include "core/metric.h"
#include "core/spec.h"
#include "core/task.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace spexbench;
  const std::string_view text = fuzz::as_text(data, size);
  Spec spec;
  try {
    spec = Spec::parse(text);
  } catch (const Error&) {
    return 0;
  }
  const std::string printed = spec.str();
  if (Spec::parse(printed).str() != printed) std::abort();  // str() must round-trip
  for (const auto canonical :
       {+[](std::string_view s) { return TaskRegistry::global().canonical(s); },
        +[](std::string_view s) { return ExplainerRegistry::global().canonical(s); },
        +[](std::string_view s) { return MetricRegistry::global().canonical(s); }}) {
    try {
      (void)canonical(text);
    } catch (const Error&) {
    }
  }
  return 0;
}
