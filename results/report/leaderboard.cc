#include "results/report/leaderboard.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "core/error.h"
#include "core/explainer.h"
#include "core/metric.h"
#include "core/rng.h"
#include "results/cell_groups.h"
#include "results/natural_order.h"
#include "results/number_text.h"
#include "results/report/html_escape.h"

namespace spexbench {
namespace {

std::string cell_text(const MetricSummary& m) {
  if (m.count == 0) return "-";
  return fixed_decimals(m.mean, 4) + " [" + fixed_decimals(m.low, 4) + ", " +
         fixed_decimals(m.high, 4) + "]";
}

/// The page up to its title and the board's source; `style` adds to the shared table style.
std::string html_head(const Leaderboard& board, const std::string& title,
                      const std::string& style) {
  std::string head =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
      html_escape(title) +
      "</title>\n<style>body{font-family:sans-serif;margin:2em;}"
      "table{border-collapse:collapse;margin-bottom:1em;}td,th{border:1px solid #ccc;"
      "padding:4px 8px;text-align:right;}" +
      style +
      ".problem{color:#a33;font-size:90%;}.source{color:#555;font-size:90%;}"
      "</style></head><body>\n<h1>" +
      html_escape(title) + "</h1>\n";
  if (!board.source.empty()) head += "<p class=\"source\">" + html_escape(board.source) + "</p>\n";
  return head;
}

/// " †" after an explainer whose settings depart from its paper.
std::string mark(const Leaderboard& board, const std::string& explainer) {
  return board.departures.contains(explainer) ? " †" : "";
}

/// The note that explains the dagger, or nothing when no explainer carries one.
std::string departures_note(const Leaderboard& board) {
  if (board.departures.empty()) return "";
  std::string out = "† departs from its paper:";
  for (const auto& [explainer, settings] : board.departures) {
    out += " `" + explainer + "` (";
    for (std::size_t s = 0; s < settings.size(); ++s) out += (s ? ", " : "") + settings[s];
    out += ");";
  }
  out.back() = '.';
  return out;
}

std::string markdown_head(const Leaderboard& board, const std::string& title) {
  const std::string note = departures_note(board);
  return "# " + title + "\n\n" + (board.source.empty() ? "" : board.source + "\n\n") +
         (note.empty() ? "" : note + "\n\n");
}

/// A task's tables (the board is sorted by task, then budget) and its explainers, sorted.
struct Curve {
  std::string task;
  std::vector<const LeaderboardTable*> budgets;
  std::vector<std::string> explainers;
};

std::vector<Curve> curves_of(const Leaderboard& board) {
  std::vector<Curve> curves;
  for (const LeaderboardTable& table : board.tables) {
    if (curves.empty() || curves.back().task != table.task) curves.push_back({table.task, {}, {}});
    Curve& curve = curves.back();
    curve.budgets.push_back(&table);
    for (const LeaderboardRow& row : table.rows)
      if (std::find(curve.explainers.begin(), curve.explainers.end(), row.explainer) ==
          curve.explainers.end())
        curve.explainers.push_back(row.explainer);
  }
  for (Curve& curve : curves) std::sort(curve.explainers.begin(), curve.explainers.end());
  return curves;
}

/// An explainer's point at one budget: the ranking metric's mean, the queries it spent when
/// fewer than the budget, or why it has no value.
std::string point_text(const Leaderboard& board, const LeaderboardTable& table,
                       const std::string& explainer) {
  const auto row = std::find_if(table.rows.begin(), table.rows.end(),
                                [&](const LeaderboardRow& r) { return r.explainer == explainer; });
  if (row == table.rows.end()) return "";
  if (row->ok == 0) return row->infeasible == row->cells ? "infeasible" : "failed";
  const auto metric = static_cast<std::size_t>(
      std::find(board.metrics.begin(), board.metrics.end(), board.ranking_metric) -
      board.metrics.begin());
  const MetricSummary& summary = row->metrics.at(metric);
  if (summary.count == 0) return "-";
  std::string text = fixed_decimals(summary.mean, 4);
  if (row->mean_queries < static_cast<double>(table.budget) - 0.5)
    text += " (" + fixed_decimals(row->mean_queries, 0) + ")";
  return text;
}

std::string curves_caption(const Leaderboard& board) {
  return "Mean of `" + board.ranking_metric +
         "` over instances and seeds at each budget; in brackets, the mean queries an explainer "
         "spent where fewer than the budget.";
}

std::string status_text(const LeaderboardRow& row) {
  std::string text = std::to_string(row.ok) + "/" + std::to_string(row.cells);
  if (row.failed) text += ", " + std::to_string(row.failed) + " failed";
  if (row.infeasible) text += ", " + std::to_string(row.infeasible) + " infeasible";
  return text;
}

}  // namespace

std::pair<double, double> bootstrap_interval(std::span<const double> values, std::uint64_t seed) {
  if (values.empty()) return {0, 0};
  Rng rng(seed);
  std::vector<double> means(1000);
  for (double& mean : means) {
    double sum = 0;
    for (std::size_t i = 0; i < values.size(); ++i) sum += values[rng.below(values.size())];
    mean = sum / static_cast<double>(values.size());
  }
  std::sort(means.begin(), means.end());
  return {means[25], means[974]};
}

Leaderboard build_leaderboard(std::span<const CellResult> cells,
                              const std::vector<std::string>& metrics,
                              const std::string& ranking_metric) {
  Leaderboard board{ranking_metric, metrics, {}};
  // Explainers within a (task, budget) table in first-appearance order, before ranking.
  std::vector<std::pair<std::string, std::int64_t>> keys;
  std::map<std::pair<std::string, std::int64_t>, std::vector<const CellGroup*>> explainers;
  const std::vector<CellGroup> groups = group_cells(cells);
  for (const CellGroup& group : groups) {
    const auto key = std::make_pair(group.key.task, group.key.budget);
    if (!explainers.contains(key)) keys.push_back(key);
    explainers[key].push_back(&group);
  }
  // Results files keep cells in no particular order, so tables go by task (numbers by value),
  // then budget.
  std::sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return natural_less(a.first, b.first);
    return a.second < b.second;
  });
  const bool higher = metric_higher_is_better(ranking_metric);
  for (const auto& key : keys) {
    LeaderboardTable table{key.first, key.second, {}};
    for (const CellGroup* group : explainers[key]) {
      const std::string& explainer = group->key.explainer;
      LeaderboardRow row{explainer};
      for (const CellResult* cell : group->cells) {
        ++row.cells;
        if (cell->status == CellStatus::kOk) {
          ++row.ok;
          row.mean_queries += static_cast<double>(cell->counts.total);
          row.mean_algorithm_seconds += cell->algorithm_seconds;
        } else {
          (cell->status == CellStatus::kInfeasible ? row.infeasible : row.failed)++;
          if (row.first_problem.empty())
            row.first_problem = std::string(cell_status_name(cell->status)) + ": " + cell->error;
        }
      }
      if (row.ok) {
        row.mean_queries /= row.ok;
        row.mean_algorithm_seconds /= row.ok;
      }
      for (const std::string& metric : metrics) {
        std::vector<double> values;
        for (const CellResult* cell : group->cells)
          if (const MetricValue* v = cell->metric(metric)) values.push_back(v->value);
        MetricSummary summary{metric};
        summary.count = static_cast<int>(values.size());
        if (!values.empty()) {
          for (const double v : values) summary.mean += v / static_cast<double>(values.size());
          std::tie(summary.low, summary.high) =
              bootstrap_interval(values, derive_seed(0, key.first, key.second, explainer, metric));
        }
        row.metrics.push_back(summary);
      }
      table.rows.push_back(std::move(row));
    }
    const auto ranking = static_cast<std::size_t>(
        std::find(metrics.begin(), metrics.end(), ranking_metric) - metrics.begin());
    std::stable_sort(table.rows.begin(), table.rows.end(), [&](const auto& a, const auto& b) {
      const auto &ma = a.metrics[ranking], &mb = b.metrics[ranking];
      if ((ma.count > 0) != (mb.count > 0)) return ma.count > 0;
      return higher ? ma.mean > mb.mean : ma.mean < mb.mean;
    });
    int rank = 0;
    for (LeaderboardRow& row : table.rows) row.rank = row.metrics[ranking].count > 0 ? ++rank : 0;
    board.tables.push_back(std::move(table));
  }
  for (const CellGroup& group : groups) {
    if (board.departures.contains(group.key.explainer)) continue;
    try {
      std::vector<std::string> settings =
          ExplainerRegistry::global().departures(group.key.explainer);
      if (!settings.empty()) board.departures[group.key.explainer] = std::move(settings);
    } catch (const Error&) {  // an explainer this build does not have: nothing to say of it
    }
  }
  return board;
}

std::string leaderboard_markdown(const Leaderboard& board, const std::string& title,
                                 const std::string& summary) {
  std::ostringstream out;
  out << markdown_head(board, title) << summary;
  if (!summary.empty()) out << "\n## Per task and budget\n\n";
  out << "Ranked by the mean of `" << board.ranking_metric
      << "` over instances and seeds; brackets are 95% bootstrap intervals of the mean.\n";
  for (const LeaderboardTable& table : board.tables) {
    out << "\n## " << table.task << ", budget " << table.budget << "\n\n| rank | explainer |";
    for (const auto& metric : board.metrics) out << " " << metric << " |";
    out << " queries | algorithm s | cells ok |\n|---|---|";
    for (std::size_t m = 0; m < board.metrics.size(); ++m) out << "---|";
    out << "---|---|---|\n";
    for (const LeaderboardRow& row : table.rows) {
      out << "| " << (row.rank ? std::to_string(row.rank) : "-") << " | `" << row.explainer << "`"
          << mark(board, row.explainer) << " |";
      for (const auto& m : row.metrics) out << " " << cell_text(m) << " |";
      out << " " << (row.ok ? fixed_decimals(row.mean_queries, 0) : "-") << " | "
          << (row.ok ? significant(row.mean_algorithm_seconds, 3) : "-") << " | "
          << status_text(row) << " |\n";
    }
    for (const LeaderboardRow& row : table.rows)
      if (!row.first_problem.empty())
        out << "\n- `" << row.explainer << "`: " << row.first_problem << "\n";
  }
  return out.str();
}

std::string leaderboard_html(const Leaderboard& board, const std::string& title,
                             const std::string& summary) {
  std::ostringstream out;
  // Tables put the explainer second (after its rank); those of class "names" first.
  out << html_head(board, title,
                   "td:nth-child(2),th:nth-child(2){text-align:left;}"
                   "table.names td:nth-child(2),table.names th:nth-child(2){text-align:right;}"
                   "table.names td:first-child,table.names th:first-child{text-align:left;}")
      << summary;
  if (!board.tables.empty()) {
    if (!summary.empty()) out << "<h2>Per task and budget</h2>\n";
    out << "<p>Ranked by the mean of <code>" << html_escape(board.ranking_metric)
        << "</code> over instances and seeds; brackets are 95% bootstrap intervals of the "
           "mean.</p>\n";
  }
  if (const std::string note = departures_note(board); !note.empty())
    out << "<p>" << html_escape(note) << "</p>\n";
  for (const LeaderboardTable& table : board.tables) {
    out << "<h2>" << html_escape(table.task) << ", budget " << table.budget
        << "</h2>\n<table><tr><th>rank</th><th>explainer</th>";
    for (const auto& metric : board.metrics) out << "<th>" << html_escape(metric) << "</th>";
    out << "<th>queries</th><th>algorithm s</th><th>cells ok</th></tr>\n";
    for (const LeaderboardRow& row : table.rows) {
      out << "<tr><td>" << (row.rank ? std::to_string(row.rank) : "-") << "</td><td><code>"
          << html_escape(row.explainer) << "</code>" << html_escape(mark(board, row.explainer))
          << "</td>";
      for (const auto& m : row.metrics) out << "<td>" << html_escape(cell_text(m)) << "</td>";
      out << "<td>" << (row.ok ? fixed_decimals(row.mean_queries, 0) : "-") << "</td><td>"
          << (row.ok ? significant(row.mean_algorithm_seconds, 3) : "-") << "</td><td>"
          << html_escape(status_text(row)) << "</td></tr>\n";
    }
    out << "</table>\n";
    for (const LeaderboardRow& row : table.rows)
      if (!row.first_problem.empty())
        out << "<p class=\"problem\"><code>" << html_escape(row.explainer)
            << "</code>: " << html_escape(row.first_problem) << "</p>\n";
  }
  out << "</body></html>\n";
  return out.str();
}

std::string curves_markdown(const Leaderboard& board, const std::string& title) {
  std::ostringstream out;
  out << markdown_head(board, title) << curves_caption(board) << "\n";
  for (const Curve& curve : curves_of(board)) {
    out << "\n## " << curve.task << "\n\n| budget |";
    for (const std::string& explainer : curve.explainers)
      out << " `" << explainer << "`" << mark(board, explainer) << " |";
    out << "\n|---|";
    for (std::size_t e = 0; e < curve.explainers.size(); ++e) out << "---|";
    out << "\n";
    for (const LeaderboardTable* table : curve.budgets) {
      out << "| " << table->budget << " |";
      for (const std::string& explainer : curve.explainers)
        out << " " << point_text(board, *table, explainer) << " |";
      out << "\n";
    }
  }
  return out.str();
}

std::string curves_html(const Leaderboard& board, const std::string& title) {
  std::string caption = curves_caption(board);
  caption.erase(std::remove(caption.begin(), caption.end(), '`'), caption.end());
  std::ostringstream out;
  out << html_head(board, title, "") << "<p>" << html_escape(caption) << "</p>\n";
  if (const std::string note = departures_note(board); !note.empty())
    out << "<p>" << html_escape(note) << "</p>\n";
  for (const Curve& curve : curves_of(board)) {
    out << "<h2>" << html_escape(curve.task) << "</h2>\n<table><tr><th>budget</th>";
    for (const std::string& explainer : curve.explainers)
      out << "<th><code>" << html_escape(explainer) << "</code>"
          << html_escape(mark(board, explainer)) << "</th>";
    out << "</tr>\n";
    for (const LeaderboardTable* table : curve.budgets) {
      out << "<tr><td>" << table->budget << "</td>";
      for (const std::string& explainer : curve.explainers)
        out << "<td>" << html_escape(point_text(board, *table, explainer)) << "</td>";
      out << "</tr>\n";
    }
    out << "</table>\n";
  }
  out << "</body></html>\n";
  return out.str();
}

}  // namespace spexbench
