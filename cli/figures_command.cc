// spexbench figures FILE.h5 [--out DIR]: paper-style figures by results/figures/make_figures.py
// (cli/figure_script.h).
#include <boost/program_options.hpp>
#include <filesystem>
#include <ostream>

#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/figure_script.h"
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
        const std::string folder =
            vm.count("out") ? vm["out"].as<std::string>() : file + ".figures";
        draw_figures({file, folder, vm["target"].as<double>(), vm["metric"].as<std::string>(),
                      vm.count("paper") > 0},
                     results);
        out << "figures: " << folder << "\n";
        return 0;
      });
}

}  // namespace spexbench::cli
