#include "core/launcher.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <initializer_list>
#include <map>
#include <optional>
#include <string>

namespace spexbench {
namespace {

/// Sets launcher variables for one test and restores the environment after it: the test binary
/// itself may run under mpirun or srun.
class LauncherEnvironment {
 public:
  LauncherEnvironment(std::initializer_list<std::pair<const char*, const char*>> values) {
    for (const char* name : kVariables) {
      const char* value = getenv(name);
      saved_[name] = value ? std::optional<std::string>(value) : std::nullopt;
      unsetenv(name);
    }
    for (const auto& [name, value] : values) setenv(name, value, 1);
  }
  ~LauncherEnvironment() {
    for (const auto& [name, value] : saved_)
      if (value)
        setenv(name.c_str(), value->c_str(), 1);
      else
        unsetenv(name.c_str());
  }
  LauncherEnvironment(const LauncherEnvironment&) = delete;
  LauncherEnvironment& operator=(const LauncherEnvironment&) = delete;

 private:
  static constexpr const char* kVariables[] = {"OMPI_COMM_WORLD_SIZE",
                                               "OMPI_COMM_WORLD_LOCAL_RANK",
                                               "PMIX_RANK",
                                               "PMI_RANK",
                                               "PMI_SIZE",
                                               "SLURM_NTASKS",
                                               "SLURM_LOCALID",
                                               "MPI_LOCALRANKID"};
  std::map<std::string, std::optional<std::string>> saved_;
};

TEST(Launcher, APlainRunIsOneProcessOfLocalRankZero) {
  const LauncherEnvironment plain({});
  EXPECT_FALSE(started_by_mpi_launcher());
  EXPECT_EQ(launcher_world_size(), 0);
  EXPECT_EQ(launcher_local_rank(), 0);
}

TEST(Launcher, OpenMpiNamesTheWorldAndTheLocalRank) {
  const LauncherEnvironment mpirun(
      {{"OMPI_COMM_WORLD_SIZE", "8"}, {"OMPI_COMM_WORLD_LOCAL_RANK", "3"}});
  EXPECT_TRUE(started_by_mpi_launcher());
  EXPECT_EQ(launcher_world_size(), 8);
  EXPECT_EQ(launcher_local_rank(), 3);
}

TEST(Launcher, SlurmAndMpichNameTheLocalRankToo) {
  {
    const LauncherEnvironment srun(
        {{"PMI_RANK", "5"}, {"SLURM_NTASKS", "16"}, {"SLURM_LOCALID", "1"}});
    EXPECT_TRUE(started_by_mpi_launcher());
    EXPECT_EQ(launcher_world_size(), 16);
    EXPECT_EQ(launcher_local_rank(), 1);
  }
  const LauncherEnvironment mpich({{"PMI_SIZE", "4"}, {"MPI_LOCALRANKID", "2"}});
  EXPECT_EQ(launcher_world_size(), 4);
  EXPECT_EQ(launcher_local_rank(), 2);
}

TEST(Launcher, AValueThatIsNotACountReadsAsUnknown) {
  const LauncherEnvironment odd(
      {{"OMPI_COMM_WORLD_SIZE", "3x"}, {"OMPI_COMM_WORLD_LOCAL_RANK", "-1"}});
  EXPECT_EQ(launcher_world_size(), 0);
  EXPECT_EQ(launcher_local_rank(), 0);
}

}  // namespace
}  // namespace spexbench
