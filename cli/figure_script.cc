#include "cli/figure_script.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <vector>

#include "core/error.h"

namespace spexbench::cli {
namespace fs = std::filesystem;

void draw_figures(const FigureRequest& request, const ResultsFile& results) {
  std::set<std::string> known;
  bool any_ok = false;
  for (const CellResult& cell : results.cells) {
    if (cell.status != CellStatus::kOk) continue;
    any_ok = true;
    for (const MetricValue& value : cell.metrics) known.insert(value.name);
  }
  SPEXBENCH_CHECK(any_ok, "'", request.file, "' has no cell that succeeded: nothing to plot");
  if (!known.contains(request.metric)) {
    std::string names;
    for (const std::string& name : known) names += (names.empty() ? "" : ", ") + name;
    throw Error(str_cat("no successful cell of '", request.file, "' has the metric '",
                        request.metric, "'; they have: ", names));
  }
  const char* override_script = std::getenv("SPEXBENCH_FIGURES_SCRIPT");
  const std::string script =
      override_script ? override_script
                      : std::string(SPEXBENCH_SOURCE_DIR) + "/results/figures/make_figures.py";
  SPEXBENCH_CHECK(fs::exists(script), "figure script '", script,
                  "' not found (set SPEXBENCH_FIGURES_SCRIPT)");
  const std::string python = fs::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
  std::vector<std::string> command = {python,
                                      script,
                                      request.file,
                                      "--out",
                                      request.folder,
                                      "--target",
                                      std::to_string(request.target),
                                      "--metric",
                                      request.metric};
  if (request.paper) command.push_back("--paper");
  std::vector<char*> argv;
  for (std::string& word : command) argv.push_back(word.data());
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    // The script's progress lines go to stderr, so that a report's Markdown on stdout stays whole.
    dup2(STDERR_FILENO, STDOUT_FILENO);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  SPEXBENCH_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "figure script failed (exit ",
                  WIFEXITED(status) ? WEXITSTATUS(status) : -1,
                  "); it needs Debian's python3-h5py and python3-matplotlib");
}

}  // namespace spexbench::cli
