#include <gtest/gtest.h>
#include <torch/torch.h>

#include "core/cell.h"
#include "core/error.h"
#include "core/metric.h"
#include "core/rng.h"
#include "core/task.h"

namespace spexbench {
namespace {

std::vector<double> values_of(Task& task, const MaskBatch& masks) {
  std::vector<double> values(masks.rows());
  task.evaluate(masks, values);
  return values;
}

TEST(LlmSentiment, SmallReviewsHaveTheModelsExactSpectrum) {
  const auto task = TaskRegistry::global().create("llm.sentiment:n=12", {.seed = 1});
  ASSERT_NE(task->ground_truth(), nullptr);
  EXPECT_EQ(task->ground_truth_kind(), TruthKind::kExact);
  Rng rng(2);
  const MaskBatch masks = uniform_masks(300, 12, rng);
  const std::vector<double> model = values_of(*task, masks);
  const std::vector<double> truth = task->ground_truth()->evaluate(masks);
  for (std::size_t r = 0; r < masks.rows(); ++r) EXPECT_NEAR(truth[r], model[r], 1e-5);
}

TEST(LlmSentiment, ValuesDoNotDependOnTheBatchOrTheThreads) {
  for (const int n : {8, 64, 300}) {
    const std::string base = "llm.sentiment:ground_truth=none,n=" + std::to_string(n);
    const auto whole = TaskRegistry::global().create(base + ",batch=256", {.seed = 3});
    const auto pieces = TaskRegistry::global().create(base + ",batch=7,threads=2", {.seed = 3});
    const auto single = TaskRegistry::global().create(base + ",batch=1,threads=3", {.seed = 3});
    Rng rng(4);
    const MaskBatch masks = uniform_masks(64, n, rng);
    const std::vector<double> reference = values_of(*whole, masks);
    EXPECT_EQ(values_of(*pieces, masks), reference) << n;
    EXPECT_EQ(values_of(*single, masks), reference) << n;
    // A mask's value alone, and among others in one call.
    std::vector<double> one(1);
    single->evaluate(masks.slice(17, 1), one);
    EXPECT_EQ(one[0], reference[17]) << n;
  }
}

TEST(LlmSentiment, TheTrainedModelComputesTheGrammarsInteractions) {
  // The grammar's largest intended interactions are among the largest Möbius terms of the trained
  // model's exact spectrum (recall@10 with the model's spectrum as the estimate).
  double recall = 0;
  int reviews = 0;
  for (std::uint64_t seed = 10; seed < 20; ++seed) {
    const auto exact = TaskRegistry::global().create("llm.sentiment:n=14", {.seed = seed});
    const auto intended =
        TaskRegistry::global().create("llm.sentiment:n=14,ground_truth=intended", {.seed = seed});
    const MaskBatch none(0, 14);
    const SparsePolynomial model = exact->ground_truth()->to_basis(Basis::kMobius);
    const MetricInput input{model, intended->ground_truth(), none, {}, TruthKind::kIntended};
    recall += MetricRegistry::global().create("recall_at_10")->compute(input).value();
    ++reviews;
  }
  std::cout << "mean recall@10 of the grammar's terms in the model's spectrum: " << recall / reviews
            << "\n";
  EXPECT_GE(recall / reviews, 0.6);
}

TEST(LlmSentiment, LongReviewsCarryTheIntendedInteractionsForRankingMetricsOnly) {
  const CellResult cell = run_cell({.task = "llm.sentiment:n=128",
                                    .explainer = "spex",
                                    .budget = 6000,
                                    .seed = 5,
                                    .holdout = 300});
  ASSERT_EQ(cell.status, CellStatus::kOk) << cell.error;
  EXPECT_EQ(cell.ground_truth_kind, TruthKind::kIntended);
  EXPECT_NE(cell.metric("recall_at_10"), nullptr);
  EXPECT_NE(cell.metric("kendall_tau"), nullptr);
  EXPECT_EQ(cell.metric("support_f1"), nullptr);
  EXPECT_EQ(cell.metric("sv_max_error"), nullptr);
  EXPECT_GT(cell.metric("r2")->value, 0.8);
}

TEST(LlmSentiment, BadParametersAreClearErrors) {
  auto message = [](const std::string& spec) -> std::string {
    try {
      (void)TaskRegistry::global().create(spec, {.seed = 1});
    } catch (const Error& e) {
      return e.what();
    }
    return "no error";
  };
  EXPECT_NE(message("llm.sentiment:n=4").find("n=4"), std::string::npos)
      << message("llm.sentiment:n=4");
  EXPECT_NE(
      message("llm.sentiment:n=40,ground_truth=exact").find("ground_truth=exact needs n <= 16"),
      std::string::npos);
  if (!torch::cuda::is_available()) {
    EXPECT_NE(message("llm.sentiment:n=8,device=cuda").find("device=cuda"), std::string::npos);
  }
}

}  // namespace
}  // namespace spexbench
