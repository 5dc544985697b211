#include "results/summary.h"

#include <gtest/gtest.h>

namespace spexbench {
namespace {

TEST(Summary, TableRowsGoByTaskWithNumbersByValue) {
  std::vector<CellResult> cells;
  for (const char* task :
       {"synthetic.soum:n=128", "synthetic.soum:n=64", "synthetic.soum:n=1024"}) {
    CellResult cell;
    cell.spec.task = task;
    cell.spec.explainer = "spex";
    cell.spec.budget = 100;
    cell.metrics.push_back({"r2", 0.5, 1});
    cells.push_back(cell);
  }
  const std::string table = summary_table(cells);
  const auto n64 = table.find("n=64 "), n128 = table.find("n=128 "), n1024 = table.find("n=1024 ");
  ASSERT_NE(n64, std::string::npos) << table;
  EXPECT_LT(n64, n128) << table;
  EXPECT_LT(n128, n1024) << table;
}

CellResult scored(const std::string& explainer, std::int64_t budget, double r2) {
  CellResult cell;
  cell.spec.task = std::string("t");
  cell.spec.explainer = explainer;
  cell.spec.budget = budget;
  cell.algorithm_seconds = 0.000123456;
  cell.metrics.push_back({"r2", r2, 1});
  return cell;
}

CellResult infeasible(const std::string& explainer, const std::string& reason) {
  CellResult cell = scored(explainer, 100, 0);
  cell.metrics.clear();
  cell.status = CellStatus::kInfeasible;
  cell.error = explainer + ": " + reason;
  return cell;
}

TEST(Summary, RanksWithinTaskAndBudgetAndSaysEachReasonOnce) {
  const std::vector<CellResult> cells = {
      scored("a", 100, 0.5),        scored("b", 100, 0.9),
      scored("a", 200, 0.95),       scored("b", 200, 0.7),
      infeasible("c", "too small"), infeasible("c", "too small"),
      infeasible("d", "too small"), infeasible("e", "another reason")};
  const std::string table = summary_table(cells);
  // Budget 100: b (0.9) before a (0.5), then the rows without R^2; budget 200: a before b.
  const auto b100 = table.find("t        100     1  b "),
             a100 = table.find("t        100     2  a ");
  const auto c100 = table.find("t        100     -  c "),
             a200 = table.find("t        200     1  a ");
  ASSERT_NE(b100, std::string::npos) << table;
  ASSERT_NE(a100, std::string::npos) << table;
  ASSERT_NE(c100, std::string::npos) << table;
  ASSERT_NE(a200, std::string::npos) << table;
  EXPECT_LT(b100, a100);
  EXPECT_LT(a100, c100);
  EXPECT_LT(c100, a200);
  EXPECT_NE(table.find("0.000123"), std::string::npos) << table;  // 3 significant digits
  EXPECT_NE(table.find("note: 3 cells infeasible: too small [c at budget 100 on t; d at budget 100 "
                       "on t]\n"),
            std::string::npos)
      << table;
  EXPECT_NE(table.find("note: 1 cell infeasible: another reason [e at budget 100 on t]\n"),
            std::string::npos)
      << table;
}

}  // namespace
}  // namespace spexbench
