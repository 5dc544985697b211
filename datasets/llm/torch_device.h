// The torch device a task asked for, or a clear error when it is not there.
#pragma once

#include <torch/torch.h>

#include <string>
#include <string_view>

namespace spexbench::llm {

/// "cpu", "cuda" or "cuda:K". Throws spexbench::Error naming `owner` and the parameter when CUDA
/// is asked for and this libtorch has no CUDA device (e.g. Debian's CPU build).
[[nodiscard]] torch::Device torch_device(const std::string& name, std::string_view owner);

}  // namespace spexbench::llm
