// spexbench compare BASE.h5 NEW.h5: the regression gate (results/compare/regression_gate.h).
// Prints the table either way; exit status 1 on a regression, 2 on bad input, 0 otherwise.
// With --identical: whether the files hold the same results bit for bit, times aside
// (results/compare/identical_cells.h); exit status 1 when anything differs.
#include <boost/program_options.hpp>
#include <ostream>

#include "cli/command_line.h"
#include "cli/commands.h"
#include "core/error.h"
#include "results/compare/identical_cells.h"
#include "results/compare/regression_gate.h"
#include "results/results_file.h"

namespace spexbench::cli {
namespace po = boost::program_options;

int compare_command(const Args& args, std::ostream& out, std::ostream& err) {
  GateOptions defaults;
  po::options_description options("spexbench compare BASE.h5 NEW.h5 [options]\n\nOptions");
  options.add_options()("help,h", "show this help")("tolerance", real_option(defaults.tolerance),
                                                    "metric worsening ignored below this")(
      "alpha", real_option(defaults.alpha), "significance of the paired t-test")(
      "time-ratio", real_option(defaults.time_ratio),
      "allowed growth factor of the median algorithm time")(
      "time-floor", real_option(defaults.time_floor_seconds), "seconds of growth always allowed")(
      "no-times",
      "compare statuses, query counts and metrics only (files from different machines or build "
      "types)")("all", "list every comparison, not only the regressions")(
      "identical",
      "instead of the gate: check that every cell is in both files with the same status, counts, "
      "metrics and estimate, bit for bit (times aside); exit 1 naming what differs");
  return run_subcommand(
      "compare", options, "files", 2, args, out, err, [&](const po::variables_map& vm) {
        SPEXBENCH_CHECK(vm.count("files") && vm["files"].as<std::vector<std::string>>().size() == 2,
                        "give two results files: spexbench compare BASE.h5 NEW.h5");
        const auto files = vm["files"].as<std::vector<std::string>>();
        const ResultsFile base = read_results(files[0]);
        const ResultsFile contender = read_results(files[1]);
        if (vm.count("identical")) {
          const std::vector<std::string> differences =
              cell_differences(base.cells, contender.cells);
          for (const std::string& line : differences) out << line << "\n";
          out << (differences.empty() ? str_cat("identical: ", base.cells.size(), " cells")
                                      : str_cat("not identical (at most 20 differences shown)"))
              << "\n";
          return differences.empty() ? 0 : 1;
        }
        const GateReport report = compare_results(
            base.cells, contender.cells,
            {vm["tolerance"].as<double>(), vm["alpha"].as<double>(), vm["time-ratio"].as<double>(),
             vm["time-floor"].as<double>(), vm.count("no-times") == 0});
        out << "base " << files[0] << " (" << base.provenance.git_describe << "), new " << files[1]
            << " (" << contender.provenance.git_describe << ")\n"
            << report.table(vm.count("all") > 0);
        return report.regressions > 0 ? 1 : 0;
      });
}

}  // namespace spexbench::cli
