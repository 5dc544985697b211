#include "results/summary.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <sstream>
#include <tuple>
#include <vector>

#include "core/params.h"
#include "results/cell_groups.h"
#include "results/natural_order.h"
#include "results/number_text.h"

namespace spexbench {
namespace {

struct Row {
  std::string task, explainer;
  std::int64_t budget = 0;
  int total = 0, ok = 0;
  std::map<std::string, std::pair<double, int>> metric_sums;  // name -> (sum, count)
  double queries = 0, algorithm_seconds = 0;
  int rank = 0;  // within its task and budget by mean R^2; 0 without one

  [[nodiscard]] std::optional<double> mean(const std::string& metric) const {
    const auto it = metric_sums.find(metric);
    if (it == metric_sums.end() || it->second.second == 0) return std::nullopt;
    return it->second.first / it->second.second;
  }
};

/// The cells that did not succeed for one reason: how many, and the groups they are in.
struct Problem {
  int cells = 0;
  std::vector<std::string> groups;  // "explainer at budget B on task", each once
};

/// A reason without the explainer's own name in front ("spex: budget 256 is below ..."), so that
/// explainers failing for the same reason share a line.
std::string reason_of(const CellResult& cell) {
  std::string_view reason = cell.error;
  const std::string prefix = cell.spec.explainer + ": ";
  if (reason.starts_with(prefix)) reason.remove_prefix(prefix.size());
  return std::string(cell_status_name(cell.status)) + ": " + std::string(reason);
}

}  // namespace

std::string describe_cell(const CellResult& cell) {
  std::ostringstream out;
  out << "cell " << cell.id << "\n";
  out << "  task         " << cell.spec.task << "  (n=" << cell.num_features << ", instance "
      << cell.spec.instance << ")\n";
  out << "  explainer    " << cell.spec.explainer << "  (budget " << cell.spec.budget << ", seed "
      << cell.spec.seed << ", repetition " << cell.spec.repetition << ")\n";
  out << "  status       " << cell_status_name(cell.status);
  if (!cell.error.empty()) out << ": " << cell.error;
  out << "\n";
  out << "  queries      " << cell.counts.total << " total, " << cell.counts.unique << " unique, "
      << cell.counts.batches << " batches";
  if (cell.counts.cache_hits > 0) out << ", " << cell.counts.cache_hits << " from the cache";
  if (cell.evaluation_queries > 0)
    out << "; " << cell.evaluation_queries << " more by the evaluations, outside the budget";
  out << "\n";
  out << "  time         algorithm " << fixed_decimals(cell.algorithm_seconds, 4) << " s, oracle "
      << fixed_decimals(cell.counts.model_seconds, 4) << " s, wall "
      << fixed_decimals(cell.wall_seconds, 4) << " s\n";
  if (cell.estimate) {
    out << "  explanation  " << cell.estimate->size() << " terms, "
        << basis_name(cell.estimate->basis()) << " basis, max degree "
        << cell.estimate->max_degree() << "\n";
  }
  if (!cell.task_info.empty()) {
    out << "  task info   ";
    for (const auto& [name, value] : cell.task_info) out << " " << name << "=" << value;
    out << "\n";
  }
  if (!cell.explainer_info.empty()) {
    out << "  run info    ";
    for (const auto& [name, value] : cell.explainer_info) out << " " << name << "=" << value;
    out << "\n";
  }
  if (!cell.metrics.empty()) {
    out << "  metrics     ";
    for (const auto& metric : cell.metrics)
      out << " " << metric.name << "=" << format_param(metric.value);
    out << "\n";
  }
  return out.str();
}

std::string summary_table(std::span<const CellResult> cells) {
  std::vector<Row> rows;
  std::map<std::string, Problem> problems;  // by reason
  std::vector<std::string> reasons;         // in order of first appearance
  for (const CellGroup& group : group_cells(cells)) {
    Row& row = rows.emplace_back(Row{group.key.task, group.key.explainer, group.key.budget});
    for (const CellResult* cell : group.cells) {
      ++row.total;
      if (cell->status != CellStatus::kOk) {
        const std::string reason = reason_of(*cell);
        if (!problems.contains(reason)) reasons.push_back(reason);
        Problem& problem = problems[reason];
        ++problem.cells;
        const std::string where =
            row.explainer + " at budget " + std::to_string(row.budget) + " on " + row.task;
        if (problem.groups.empty() || problem.groups.back() != where)
          problem.groups.push_back(where);
        continue;
      }
      ++row.ok;
      row.queries += static_cast<double>(cell->counts.total);
      row.algorithm_seconds += cell->algorithm_seconds;
      for (const auto& metric : cell->metrics) {
        auto& [sum, count] = row.metric_sums[metric.name];
        sum += metric.value;
        ++count;
      }
    }
  }

  // Rows by task (numbers by value: n=64 before n=128) and budget, whatever order the cells were
  // stored in, and within them ranked by mean R^2, best first; rows without one last.
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    if (a.task != b.task) return natural_less(a.task, b.task);
    if (a.budget != b.budget) return a.budget < b.budget;
    const std::optional<double> ra = a.mean("r2"), rb = b.mean("r2");
    if (ra.has_value() != rb.has_value()) return ra.has_value();
    if (ra && *ra != *rb) return *ra > *rb;
    return a.explainer < b.explainer;
  });
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const bool first =
        r == 0 || rows[r].task != rows[r - 1].task || rows[r].budget != rows[r - 1].budget;
    if (rows[r].mean("r2")) rows[r].rank = first ? 1 : rows[r - 1].rank + 1;
  }
  const std::vector<std::string> shown = {"r2", "support_f1", "nmse"};
  std::vector<std::vector<std::string>> table;
  std::vector<std::string> header = {"task", "budget", "rank", "explainer", "ok"};
  header.insert(header.end(), shown.begin(), shown.end());
  header.insert(header.end(), {"queries", "algo s"});
  table.push_back(header);
  for (const Row& row : rows) {
    std::vector<std::string> line = {row.task, std::to_string(row.budget),
                                     row.rank ? std::to_string(row.rank) : "-", row.explainer,
                                     std::to_string(row.ok) + "/" + std::to_string(row.total)};
    for (const auto& name : shown) {
      const std::optional<double> mean = row.mean(name);
      line.push_back(mean ? fixed_decimals(*mean, 4) : "-");
    }
    line.push_back(row.ok ? fixed_decimals(row.queries / row.ok, 0) : "-");
    line.push_back(row.ok ? significant(row.algorithm_seconds / row.ok, 3) : "-");
    table.push_back(line);
  }
  std::vector<std::size_t> widths(header.size(), 0);
  for (const auto& line : table)
    for (std::size_t c = 0; c < line.size(); ++c) widths[c] = std::max(widths[c], line[c].size());
  std::ostringstream out;
  for (std::size_t r = 0; r < table.size(); ++r) {
    for (std::size_t c = 0; c < table[r].size(); ++c) {
      const bool left = c == 0 || c == 3;  // task and explainer
      const std::string& text = table[r][c];
      const std::string pad(widths[c] - text.size(), ' ');
      out << (c ? "  " : "") << (left ? text + pad : pad + text);
    }
    out << "\n";
    if (r == 0) {
      std::size_t total = 0;
      for (const std::size_t w : widths) total += w + 2;
      out << std::string(total - 2, '-') << "\n";
    }
  }
  // One line per reason, however many cells share it, with the first few groups it struck.
  constexpr std::size_t kGroupsNamed = 3;
  for (const std::string& reason : reasons) {
    const Problem& problem = problems.at(reason);
    out << "note: " << problem.cells << (problem.cells == 1 ? " cell " : " cells ") << reason
        << " [";
    for (std::size_t g = 0; g < std::min(kGroupsNamed, problem.groups.size()); ++g)
      out << (g ? "; " : "") << problem.groups[g];
    if (problem.groups.size() > kGroupsNamed)
      out << "; and " << problem.groups.size() - kGroupsNamed << " more";
    out << "]\n";
  }
  return out.str();
}

}  // namespace spexbench
