#include "results/report/leaderboard_site.h"

#include <cctype>
#include <sstream>

#include "results/number_text.h"
#include "results/report/html_escape.h"
#include "results/report/sortable_tables.h"

namespace spexbench {
namespace {

/// "tasks/3-synthetic.soum_n_8.html": numbered, so that two tasks never share a file, and named,
/// so that a reader of the folder sees which is which.
std::string task_page(std::size_t number, const std::string& task) {
  std::string name = task.substr(0, 80);
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-') c = '_';
  return "tasks/" + std::to_string(number) + "-" + name + ".html";
}

/// The board's tables of one task.
Leaderboard task_board(const Leaderboard& board, const std::string& task) {
  Leaderboard one = board;
  one.tables.clear();
  for (const LeaderboardTable& table : board.tables)
    if (table.task == task) one.tables.push_back(table);
  return one;
}

}  // namespace

std::vector<SitePage> leaderboard_site(const Leaderboard& board, const std::string& title,
                                       const std::string& summary_html,
                                       const std::string& appendix_html) {
  std::vector<std::string> tasks;
  for (const LeaderboardTable& table : board.tables)
    if (tasks.empty() || tasks.back() != table.task) tasks.push_back(table.task);
  std::vector<SitePage> pages;
  std::ostringstream list;
  list << "<h2>Tasks</h2>\n<table class=\"names\"><tr><th>task</th><th>budgets</th><th>best at the "
          "largest "
          "budget</th><th>"
       << html_escape(board.ranking_metric) << "</th></tr>\n";
  for (std::size_t t = 0; t < tasks.size(); ++t) {
    const Leaderboard one = task_board(board, tasks[t]);
    const std::string path = task_page(t + 1, tasks[t]);
    const std::string back =
        "<p><a href=\"../index.html\">All tasks and the ranking across them</a></p>\n";
    pages.push_back(
        {path, with_sortable_tables(leaderboard_html(one, title + ": " + tasks[t], back))});
    const LeaderboardTable& largest = one.tables.back();
    const LeaderboardRow* best =
        largest.rows.empty() || largest.rows.front().rank == 0 ? nullptr : &largest.rows.front();
    std::string best_value = "-";
    if (best)
      for (const MetricSummary& metric : best->metrics)
        if (metric.name == board.ranking_metric && metric.count)
          best_value = fixed_decimals(metric.mean, 4);
    list << "<tr><td><a href=\"" << html_escape(path) << "\"><code>" << html_escape(tasks[t])
         << "</code></a></td><td>" << one.tables.size() << "</td><td>"
         << (best ? "<code>" + html_escape(best->explainer) + "</code>" : "-") << "</td><td>"
         << best_value << "</td></tr>\n";
  }
  list << "</table>\n";
  Leaderboard index = board;
  index.tables.clear();
  pages.insert(pages.begin(),
               {"index.html", with_sortable_tables(leaderboard_html(
                                  index, title, summary_html + list.str() + appendix_html))});
  return pages;
}

}  // namespace spexbench
