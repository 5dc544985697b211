#include "datasets/llm/torch_device.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <optional>
#include <string>

#include "core/error.h"
#include "core/task.h"

namespace spexbench::llm {
namespace {

/// Pretends to be local rank `rank` of an mpirun job for one test.
class LocalRank {
 public:
  explicit LocalRank(int rank) {
    if (const char* value = getenv(kVariable)) saved_ = value;
    setenv(kVariable, std::to_string(rank).c_str(), 1);
  }
  ~LocalRank() {
    if (saved_)
      setenv(kVariable, saved_->c_str(), 1);
    else
      unsetenv(kVariable);
  }
  LocalRank(const LocalRank&) = delete;
  LocalRank& operator=(const LocalRank&) = delete;

 private:
  static constexpr const char* kVariable = "OMPI_COMM_WORLD_LOCAL_RANK";
  std::optional<std::string> saved_;
};

TEST(TorchDevice, AutoIsTheLocalRanksGpuInTurnOrTheCpu) {
  const LocalRank rank(5);
  const torch::Device device = torch_device("auto", "test");
  if (torch::cuda::is_available()) {
    ASSERT_TRUE(device.is_cuda());
    EXPECT_EQ(device.index(), 5 % static_cast<int>(torch::cuda::device_count()));
  } else {
    EXPECT_TRUE(device.is_cpu());
  }
}

TEST(TorchDevice, AnUnknownDeviceNamesTheChoices) {
  try {
    (void)torch_device("tpu", "llm.test");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("llm.test: device=tpu is not cpu, cuda, cuda:K or auto"),
              std::string::npos)
        << e.what();
  }
}

TEST(TorchDevice, ATaskRecordsTheDeviceItRanOn) {
  const LocalRank rank(1);
  const auto task = TaskRegistry::global().create("llm.planted:n=8,device=auto", {.seed = 1});
  const std::string expected = torch_device("auto", "test").str();
  EXPECT_EQ(task->info(), (std::vector<std::pair<std::string, std::string>>{{"device", expected}}));
}

}  // namespace
}  // namespace spexbench::llm
