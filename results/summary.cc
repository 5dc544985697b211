#include "results/summary.h"

#include <algorithm>
#include <cstdio>
#include <map>
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
  std::string first_error;
};

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
  for (const CellGroup& group : group_cells(cells)) {
    Row& row = rows.emplace_back(Row{group.key.task, group.key.explainer, group.key.budget});
    for (const CellResult* cell : group.cells) {
      ++row.total;
      if (cell->status != CellStatus::kOk) {
        if (row.first_error.empty())
          row.first_error = std::string(cell_status_name(cell->status)) + ": " + cell->error;
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

  // Rows by task (numbers by value: n=64 before n=128), explainer and budget, whatever order the
  // cells were stored in.
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    if (a.task != b.task) return natural_less(a.task, b.task);
    return std::tie(a.explainer, a.budget) < std::tie(b.explainer, b.budget);
  });
  const std::vector<std::string> shown = {"r2", "support_f1", "nmse"};
  std::vector<std::vector<std::string>> table;
  std::vector<std::string> header = {"task", "explainer", "budget", "ok"};
  header.insert(header.end(), shown.begin(), shown.end());
  header.insert(header.end(), {"queries", "algo s"});
  table.push_back(header);
  for (const Row& row : rows) {
    std::vector<std::string> line = {row.task, row.explainer, std::to_string(row.budget),
                                     std::to_string(row.ok) + "/" + std::to_string(row.total)};
    for (const auto& name : shown) {
      const auto it = row.metric_sums.find(name);
      line.push_back(it == row.metric_sums.end() || it->second.second == 0
                         ? "-"
                         : fixed_decimals(it->second.first / it->second.second, 4));
    }
    line.push_back(row.ok ? fixed_decimals(row.queries / row.ok, 0) : "-");
    line.push_back(row.ok ? fixed_decimals(row.algorithm_seconds / row.ok, 4) : "-");
    table.push_back(line);
  }
  std::vector<std::size_t> widths(header.size(), 0);
  for (const auto& line : table)
    for (std::size_t c = 0; c < line.size(); ++c) widths[c] = std::max(widths[c], line[c].size());
  std::ostringstream out;
  for (std::size_t r = 0; r < table.size(); ++r) {
    for (std::size_t c = 0; c < table[r].size(); ++c) {
      const bool left = c < 2;
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
  for (const Row& row : rows)
    if (!row.first_error.empty())
      out << "note: " << row.explainer << " on " << row.task << " at budget " << row.budget << ": "
          << row.first_error << "\n";
  return out.str();
}

}  // namespace spexbench
