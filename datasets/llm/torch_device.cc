#include "datasets/llm/torch_device.h"

#include "core/error.h"
#include "core/launcher.h"

namespace spexbench::llm {

torch::Device torch_device(const std::string& name, std::string_view owner) {
  if (name == "auto") {
    if (!torch::cuda::is_available()) return torch::Device(torch::kCPU);
    const auto gpus = static_cast<int>(torch::cuda::device_count());
    return torch::Device(torch::kCUDA,
                         static_cast<torch::DeviceIndex>(launcher_local_rank() % gpus));
  }
  SPEXBENCH_CHECK(name == "cpu" || name.rfind("cuda", 0) == 0, owner, ": device=", name,
                  " is not cpu, cuda, cuda:K or auto");
  if (name != "cpu")
    SPEXBENCH_CHECK(torch::cuda::is_available(), owner, ": device=", name,
                    " but no CUDA device is available to this libtorch");
  try {
    return torch::Device(name);
  } catch (const c10::Error& e) {
    throw Error(str_cat(owner, ": device=", name, ": ", e.what_without_backtrace()));
  }
}

torch::Device TorchRuntime::start(std::string_view owner) const {
  at::set_num_threads(usable_threads(threads));
  return torch_device(device, owner);
}

}  // namespace spexbench::llm
