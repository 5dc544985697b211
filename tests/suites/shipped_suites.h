// Loads and expands every suites/*.yaml, so a misspelt key in a shipped suite fails CI. Shared by
// the main test binary (no libtorch) and the LLM one, which links every plug-in.
#pragma once

#include <functional>
#include <string>

namespace spexbench::test {

/// Loads and expands every shipped suite, failing the running test for each one that does not
/// load, unless `tolerated(message)` says its error is expected in this binary. Returns how many
/// loaded.
int load_shipped_suites(const std::function<bool(const std::string&)>& tolerated);

}  // namespace spexbench::test
