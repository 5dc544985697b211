#include "results/compare/identical_cells.h"

#include <gtest/gtest.h>

#include <cmath>

namespace spexbench {
namespace {

std::vector<CellResult> two_cells() {
  std::vector<CellResult> out(2);
  for (std::size_t i = 0; i < out.size(); ++i) {
    CellResult& c = out[i];
    c.id = std::to_string(1000 + i);
    c.spec.task = std::string(1, 't');
    c.spec.explainer = std::string(1, 'e');
    c.spec.budget = 100;
    c.counts.total = c.counts.unique = 100;
    c.metrics.push_back({"r2", 0.5 + 0.1 * static_cast<double>(i), 1});
    c.metrics.push_back({"nmse", std::nan(""), 1});
    c.estimate = SparsePolynomial(4, Basis::kFourier);
    c.estimate->add_term({1, 2}, 0.25);
    c.explainer_info = {{"fold_proxies_seconds", "0.5"}, {"peeled", "3"}};
  }
  return out;
}

TEST(IdenticalCells, TimesOrderAndNanAsideEqualFilesHaveNoDifference) {
  const auto base = two_cells();
  auto other = two_cells();
  std::swap(other[0], other[1]);
  for (CellResult& c : other) {
    c.algorithm_seconds = 3;
    c.wall_seconds = 4;
    c.code_version = std::to_string(42);
    c.explainer_info[0].second = std::to_string(9);
  }
  EXPECT_TRUE(cell_differences(base, other).empty());
}

TEST(IdenticalCells, NamesEveryKindOfDifference) {
  const auto base = two_cells();
  auto expect_difference = [&](const auto& change, const std::string& what) {
    auto other = two_cells();
    change(other);
    const auto differences = cell_differences(base, other);
    ASSERT_EQ(differences.size(), 1u) << what;
    EXPECT_NE(differences[0].find(what), std::string::npos) << differences[0];
  };
  expect_difference([](auto& c) { c[0].metrics[0].value = std::nextafter(0.5, 1.0); }, "metric r2");
  expect_difference([](auto& c) { c[1].counts.unique = 99; }, "queries");
  expect_difference([](auto& c) { c[0].status = CellStatus::kError; }, "status");
  expect_difference([](auto& c) { c[0].estimate->add_term({3}, 1e-300); }, "estimate");
  expect_difference([](auto& c) { c[1].explainer_info[1].second = std::to_string(4); },
                    "explainer info");
  expect_difference([](auto& c) { c.pop_back(); }, "only in the first file");
  auto extra = two_cells();
  extra.push_back(extra.back());
  extra.back().id = std::to_string(2000);
  EXPECT_NE(cell_differences(base, extra).at(0).find("only in the second file"), std::string::npos);
}

}  // namespace
}  // namespace spexbench
