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

}  // namespace
}  // namespace spexbench
