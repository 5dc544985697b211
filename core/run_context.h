// What an explainer is told about the run it is part of, passed explicitly (no globals).
#pragma once

#include <cstdint>
#include <string>

namespace spexbench {

struct RunContext {
  std::uint64_t seed = 0;   ///< this explainer's stream: derive_seed(master, cell identity)
  std::int64_t budget = 0;  ///< maximum oracle queries; the oracle enforces it
  int threads = 1;          ///< threads the explainer may use (results must not depend on it)
  std::string device = "cpu";
};

}  // namespace spexbench
