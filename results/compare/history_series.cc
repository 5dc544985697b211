#include "results/compare/history_series.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "core/error.h"
#include "core/metric.h"
#include "results/cell_groups.h"
#include "results/natural_order.h"

namespace spexbench {
namespace {

/// The groups `a` has and `b` lacks, at most three, as text.
std::string missing_groups(const std::set<CellGroupKey>& a, const std::set<CellGroupKey>& b) {
  std::string text;
  int shown = 0;
  for (const CellGroupKey& key : a)
    if (!b.contains(key) && shown++ < 3) text += (text.empty() ? "'" : ", '") + key.text() + "'";
  if (shown > 3) text += str_cat(" and ", shown - 3, " more");
  return text;
}

}  // namespace

std::vector<Series> results_series(const std::vector<ResultsFile>& files,
                                   const std::vector<std::string>& file_names,
                                   const std::vector<std::string>& only) {
  const std::size_t versions = files.size();
  std::vector<std::set<CellGroupKey>> keys(versions);
  // (group, what) -> series, built as the files are read.
  std::map<std::pair<CellGroupKey, std::string>, Series> series;
  const auto add = [&](const CellGroupKey& key, const std::string& what, std::size_t version,
                       const CellResult& cell, double value, bool higher, bool time) {
    Series& s = series[{key, what}];
    if (s.points.empty())
      s = Series{key.text(), what, higher, time, false, std::vector<SeriesPoint>(versions)};
    s.points[version].samples.push_back(value);
    s.points[version].keys.push_back(cell.id);
  };
  for (std::size_t v = 0; v < versions; ++v) {
    bool any_ok = false;
    for (const CellGroup& group : group_cells(files[v].cells)) {
      keys[v].insert(group.key);
      for (const CellResult* cell : group.cells) {
        const bool ok = cell->status == CellStatus::kOk;
        add(group.key, "cells ok", v, *cell, ok ? 1 : 0, true, false);
        if (!ok) continue;
        any_ok = true;
        add(group.key, "queries", v, *cell, static_cast<double>(cell->counts.total), false, false);
        add(group.key, "algorithm s", v, *cell, cell->algorithm_seconds, false, true);
        for (const MetricValue& metric : cell->metrics)
          add(group.key, metric.name, v, *cell, metric.value, metric_higher_is_better(metric.name),
              false);
      }
    }
    SPEXBENCH_CHECK(any_ok, "history: '", file_names[v],
                    "' has no cell that succeeded, so nothing of it can be compared");
    if (v > 0 && keys[v] != keys[0]) {
      const std::string lacks = missing_groups(keys[0], keys[v]);
      const std::string extra = missing_groups(keys[v], keys[0]);
      throw Error(str_cat("history: '", file_names[v], "' is not a run of the same suite as '",
                          file_names[0], "'", lacks.empty() ? "" : "; it lacks " + lacks,
                          extra.empty() ? "" : "; it adds " + extra));
    }
  }
  std::vector<Series> out;
  std::set<std::string> names;
  for (auto& [key, s] : series) {
    names.insert(s.what);
    if (only.empty() || std::find(only.begin(), only.end(), s.what) != only.end())
      out.push_back(std::move(s));
  }
  for (const std::string& name : only) {
    if (names.contains(name)) continue;
    std::string known;
    for (const std::string& n : names) known += " '" + n + "'";
    throw Error(str_cat("history: no cell has '", name, "'; the series are:", known));
  }
  return out;
}

BenchmarkRun read_benchmark_json(const std::filesystem::path& path) {
  std::ifstream in(path);
  SPEXBENCH_CHECK(in.good(), "history: cannot read '", path.string(), "'");
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw Error(str_cat("history: '", path.string(), "' is not JSON: ", e.what()));
  }
  SPEXBENCH_CHECK(json.is_object() && json.contains("benchmarks") && json["benchmarks"].is_array(),
                  "history: '", path.string(),
                  "' is not Google Benchmark JSON (spexbench_micro --benchmark_format=json): no "
                  "'benchmarks' array");
  BenchmarkRun run;
  if (json.contains("context") && json["context"].contains("date") &&
      json["context"]["date"].is_string())
    run.date = json["context"]["date"].get<std::string>();
  const std::map<std::string, double> units = {
      {"ns", 1e-9}, {"us", 1e-6}, {"ms", 1e-3}, {"s", 1.0}};
  for (const auto& benchmark : json["benchmarks"]) {
    if (!benchmark.is_object()) continue;
    if (benchmark.value("run_type", "iteration") != "iteration") continue;
    SPEXBENCH_CHECK(benchmark.contains("name") && benchmark["name"].is_string() &&
                        benchmark.contains("real_time") && benchmark["real_time"].is_number(),
                    "history: '", path.string(), "' has a benchmark without a name or real_time");
    const std::string unit = benchmark.value("time_unit", "ns");
    SPEXBENCH_CHECK(units.contains(unit), "history: '", path.string(), "': unknown time unit '",
                    unit, "'");
    // Repetitions of one benchmark share its run_name; older versions have only the name.
    const std::string name = benchmark.value("run_name", benchmark["name"].get<std::string>());
    run.real_seconds[name].push_back(benchmark["real_time"].get<double>() * units.at(unit));
  }
  SPEXBENCH_CHECK(!run.real_seconds.empty(), "history: '", path.string(),
                  "' holds no benchmark runs");
  return run;
}

std::vector<Series> benchmark_series(const std::vector<BenchmarkRun>& runs) {
  std::set<std::string, decltype(&natural_less)> names(&natural_less);
  for (const BenchmarkRun& run : runs)
    for (const auto& [name, samples] : run.real_seconds) names.insert(name);
  std::vector<Series> out;
  for (const std::string& name : names) {
    Series s{name, "real time s", false, true, true, std::vector<SeriesPoint>(runs.size())};
    for (std::size_t v = 0; v < runs.size(); ++v)
      if (const auto it = runs[v].real_seconds.find(name); it != runs[v].real_seconds.end())
        s.points[v].samples = it->second;
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace spexbench
