// The series `spexbench history` follows, from the files of its versions: results files of one
// suite, or Google Benchmark JSON files of spexbench_micro (results/compare/history.h).
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "results/compare/history.h"
#include "results/results_file.h"

namespace spexbench {

/// Per cell group (task | explainer | budget): each metric, the share of cells ok, the queries
/// and the algorithm seconds, one point per file. `only`, when not empty, keeps the series of
/// those names ("r2", "queries", "algorithm s", "cells ok"). Throws spexbench::Error when the
/// files hold different cell groups (naming the file and groups that differ), a file has no ok
/// cell, or a name in `only` is in no series (naming those there are).
[[nodiscard]] std::vector<Series> results_series(const std::vector<ResultsFile>& files,
                                                 const std::vector<std::string>& file_names,
                                                 const std::vector<std::string>& only);

/// A Google Benchmark JSON file: its date and each benchmark's iteration real times in seconds
/// (aggregate rows, such as means of repetitions, are skipped: the repetitions are the samples).
struct BenchmarkRun {
  std::string date;
  std::map<std::string, std::vector<double>> real_seconds;
};

/// Throws spexbench::Error naming the file and what is wrong for anything but such a file.
[[nodiscard]] BenchmarkRun read_benchmark_json(const std::filesystem::path& path);

/// A series per benchmark name in any run ("real time s", lower is better).
[[nodiscard]] std::vector<Series> benchmark_series(const std::vector<BenchmarkRun>& runs);

}  // namespace spexbench
