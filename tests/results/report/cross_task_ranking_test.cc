#include "results/report/cross_task_ranking.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "results/report/critical_difference_diagram.h"

namespace spexbench {
namespace {

CellResult cell(const std::string& explainer, int instance, std::optional<double> r2,
                const std::string& task = "synthetic.soum:n=8,s=2,d=2", int repetition = 0) {
  CellResult c;
  c.spec.task = task;
  c.spec.explainer = explainer;
  c.spec.budget = 100;
  c.spec.instance = instance;
  c.spec.repetition = repetition;
  c.status = r2 ? CellStatus::kOk : CellStatus::kError;
  if (r2) c.metrics.push_back({"r2", *r2, 1});
  return c;
}

TEST(CrossTaskRanking, MeanRanksOverProblemsWithFailuresLast) {
  // Four problems. "a" best in three, "b" best in one; "c" failed on problem 3, and is last there.
  std::vector<CellResult> cells;
  const double a[] = {0.9, 0.8, 0.7, 0.2}, b[] = {0.5, 0.6, 0.1, 0.9};
  const std::optional<double> c[] = {0.1, 0.7, std::nullopt, 0.3};
  for (int i = 0; i < 4; ++i) {
    cells.push_back(cell("a", i, a[i]));
    cells.push_back(cell("b", i, b[i]));
    cells.push_back(cell("c", i, c[i]));
  }
  // "d" ran on one problem only: left out and named.
  cells.push_back(cell("d", 0, 1.0));
  const CrossTaskRanking ranking = rank_across_tasks(cells, "r2");
  ASSERT_TRUE(ranking.no_ranking.empty()) << ranking.no_ranking;
  EXPECT_EQ(ranking.problems, 4);
  EXPECT_EQ(ranking.all_problems, 4);
  // Ranks a: 1, 1, 1, 3 (mean 1.5); b: 2, 3, 2, 1 (2); c: 3, 2, 3, 2 (2.5).
  EXPECT_EQ(ranking.explainers, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(ranking.mean_ranks, (std::vector<double>{1.5, 2, 2.5}));
  EXPECT_EQ(ranking.ranked_last, (std::vector<int>{0, 0, 1}));
  ASSERT_EQ(ranking.left_out.size(), 1u);
  EXPECT_EQ(ranking.left_out[0], (std::pair<std::string, int>{"d", 1}));
  ASSERT_TRUE(ranking.friedman.has_value());
  // chi^2 = 12 * 4 / (3 * 4) * (2.25 + 4 + 6.25 - 12) = 2.
  EXPECT_NEAR(ranking.friedman->chi_square, 2, 1e-12);
  // CD = 2.343 * sqrt(3 * 4 / 24) = 1.657: all three within it, one group.
  EXPECT_NEAR(ranking.critical_difference, 2.3437 * std::sqrt(0.5), 1e-3);
  EXPECT_EQ(ranking.groups, (std::vector<std::pair<std::size_t, std::size_t>>{{0, 2}}));
  const std::string markdown = cross_task_ranking_markdown(ranking);
  EXPECT_NE(markdown.find("| 1 | `a` | 1.50 | a | 0 |"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("d (1)"), std::string::npos) << markdown;
  const std::string svg = critical_difference_svg(ranking);
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  for (const char* label : {">a (1.50)<", ">b (2.00)<", ">c (2.50)<", "CD = 1.66"})
    EXPECT_NE(svg.find(label), std::string::npos) << label << "\n" << svg;
}

TEST(CrossTaskRanking, RepetitionsAverageAndAnyFailedRepetitionRanksLast) {
  // Problem 0: a's repetitions average 0.5, below b's 0.6; problem 1: a's second repetition failed.
  const std::vector<CellResult> cells = {
      cell("a", 0, 0.9, "t", 0), cell("a", 0, 0.1, "t", 1),          cell("b", 0, 0.6, "t", 0),
      cell("a", 1, 0.9, "t", 0), cell("a", 1, std::nullopt, "t", 1), cell("b", 1, 0.2, "t", 0)};
  const CrossTaskRanking ranking = rank_across_tasks(cells, "r2");
  EXPECT_EQ(ranking.explainers, (std::vector<std::string>{"b", "a"}));
  EXPECT_EQ(ranking.mean_ranks, (std::vector<double>{1, 2}));
  EXPECT_EQ(ranking.ranked_last, (std::vector<int>{0, 1}));
  // Two problems ranked alike: the Friedman statistic is at its maximum and the groups are apart
  // only if the critical difference (2.77 * sqrt(1 / 2)) allows: here it does not.
  EXPECT_EQ(ranking.friedman->p_value, 0);
  EXPECT_EQ(ranking.groups.size(), 1u);
}

TEST(CrossTaskRanking, SaysWhyThereIsNoRanking) {
  EXPECT_EQ(rank_across_tasks(std::vector<CellResult>{cell("a", 0, 0.5), cell("a", 1, 0.6)}, "r2")
                .no_ranking,
            "fewer than 2 explainers ran on every problem");
  const CrossTaskRanking one =
      rank_across_tasks(std::vector<CellResult>{cell("a", 0, 0.5), cell("b", 0, 0.6)}, "r2");
  EXPECT_EQ(one.no_ranking, "fewer than 2 problems have a value of r2");
  EXPECT_TRUE(critical_difference_svg(one).empty());
  EXPECT_NE(cross_task_ranking_markdown(one).find("No ranking: fewer than 2 problems"),
            std::string::npos);
  EXPECT_THROW((void)rank_across_tasks(std::vector<CellResult>{}, "no_such_metric"), Error);
}

TEST(CrossTaskRanking, AgainstAReferenceCountsWinsTiesAndLossesWithHolm) {
  // "a" beats "ref" on all 8 problems; "b" ties on 2 (within 1e-9) and loses on 6, one of them by
  // failing; "c" ran on 3 problems only and is compared on those.
  std::vector<CellResult> cells;
  for (int i = 0; i < 8; ++i) {
    const double base = 0.5 + 0.01 * i;
    cells.push_back(cell("ref", i, base));
    cells.push_back(cell("a", i, base + 0.1 + 0.001 * i));
    cells.push_back(cell("b", i,
                         i < 2    ? std::optional<double>(base + 1e-12)
                         : i == 7 ? std::nullopt
                                  : std::optional<double>(base - 0.02 * i)));
    if (i < 3) cells.push_back(cell("c", i, base + 0.05 + 0.01 * i));
  }
  const ReferenceComparison comparison = compare_with_reference(cells, "r2", "ref");
  ASSERT_EQ(comparison.rows.size(), 3u);
  const ReferenceRow &a = comparison.rows[0], &b = comparison.rows[1], &c = comparison.rows[2];
  EXPECT_EQ(a.explainer, "a");
  EXPECT_EQ((std::array{a.problems, a.wins, a.ties, a.losses}), (std::array{8, 8, 0, 0}));
  EXPECT_NEAR(a.p_value, 2.0 / 256, 1e-15);  // exact: every sign positive
  EXPECT_EQ((std::array{b.problems, b.wins, b.ties, b.losses}), (std::array{8, 0, 2, 6}));
  EXPECT_EQ((std::array{c.problems, c.wins, c.ties, c.losses}), (std::array{3, 3, 0, 0}));
  EXPECT_NEAR(c.p_value, 2.0 / 8, 1e-15);
  // Holm: a's 0.0078 is the smallest of three (x3), b's next; c's 0.25 stays at least that.
  EXPECT_NEAR(a.p_holm, 3 * a.p_value, 1e-15);
  EXPECT_EQ(a.verdict(0.05), "better");
  EXPECT_EQ(c.verdict(0.05), "");
  EXPECT_GE(c.p_holm, c.p_value);
  const std::string markdown = reference_comparison_markdown(comparison);
  EXPECT_NE(markdown.find("| `a` | 8 | 8 | 0 | 0 |"), std::string::npos) << markdown;
  EXPECT_THROW(
      {
        try {
          (void)compare_with_reference(cells, "r2", "spex");
        } catch (const Error& e) {
          EXPECT_NE(std::string(e.what()).find("'spex'; the explainers are: a b c ref"),
                    std::string::npos)
              << e.what();
          throw;
        }
      },
      Error);
}

}  // namespace
}  // namespace spexbench
