// spexbench figures FILE.h5 [--out DIR]: paper-style figures by results/figures/make_figures.py
// (Debian's python3 with h5py and matplotlib). SPEXBENCH_FIGURES_SCRIPT overrides the script's
// location (for an installed binary away from the source tree).
#include <sys/wait.h>
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cstdlib>
#include <filesystem>
#include <ostream>
#include <set>
#include <vector>

#include "cli/command_line.h"
#include "cli/commands.h"
#include "core/error.h"
#include "results/results_file.h"

namespace spexbench::cli {
namespace po = boost::program_options;
namespace fs = std::filesystem;

int figures_command(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description options("spexbench figures FILE.h5 [options]\n\nOptions");
  options.add_options()("help,h", "show this help")(
      "out", po::value<std::string>(), "folder for the figures (default: FILE.figures)")(
      "target", real_option(0.9), "R^2 target of queries_to_target")(
      "metric", po::value<std::string>()->default_value("r2"),
      "metric plotted against queries and n (files METRIC_vs_queries and METRIC_vs_n, except "
      "faithfulness_vs_queries for r2)")(
      "paper",
      "for a paper: fonts embedded as TrueType in the PDFs (venues refuse Type 3), serif text at "
      "caption size, three-quarter size, 300 dpi PNG");
  return run_subcommand(
      "figures", options, "file", 1, args, out, err, [&](const po::variables_map& vm) {
        SPEXBENCH_CHECK(vm.count("file"), "missing results file (spexbench figures FILE.h5)");
        const std::string file = vm["file"].as<std::string>();
        SPEXBENCH_CHECK(fs::exists(file), "results file '", file, "' does not exist");
        // Read here first: a file that is not a spexbench results file gets the same message as
        // from report or evaluate, not a Python traceback.
        const ResultsFile results = read_results(file);
        const std::string metric = vm["metric"].as<std::string>();
        std::set<std::string> known;
        bool any_ok = false;
        for (const CellResult& cell : results.cells) {
          if (cell.status != CellStatus::kOk) continue;
          any_ok = true;
          for (const MetricValue& value : cell.metrics) known.insert(value.name);
        }
        SPEXBENCH_CHECK(any_ok, "'", file, "' has no cell that succeeded: nothing to plot");
        if (!known.contains(metric)) {
          std::string names;
          for (const std::string& name : known) names += (names.empty() ? "" : ", ") + name;
          throw Error(str_cat("no successful cell of '", file, "' has the metric '", metric,
                              "'; they have: ", names));
        }
        const std::string folder =
            vm.count("out") ? vm["out"].as<std::string>() : file + ".figures";
        const char* override_script = std::getenv("SPEXBENCH_FIGURES_SCRIPT");
        const std::string script = override_script ? override_script
                                                   : std::string(SPEXBENCH_SOURCE_DIR) +
                                                         "/results/figures/make_figures.py";
        SPEXBENCH_CHECK(fs::exists(script), "figure script '", script,
                        "' not found (set SPEXBENCH_FIGURES_SCRIPT)");
        const std::string python = fs::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        const std::string target = std::to_string(vm["target"].as<double>());
        std::vector<std::string> command = {python,     script, file,       "--out", folder,
                                            "--target", target, "--metric", metric};
        if (vm.count("paper")) command.push_back("--paper");
        std::vector<char*> argv;
        for (std::string& word : command) argv.push_back(word.data());
        argv.push_back(nullptr);
        const pid_t pid = fork();
        if (pid == 0) {
          execvp(argv[0], argv.data());
          _exit(127);
        }
        int status = 0;
        waitpid(pid, &status, 0);
        SPEXBENCH_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
                        "figure script failed (exit ", WIFEXITED(status) ? WEXITSTATUS(status) : -1,
                        "); it needs Debian's python3-h5py and python3-matplotlib");
        out << "figures: " << folder << "\n";
        return 0;
      });
}

}  // namespace spexbench::cli
