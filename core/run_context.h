// What an explainer is told about the run it is part of, passed explicitly (no globals).
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

namespace spexbench {

/// Receives a line on what a cell is doing now ("fitting the proxy: ..."), for the person
/// waiting on a long one; never part of results.
using ProgressSink = std::function<void(std::string_view stage)>;

struct RunContext {
  std::uint64_t seed = 0;   ///< this explainer's stream: derive_seed(master, cell identity)
  std::int64_t budget = 0;  ///< maximum oracle queries; the oracle enforces it
  int threads = 1;          ///< threads the explainer may use (results must not depend on it)
  // No device: explainers run on the CPU; a task that runs a model on a GPU has its own `device`
  // parameter (llm.*), and the oracle hands the explainer values, never tensors.
  ProgressSink progress;  ///< may be empty: report() then does nothing

  /// Tells the progress sink what starts now: explainers call it before each long stage.
  void report(std::string_view stage) const {
    if (progress) progress(stage);
  }
};

}  // namespace spexbench
