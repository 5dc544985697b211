// spexbench run: one cell (--task, --explainer, --budget) or a whole suite file.
//
// One cell prints a readable summary, or with --json one JSON object on stdout whose keys are
// stable (listed in README.md, "Using it"); on a terminal (or with --progress) it also prints each
// stage on stderr as it starts, with the seconds so far, since a cell can run for minutes. A suite
// prints one progress line per cell on stderr and a summary table on stdout, and writes every cell
// to one results file.
#include <unistd.h>

#include <boost/program_options.hpp>
#include <boost/version.hpp>
#include <filesystem>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

#include "cli/command_line.h"
#include "cli/commands.h"
#include "core/error.h"
#include "core/explainer.h"
#include "core/metric.h"
#include "core/stopwatch.h"
#include "core/task.h"
#include "evaluation/removal.h"
#include "results/results_file.h"
#include "results/summary.h"
#include "suites/engine/rank_group.h"
#include "suites/engine/suite.h"
#include "suites/engine/suite_runner.h"

namespace spexbench::cli {
namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;

std::string join(const Args& args) {
  std::string out = "spexbench run";
  for (const auto& a : args) out += " " + a;
  return out;
}

Provenance provenance_for(const Args& args) {
  Provenance provenance = Provenance::collect(join(args));
  provenance.dependencies["boost"] = BOOST_LIB_VERSION;
  return provenance;
}

nlohmann::json cell_json(const CellResult& cell, const std::string& out_path) {
  nlohmann::json metrics = nlohmann::json::object();
  for (const auto& metric : cell.metrics) metrics[metric.name] = metric.value;
  nlohmann::json info = nlohmann::json::object();
  for (const auto& [key, value] : cell.explainer_info) info[key] = value;
  nlohmann::json task_info = nlohmann::json::object();
  for (const auto& [key, value] : cell.task_info) task_info[key] = value;
  return {{"status", cell_status_name(cell.status)},
          {"error", cell.error.empty() ? nlohmann::json() : nlohmann::json(cell.error)},
          {"queries_total", cell.counts.total},
          {"queries_unique", cell.counts.unique},
          {"batches", cell.counts.batches},
          {"algorithm_seconds", cell.algorithm_seconds},
          {"oracle_seconds", cell.counts.model_seconds},
          {"wall_seconds", cell.wall_seconds},
          {"metrics", metrics},
          {"explainer_info", info},
          {"task_info", task_info},
          {"cell_id", cell.id},
          {"task", cell.spec.task},
          {"explainer", cell.spec.explainer},
          {"budget", cell.spec.budget},
          {"seed", cell.spec.seed},
          {"num_features", cell.num_features},
          {"terms", cell.estimate ? nlohmann::json(cell.estimate->size()) : nlohmann::json()},
          {"out", out_path.empty() ? nlohmann::json() : nlohmann::json(out_path)}};
}

int run_single(const po::variables_map& vm, const Args& args, std::ostream& out,
               std::ostream& err) {
  for (const char* required : {"task", "explainer", "budget"})
    SPEXBENCH_CHECK(vm.count(required), "missing --", required,
                    " (or give a suite file: spexbench run SUITE.yaml)");
  const std::string out_path = vm.count("out") ? vm["out"].as<std::string>() : "";
  if (vm.count("out")) {
    check_output_path(out_path);  // --out '' is an error, not a run that saves nothing
    // The cell joins the file's other cells: a file that cannot be read is named now, before the
    // cell runs, not after.
    if (fs::exists(out_path)) (void)read_results(out_path);
  }

  CellSpec spec{.task = vm["task"].as<std::string>(),
                .explainer = vm["explainer"].as<std::string>(),
                .budget = vm["budget"].as<std::int64_t>(),
                .seed = vm["seed"].as<std::uint64_t>(),
                .instance = vm["instance"].as<int>(),
                .repetition = vm["repetition"].as<int>(),
                .holdout = vm["holdout"].as<int>(),
                .log_queries = vm.count("log-queries") > 0,
                .threads = vm["threads"].as<int>(),
                .metrics = vm.count("metric") ? vm["metric"].as<std::vector<std::string>>()
                                              : std::vector<std::string>{},
                .cache = vm.count("cache") ? vm["cache"].as<std::string>() : std::string()};
  if (vm.count("removal")) {
    const auto [r_min, r_max] = parse_removal_range(vm["removal"].as<std::string>());
    spec.evaluations.push_back(removal_spec(r_min, r_max));
  }
  const Provenance provenance = provenance_for(args);
  const bool show_progress =
      vm.count("progress") > 0 || (vm.count("no-progress") == 0 && isatty(STDERR_FILENO) != 0);
  const Stopwatch elapsed;
  ProgressSink progress;
  if (show_progress)
    progress = [&err, elapsed](std::string_view stage) {
      const double seconds = elapsed.seconds();
      std::ostringstream line;  // formatted apart: err's own format stays as it was
      line << "[" << std::fixed << std::setprecision(1) << seconds << " s] " << stage << "\n";
      err << line.str() << std::flush;
    };
  CellResult cell = run_cell(spec, progress);
  std::size_t cells_in_file = 0;
  if (!out_path.empty()) cells_in_file = add_to_results(out_path, provenance, std::span(&cell, 1));

  if (vm.count("json")) {
    out << cell_json(cell, out_path).dump() << "\n";
  } else {
    out << describe_cell(cell);
    if (out_path.empty())
      out << "  saved        (not saved: pass --out FILE.h5)\n";
    else
      out << "  saved        " << out_path << " (" << cells_in_file
          << (cells_in_file == 1 ? " cell" : " cells") << " in the file)\n";
  }
  if (cell.status != CellStatus::kOk) {
    err << "spexbench run: cell " << cell_status_name(cell.status) << ": " << cell.error << "\n";
    return 2;
  }
  return 0;
}

int run_suite_file(const std::string& suite_path, const po::variables_map& vm, const Args& args,
                   std::ostream& out, std::ostream& err) {
  const Suite suite = load_suite(suite_path);
  const bool default_out = !vm.count("out");
  const fs::path out_path = default_out ? fs::path("results") / (suite.name + ".h5")
                                        : fs::path(vm["out"].as<std::string>());
  if (default_out) fs::create_directories(out_path.parent_path());
  // Under mpirun or srun the ranks share the cells (suites/engine/rank_group.h). An error on one
  // rank after the others started waiting for it ends them all, once it is printed.
  const std::unique_ptr<RankGroup> ranks = launched_rank_group();
  const SuiteRunOptions options{
      .out = out_path,
      .jobs = vm["jobs"].as<int>(),
      .progress_bar = vm.count("no-progress") == 0 && isatty(STDERR_FILENO) != 0,
      .ranks = ranks.get()};
  SuiteRunReport report;
  try {
    report = run_suite(suite, options, provenance_for(args), err);
  } catch (const Error& e) {
    if (ranks == nullptr || ranks->size() == 1) throw;
    err << "spexbench run (rank " << ranks->rank() << " of " << ranks->size() << "): " << e.what()
        << "\n"
        << std::flush;
    ranks->abort(2);
  }
  if (!report.merged) return report.failed == 0 ? 0 : 2;  // rank 0 prints the suite's summary
  out << summary_table(report.cells);
  out << "results: " << out_path.string() << " (" << report.cells.size()
      << (report.cells.size() == 1 ? " cell, " : " cells, ") << report.ran << " run now, "
      << report.resumed << " resumed, " << report.failed << " failed)\n";
  if (report.kept > 0)
    out << "kept in it: " << report.kept << (report.kept == 1 ? " cell" : " cells")
        << " that suite " << suite.name
        << " does not define (from another suite or an earlier version of this one)\n";
  return report.failed == 0 ? 0 : 2;
}

}  // namespace

int run_command(const Args& args, std::ostream& out, std::ostream& err) {
  po::options_description options(
      "spexbench run --task SPEC --explainer SPEC --budget N [options]\n"
      "spexbench run SUITE.yaml [--out FILE.h5]\n\nOptions");
  options.add_options()("help,h", "show this help")(
      "task", po::value<std::string>(), "task spec, e.g. synthetic.sparse_fourier:n=20,s=50,d=4")(
      "explainer", po::value<std::string>(), "explainer spec, e.g. exhaustive")(
      "budget", po::value<std::int64_t>(), "maximum oracle queries (>= 1)")(
      "seed", po::value<std::uint64_t>()->default_value(0), "master seed")(
      "instance", po::value<int>()->default_value(0), "task instance")(
      "repetition", po::value<int>()->default_value(0), "explainer repetition")(
      "holdout", po::value<int>()->default_value(1000), "held-out masks for faithfulness")(
      "metric", po::value<std::vector<std::string>>()->composing(),
      "metric spec, repeatable (default: every registered metric)")(
      "threads", po::value<int>()->default_value(1), "threads an explainer may use")(
      "log-queries", "store every queried mask and value in the results file")(
      "out", po::value<std::string>(),
      "results file (HDF5; its folder must exist); cells already there that this run does not "
      "produce are kept")("json",
                          "print one JSON object on stdout instead of the summary (single cell)")(
      "jobs,j", po::value<int>()->default_value(1), "suite cells run at the same time")(
      "removal", po::value<std::string>(),
      "also the removal test Rem(r), r in R_MIN:R_MAX (one cell)")(
      "cache", po::value<std::string>(), "folder of a persistent query cache shared across runs")(
      "progress",
      "print each stage of a cell on stderr as it starts (one cell; default on a "
      "terminal)")(
      "no-progress",
      "suites: one line per finished cell instead of a progress bar; one cell: no stage lines");
  return run_subcommand(
      "run", options, "suite", 1, args, out, err, [&](const po::variables_map& vm) {
        if (vm.count("suite")) {
          for (const char* single : {"task", "explainer", "budget", "json", "progress"})
            SPEXBENCH_CHECK(!vm.count(single), "--", single,
                            " cannot be combined with a suite file");
          return run_suite_file(vm["suite"].as<std::string>(), vm, args, out, err);
        }
        return run_single(vm, args, out, err);
      });
}

}  // namespace spexbench::cli
