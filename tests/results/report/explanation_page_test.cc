#include "results/report/explanation_page.h"

#include <gtest/gtest.h>

namespace spexbench {
namespace {

CellResult word_cell() {
  CellResult cell;
  cell.id = "0123456789abcdef";
  cell.spec.task = "llm.sentiment:n=4";
  cell.spec.explainer = "spex";
  cell.spec.budget = 100;
  cell.num_features = 4;
  cell.component_names = {"not@0", "good", "<b>", "not@3"};
  SparsePolynomial f(4, Basis::kMobius);
  f.add_term({}, 0.5);
  f.add_term({0, 1}, -2.31);
  f.add_term({1}, 1.5);
  f.canonicalize();
  cell.estimate = f;
  return cell;
}

TEST(ExplanationPage, MarksTheWordsOfTheTopInteractionsInTheText) {
  const std::string page = explanation_page(word_cell());
  // The repeated word reads without its index in the text; its interactions are its title.
  EXPECT_NE(page.find("<mark title=\"{not@0, good}: -2.31\">not</mark>"), std::string::npos)
      << page;
  EXPECT_NE(page.find("<mark title=\"{not@0, good}: -2.31; {good}: 1.5\">good</mark>"),
            std::string::npos)
      << page;
  EXPECT_NE(page.find(" &lt;b&gt; not</p>"), std::string::npos) << page;  // unmarked, escaped
  EXPECT_NE(page.find("{not@0, good}</text>"), std::string::npos);        // a bar, named
  EXPECT_EQ(page.find("<script"), std::string::npos);
}

TEST(ExplanationPage, OtherTasksHaveNoTextAndEveryCellWithAnExplanationIsLinked) {
  CellResult table = word_cell();
  table.spec.task = "tabular.trees:dataset=wine";
  EXPECT_EQ(explanation_page(table).find("The text"), std::string::npos);
  CellResult failed;
  failed.id = "fedcba9876543210";
  const std::vector<CellResult> cells{table, failed};
  const std::string links = explanation_links_html(cells, "r.explanations");
  EXPECT_NE(links.find("href=\"r.explanations/0123456789abcdef.html\""), std::string::npos);
  EXPECT_EQ(links.find("fedcba9876543210"), std::string::npos);
}

}  // namespace
}  // namespace spexbench
