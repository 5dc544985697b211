#include "results/compare/identical_cells.h"

#include <bit>
#include <cmath>
#include <map>

#include "core/error.h"

namespace spexbench {
namespace {

bool same_number(double a, double b) {
  return (std::isnan(a) && std::isnan(b)) ||
         std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

using Info = std::vector<std::pair<std::string, std::string>>;

/// Info less what says how long and where, not what: timings and the device a task ran on.
Info without_execution(const Info& info) {
  Info out;
  for (const auto& entry : info)
    if (!entry.first.ends_with("_seconds") && entry.first != "device") out.push_back(entry);
  return out;
}

/// The first thing that differs between two cells of the same id, or "".
std::string first_difference(const CellResult& a, const CellResult& b) {
  if (a.status != b.status)
    return str_cat("status ", cell_status_name(a.status), " vs ", cell_status_name(b.status));
  if (a.error != b.error) return str_cat("error '", a.error, "' vs '", b.error, "'");
  const OracleCounts &x = a.counts, &y = b.counts;
  if (x.total != y.total || x.unique != y.unique || x.batches != y.batches ||
      x.cache_hits != y.cache_hits || a.evaluation_queries != b.evaluation_queries)
    return str_cat("queries ", x.total, "/", x.unique, "/", x.batches, " vs ", y.total, "/",
                   y.unique, "/", y.batches, " (total/unique/batches)");
  std::map<std::string, double> metrics;
  for (const MetricValue& m : a.metrics) metrics[m.name] = m.value;
  if (a.metrics.size() != b.metrics.size()) return "a different set of metrics";
  for (const MetricValue& m : b.metrics) {
    const auto it = metrics.find(m.name);
    if (it == metrics.end()) return str_cat("metric ", m.name, " only in the second file");
    if (!same_number(it->second, m.value))
      return str_cat("metric ", m.name, " ", format_param(it->second), " vs ",
                     format_param(m.value));
  }
  if (a.estimate.has_value() != b.estimate.has_value()) return "an estimate in one file only";
  if (a.estimate && !(*a.estimate == *b.estimate)) return "the estimate's terms or coefficients";
  if (without_execution(a.explainer_info) != without_execution(b.explainer_info))
    return "explainer info";
  if (without_execution(a.task_info) != without_execution(b.task_info)) return "task info";
  return "";
}

}  // namespace

std::vector<std::string> cell_differences(std::span<const CellResult> base,
                                          std::span<const CellResult> contender,
                                          std::size_t limit) {
  std::map<std::string, const CellResult*> others;
  for (const CellResult& cell : contender) others.emplace(cell.id, &cell);
  std::vector<std::string> out;
  auto note = [&](const std::string& line) {
    if (out.size() < limit) out.push_back(line);
  };
  auto name = [](const CellResult& cell) {
    return str_cat("cell ", cell.id, " (", cell.spec.explainer, " on ", cell.spec.task, " #",
                   cell.spec.instance, ", budget ", cell.spec.budget, ")");
  };
  for (const CellResult& cell : base) {
    const auto it = others.find(cell.id);
    if (it == others.end()) {
      note(name(cell) + ": only in the first file");
      continue;
    }
    const std::string why = first_difference(cell, *it->second);
    if (!why.empty()) note(name(cell) + ": " + why);
    others.erase(it);
  }
  for (const auto& [id, cell] : others) note(name(*cell) + ": only in the second file");
  return out;
}

}  // namespace spexbench
