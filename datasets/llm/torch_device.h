// The torch device a task asked for, or a clear error when it is not there, and the runtime
// parameters every language-model task takes.
#pragma once

#include <torch/torch.h>

#include <string>
#include <string_view>

#include "core/params.h"

namespace spexbench::llm {

/// "cpu", "cuda" or "cuda:K". Throws spexbench::Error naming `owner` and the parameter when CUDA
/// is asked for and this libtorch has no CUDA device (e.g. Debian's CPU build).
[[nodiscard]] torch::Device torch_device(const std::string& name, std::string_view owner);

/// device, batch and threads, as every LLM task's spec spells them.
struct TorchRuntime {
  std::string device = "cpu";
  int batch = 64;
  int threads = 1;

  template <class V>
  void visit(V& v) {
    v("device", device, {.doc = "cpu, cuda or cuda:K", .execution_only = true});
    v("batch", batch, {.doc = "masks per forward pass", .min = 1, .execution_only = true});
    v("threads", threads, {.doc = "torch intra-op threads", .min = 1, .max = 256, .execution_only = true});
  }
  /// Sets the intra-op threads and returns the checked device (torch_device).
  [[nodiscard]] torch::Device start(std::string_view owner) const;
};

}  // namespace spexbench::llm
