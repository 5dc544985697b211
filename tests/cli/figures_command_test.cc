// `spexbench figures` checks its input itself before handing it to the figure script.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/commands.h"

namespace spexbench {
namespace {

namespace fs = std::filesystem;

TEST(FiguresCommand, AFileThatIsNotResultsIsNamedWithoutRunningTheScript) {
  const fs::path file = fs::temp_directory_path() / "spexbench_figures_not_results.h5";
  std::ofstream(file) << "not an HDF5 file\n";
  std::ostringstream out, err;
  EXPECT_EQ(cli::figures_command({file.string(), "--out", (file.string() + ".figures")}, out, err),
            2);
  EXPECT_NE(err.str().find("is not an HDF5 file"), std::string::npos) << err.str();
  EXPECT_NE(err.str().find(file.string()), std::string::npos) << err.str();
  EXPECT_FALSE(fs::exists(file.string() + ".figures"));
  fs::remove(file);
}

}  // namespace
}  // namespace spexbench
