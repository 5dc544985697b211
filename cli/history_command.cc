// spexbench history FILE|FOLDER...: performance across versions (results/compare/history.h).
// Results files of one suite, one per version, and Google Benchmark JSON files of spexbench_micro,
// each kind ordered by date; prints the series that moved and writes a trend chart per moved series
// with
// --figures DIR. Exit status 1 when the newest version regressed, 2 on bad input, 0 otherwise.
#include <algorithm>
#include <boost/program_options.hpp>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <ostream>

#include "cli/command_line.h"
#include "cli/commands.h"
#include "core/error.h"
#include "results/compare/history.h"
#include "results/compare/history_series.h"
#include "results/report/trend_chart.h"
#include "results/results_file.h"

namespace spexbench::cli {
namespace {
namespace po = boost::program_options;
namespace fs = std::filesystem;

/// The files named, folders expanded to their .h5 and .json files (in name order).
std::vector<fs::path> input_files(const std::vector<std::string>& names) {
  std::vector<fs::path> files;
  for (const std::string& name : names) {
    SPEXBENCH_CHECK(fs::exists(name), "history: '", name, "' does not exist");
    if (!fs::is_directory(name)) {
      files.emplace_back(name);
      continue;
    }
    std::vector<fs::path> inside;
    for (const auto& entry : fs::directory_iterator(name))
      if (entry.is_regular_file() &&
          (entry.path().extension() == ".h5" || entry.path().extension() == ".json"))
        inside.push_back(entry.path());
    SPEXBENCH_CHECK(!inside.empty(), "history: the folder '", name,
                    "' holds no results (.h5) or benchmark (.json) files");
    std::sort(inside.begin(), inside.end());
    files.insert(files.end(), inside.begin(), inside.end());
  }
  return files;
}

/// Indices of `dates` oldest first; equal dates keep the order given.
std::vector<std::size_t> by_date(const std::vector<std::string>& dates) {
  std::vector<std::size_t> order(dates.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return dates[a] < dates[b]; });
  return order;
}

History results_history(const std::vector<fs::path>& paths, const std::vector<std::string>& only,
                        const HistoryOptions& options) {
  std::vector<ResultsFile> files;
  std::vector<std::string> dates;
  for (const fs::path& path : paths) {
    files.push_back(read_results(path));
    dates.push_back(files.back().provenance.started_utc);
  }
  std::vector<ResultsFile> ordered;
  std::vector<std::string> names;
  std::vector<Version> versions;
  for (const std::size_t i : by_date(dates)) {
    const Provenance& p = files[i].provenance;
    versions.push_back({p.git_describe + " " + p.started_utc, p.started_utc, paths[i].string()});
    names.push_back(paths[i].string());
    ordered.push_back(std::move(files[i]));
  }
  return history_of(std::move(versions), results_series(ordered, names, only), options);
}

History benchmark_history(const std::vector<fs::path>& paths, const HistoryOptions& options) {
  std::vector<BenchmarkRun> runs;
  std::vector<std::string> dates;
  for (const fs::path& path : paths) {
    runs.push_back(read_benchmark_json(path));
    dates.push_back(runs.back().date);
  }
  std::vector<BenchmarkRun> ordered;
  std::vector<Version> versions;
  for (const std::size_t i : by_date(dates)) {
    versions.push_back({runs[i].date, runs[i].date, paths[i].string()});
    ordered.push_back(std::move(runs[i]));
  }
  return history_of(std::move(versions), benchmark_series(ordered), options);
}

/// A file name from a series' group and name: letters, digits, '.', '-' and '_' kept.
std::string figure_name(const Series& series) {
  std::string name = series.group + "__" + series.what;
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_') c = '_';
  return name.substr(0, 150) + ".svg";
}

void write_figures(const History& history, const fs::path& folder, std::ostream& err) {
  fs::create_directories(folder);
  for (const HistoryRow& row : history.moved) {
    const fs::path path = folder / figure_name(*row.series);
    check_output_path(path);
    std::ofstream out(path);
    out << trend_svg(*row.series, row.steps, history.versions);
    SPEXBENCH_CHECK(out.good(), "history: cannot write '", path.string(), "'");
  }
  err << "history: " << history.moved.size() << " trend charts in " << folder.string() << "\n";
}

}  // namespace

int history_command(const Args& args, std::ostream& out, std::ostream& err) {
  HistoryOptions defaults;
  po::options_description options(
      "spexbench history FILE|FOLDER... [options]\n\nResults files of one suite (.h5), one per "
      "version, and/or Google Benchmark JSON files of spexbench_micro (.json), each ordered by "
      "date.\n\nOptions");
  options.add_options()("help,h", "show this help")(
      "alpha", real_option(defaults.alpha),
      "significance of a time step (paired t-test over cells, Welch's over a benchmark's "
      "repetitions; Bonferroni over a series' steps)")(
      "tolerance", real_option(defaults.tolerance),
      "a cell's metric, query or status change below this is no step")(
      "time-ratio", real_option(defaults.time_ratio), "time changes ignored below this factor")(
      "time-floor", real_option(defaults.time_floor_seconds),
      "time changes ignored below this many seconds")(
      "metric", po::value<std::vector<std::string>>()->composing(),
      "follow only this series of results files, repeatable (a metric, 'queries', 'algorithm "
      "s' or 'cells ok')")("figures", po::value<std::string>(),
                           "folder for a trend chart (SVG) per moved series");
  return run_subcommand(
      "history", options, "files", -1, args, out, err, [&](const po::variables_map& vm) {
        SPEXBENCH_CHECK(vm.count("files"),
                        "give the files of the versions: spexbench history A.h5 B.h5 ...");
        const HistoryOptions chosen{vm["alpha"].as<double>(), vm["tolerance"].as<double>(),
                                    vm["time-ratio"].as<double>(), vm["time-floor"].as<double>()};
        chosen.validate();
        std::vector<fs::path> results, benchmarks;
        for (const fs::path& path : input_files(vm["files"].as<std::vector<std::string>>()))
          (path.extension() == ".json" ? benchmarks : results).push_back(path);
        const std::vector<std::string> only = vm.count("metric")
                                                  ? vm["metric"].as<std::vector<std::string>>()
                                                  : std::vector<std::string>{};
        SPEXBENCH_CHECK(only.empty() || !results.empty(),
                        "history: --metric picks series of results files, and none was given");
        SPEXBENCH_CHECK(results.size() + benchmarks.size() >= 2,
                        "history: give at least two versions");
        int regressions = 0;
        for (const bool suite : {true, false}) {
          const std::vector<fs::path>& paths = suite ? results : benchmarks;
          if (paths.empty()) continue;
          SPEXBENCH_CHECK(paths.size() >= 2, "history: only one ",
                          suite ? "results file" : "benchmark file", " ('", paths[0].string(),
                          "'): give at least two versions");
          const History history =
              suite ? results_history(paths, only, chosen) : benchmark_history(paths, chosen);
          out << (suite ? "suite results\n" : "micro benchmarks\n") << history.table() << "\n";
          if (vm.count("figures"))
            write_figures(history,
                          fs::path(vm["figures"].as<std::string>()) / (suite ? "suite" : "micro"),
                          err);
          regressions += history.regressions;
        }
        return regressions > 0 ? 1 : 0;
      });
}

}  // namespace spexbench::cli
