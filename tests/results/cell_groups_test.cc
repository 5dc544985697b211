#include "results/cell_groups.h"

#include <gtest/gtest.h>

#include <vector>

namespace spexbench {
namespace {

CellResult cell(const std::string& task, const std::string& explainer, std::int64_t budget,
                int instance) {
  CellResult out;
  out.spec.task = task;
  out.spec.explainer = explainer;
  out.spec.budget = budget;
  out.spec.instance = instance;
  return out;
}

TEST(CellGroups, GroupByTaskExplainerAndBudgetInOrderOfFirstAppearance) {
  const std::vector<CellResult> cells = {
      cell("t:n=8", "spex", 100, 0), cell("t:n=8", "lime", 100, 0), cell("t:n=8", "spex", 200, 0),
      cell("t:n=8", "spex", 100, 1), cell("u:n=4", "spex", 100, 0), cell("t:n=8", "lime", 100, 1)};
  const std::vector<CellGroup> groups = group_cells(cells);
  ASSERT_EQ(groups.size(), 4u);
  EXPECT_EQ(groups[0].key.text(), "t:n=8 | spex | 100");
  EXPECT_EQ(groups[1].key.text(), "t:n=8 | lime | 100");
  EXPECT_EQ(groups[2].key.text(), "t:n=8 | spex | 200");
  EXPECT_EQ(groups[3].key.text(), "u:n=4 | spex | 100");
  ASSERT_EQ(groups[0].cells.size(), 2u);
  EXPECT_EQ(groups[0].cells[0], &cells[0]);
  EXPECT_EQ(groups[0].cells[1], &cells[3]);
  ASSERT_EQ(groups[1].cells.size(), 2u);
  EXPECT_EQ(groups[1].cells[1], &cells[5]);
  EXPECT_TRUE(group_cells({}).empty());
}

}  // namespace
}  // namespace spexbench
