// spexbench evaluate FILE.h5: recompute metrics from the stored estimates, ground truths and
// held-out values, without querying any model. Only missing metrics and those stored by an older
// metric version are computed (all with --force); the file is rewritten atomically.
#include <boost/program_options.hpp>
#include <ostream>

#include "cli/command_line.h"
#include "cli/commands.h"
#include "core/cell_evaluation.h"
#include "core/error.h"
#include "core/metric.h"
#include "core/task.h"
#include "evaluation/removal.h"
#include "results/results_file.h"

namespace spexbench::cli {
namespace po = boost::program_options;

int evaluate_command(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description options("spexbench evaluate FILE.h5 [options]\n\nOptions");
  options.add_options()("help,h", "show this help")(
      "metric", po::value<std::vector<std::string>>()->composing(),
      "metric spec, repeatable (default: every registered metric)")(
      "force", "recompute every metric, cached or not")(
      "removal", po::value<std::string>(),
      "also the removal test Rem(r), r in R_MIN:R_MAX (re-creates each task, queries it)");
  return run_subcommand(
      "evaluate", options, "file", 1, args, out, err, [&](const po::variables_map& vm) {
        SPEXBENCH_CHECK(vm.count("file"), "missing results file (spexbench evaluate FILE.h5)");
        std::vector<std::string> metrics;
        if (vm.count("metric")) metrics = vm["metric"].as<std::vector<std::string>>();
        for (const auto& metric : metrics) (void)MetricRegistry::global().create(metric);
        const std::string file = vm["file"].as<std::string>();
        int computed = 0;
        std::size_t cells = 0;
        std::vector<std::string> evaluations;
        int removal_values = 0;  // rem_<r> values each cell gets
        if (vm.count("removal")) {
          const auto [r_min, r_max] = parse_removal_range(vm["removal"].as<std::string>());
          evaluations.push_back(removal_spec(r_min, r_max));
          removal_values = r_max - r_min + 1;
        }
        // Under the file's lock: a run adding cells to it meanwhile waits rather than loses them.
        update_results(file, [&](ResultsFile& results) {
          for (CellResult& cell : results.cells) {
            computed += refresh_metrics(cell, metrics, vm.count("force") > 0);
            if (!evaluations.empty() && cell.estimate && cell.status == CellStatus::kOk) {
              // The stored cell's own task instance, from its spec and seed.
              const auto task =
                  TaskRegistry::global().create(cell.spec.task, {.seed = cell.task_seed});
              run_evaluations(cell, evaluations, *task);
              computed += removal_values;
            }
          }
          cells = results.cells.size();
          return computed > 0;
        });
        out << file << ": " << computed << " metric values computed over " << cells << " cells"
            << (computed ? "" : " (all cached and current)") << "\n";
        return 0;
      });
}

}  // namespace spexbench::cli
