// The torch device a task asked for, or a clear error when it is not there, and the runtime
// parameters every language-model task takes.
#pragma once

#include <torch/torch.h>

#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "core/parallel_for.h"
#include "core/params.h"
#include "datasets/llm/batch_invariance.h"

namespace spexbench::llm {

/// "cpu", "cuda", "cuda:K" or "auto". auto is cuda:<local rank modulo the GPUs> where CUDA is
/// present (one MPI rank per GPU, core/launcher.h: ranks on one machine share its GPUs in turn),
/// the CPU otherwise. Throws spexbench::Error naming `owner` and the parameter when CUDA is asked
/// for and this libtorch has no CUDA device (e.g. Debian's CPU build).
[[nodiscard]] torch::Device torch_device(const std::string& name, std::string_view owner);

/// A hand-set model's floating-point precision, its `dtype` parameter.
enum class Precision { kFloat32, kFloat64 };
constexpr auto enum_names(Precision) {
  return std::array{EnumName{Precision::kFloat32, "float32"},
                    EnumName{Precision::kFloat64, "float64"}};
}
[[nodiscard]] inline torch::Dtype torch_dtype(Precision precision) {
  return precision == Precision::kFloat64 ? torch::kFloat64 : torch::kFloat32;
}

/// device, batch and threads, as every LLM task's spec spells them.
struct TorchRuntime {
  std::string device = "cpu";
  int batch = 64;
  int threads = 1;

  template <class V>
  void visit(V& v) {
    v("device", device,
      {.doc = "cpu, cuda, cuda:K, or auto: cuda:<local MPI rank mod GPUs> with CUDA, else cpu",
       .execution_only = true});
    v("batch", batch,
      {.doc = "masks per forward pass on a GPU (on the CPU each mask has its own)",
       .min = 1,
       .execution_only = true});
    v("threads", threads,
      {.doc = "CPU threads: forward passes at once", .min = 1, .max = 256, .execution_only = true});
  }
  /// Sets torch's threads and returns the checked device (torch_device).
  [[nodiscard]] torch::Device start(std::string_view owner) const;
  /// The task info entry that records where the forward passes ran ("device", "cuda:1").
  [[nodiscard]] static std::pair<std::string, std::string> record(const torch::Device& on) {
    return {"device", on.str()};
  }
  /// How evaluate spreads masks over forward passes on `device` (batch_invariance.h).
  [[nodiscard]] ForwardSchedule schedule(const torch::Device& on) const {
    return {.on_cpu = on.is_cpu(), .batch = batch, .threads = usable_threads(threads)};
  }
};

}  // namespace spexbench::llm
