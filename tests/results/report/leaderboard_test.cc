#include "results/report/leaderboard.h"

#include <gtest/gtest.h>

namespace spexbench {
namespace {

CellResult cell(const std::string& explainer, double r2, CellStatus status = CellStatus::kOk) {
  CellResult c;
  c.spec.task = "synthetic.soum:n=8,s=2,d=2";
  c.spec.explainer = explainer;
  c.spec.budget = 100;
  c.status = status;
  c.error = status == CellStatus::kOk ? "" : "a reason";
  c.counts.total = 100;
  if (status == CellStatus::kOk) c.metrics.push_back({"r2", r2, 1});
  return c;
}

TEST(Leaderboard, RanksByMeanNotByBestCellAndShowsFailures) {
  // "a" has the single best cell but the worse mean; "b" is steadier and better on average.
  const std::vector<CellResult> cells = {cell("a", 0.99), cell("a", 0.1), cell("b", 0.8),
                                         cell("b", 0.7), cell("c", 0, CellStatus::kInfeasible)};
  const Leaderboard board = build_leaderboard(cells, {"r2"}, "r2");
  ASSERT_EQ(board.tables.size(), 1u);
  const auto& rows = board.tables[0].rows;
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].explainer, "b");
  EXPECT_EQ(rows[0].rank, 1);
  EXPECT_NEAR(rows[0].metrics[0].mean, 0.75, 1e-12);
  EXPECT_EQ(rows[1].explainer, "a");
  EXPECT_EQ(rows[2].rank, 0);
  EXPECT_EQ(rows[2].infeasible, 1);
  const std::string markdown = leaderboard_markdown(board, "t");
  EXPECT_NE(markdown.find("infeasible: a reason"), std::string::npos) << markdown;
  EXPECT_NE(leaderboard_html(board, "t").find("<table>"), std::string::npos);
}

#ifdef SPEXBENCH_HAVE_XGBOOST  // the variants below are ProxySPEX's
TEST(Leaderboard, VariantsOfAMethodCarryADaggerAndSayWhatDeparts) {
  const std::vector<CellResult> cells = {cell("proxyspex", 0.9),
                                         cell("proxyspex:grid=fast,refit=adaptive_lasso", 0.95),
                                         cell("spex", 0.8)};
  const Leaderboard board = build_leaderboard(cells, {"r2"}, "r2");
  ASSERT_EQ(board.departures.size(), 1u);
  EXPECT_EQ(board.departures.at("proxyspex:grid=fast,refit=adaptive_lasso"),
            (std::vector<std::string>{"grid=fast", "refit=adaptive_lasso", "relax=auto"}));
  const std::string markdown = leaderboard_markdown(board, "t");
  EXPECT_NE(markdown.find("`proxyspex:grid=fast,refit=adaptive_lasso` †"), std::string::npos)
      << markdown;
  EXPECT_EQ(markdown.find("`proxyspex` †"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("† departs from its paper: `proxyspex:grid=fast,refit=adaptive_lasso` "
                          "(grid=fast, refit=adaptive_lasso, relax=auto)."),
            std::string::npos)
      << markdown;
  EXPECT_NE(leaderboard_html(board, "t").find("departs from its paper"), std::string::npos);
}
#endif

TEST(Leaderboard, TablesGoByTaskWithNumbersByValueThenBudget) {
  // Results files return cells in no particular order (their ids are hashes).
  std::vector<CellResult> cells;
  for (const auto& [task, budget] : std::vector<std::pair<std::string, std::int64_t>>{
           {"synthetic.hierarchical:n=256", 50},
           {"synthetic.hierarchical:n=128,variant=peak", 10},
           {"synthetic.hierarchical:n=64", 400},
           {"synthetic.hierarchical:n=128", 90},
           {"synthetic.hierarchical:n=64", 30},
           {"llm.sentiment:n=16", 5}}) {
    CellResult c = cell("a", 0.5);
    c.spec.task = task;
    c.spec.budget = budget;
    cells.push_back(c);
  }
  const Leaderboard board = build_leaderboard(cells, {"r2"}, "r2");
  std::vector<std::pair<std::string, std::int64_t>> order;
  for (const auto& table : board.tables) order.emplace_back(table.task, table.budget);
  EXPECT_EQ(order, (std::vector<std::pair<std::string, std::int64_t>>{
                       {"llm.sentiment:n=16", 5},
                       {"synthetic.hierarchical:n=64", 30},
                       {"synthetic.hierarchical:n=64", 400},
                       {"synthetic.hierarchical:n=128", 90},
                       {"synthetic.hierarchical:n=128,variant=peak", 10},
                       {"synthetic.hierarchical:n=256", 50}}));
}

TEST(Leaderboard, CurvesPutBudgetsInRowsAndExplainersInColumns) {
  std::vector<CellResult> cells;
  const auto add = [&](const std::string& task, const std::string& explainer, std::int64_t budget,
                       double r2, std::int64_t queries, CellStatus status = CellStatus::kOk) {
    CellResult c = cell(explainer, r2, status);
    c.spec.task = task;
    c.spec.budget = budget;
    c.counts.total = queries;
    cells.push_back(c);
  };
  add("synthetic.hierarchical:n=128", "spex", 1000, 0, 0, CellStatus::kInfeasible);
  add("synthetic.hierarchical:n=128", "spex", 8000, 1.0, 7872);
  add("synthetic.hierarchical:n=128", "proxyspex", 8000, 0.9, 8000);
  add("synthetic.hierarchical:n=128", "proxyspex", 8000, 0.8, 8000);
  add("synthetic.hierarchical:n=128", "proxyspex", 1000, 0.25, 1000);
  add("synthetic.hierarchical:n=64", "spex", 500, 0.5, 500);
  const Leaderboard board = build_leaderboard(cells, {"r2"}, "r2");
  const std::string markdown = curves_markdown(board, "t");
  const std::string expected =
      "## synthetic.hierarchical:n=64\n\n| budget | `spex` |\n|---|---|\n| 500 | 0.5000 |\n\n"
      "## synthetic.hierarchical:n=128\n\n| budget | `proxyspex` | `spex` |\n|---|---|---|\n"
      "| 1000 | 0.2500 | infeasible |\n| 8000 | 0.8500 | 1.0000 (7872) |\n";
  EXPECT_NE(markdown.find(expected), std::string::npos) << markdown;
  EXPECT_NE(curves_html(board, "t").find("<td>1.0000 (7872)</td>"), std::string::npos);
}

TEST(Leaderboard, BootstrapIntervalCoversTheMeanAndIsDeterministic) {
  const std::vector<double> values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  const auto [low, high] = bootstrap_interval(values, 7);
  EXPECT_LT(low, 5.5);
  EXPECT_GT(high, 5.5);
  EXPECT_EQ(bootstrap_interval(values, 7), std::make_pair(low, high));
  EXPECT_EQ(bootstrap_interval(std::vector<double>{3, 3, 3}, 1), std::make_pair(3.0, 3.0));
}

}  // namespace
}  // namespace spexbench
