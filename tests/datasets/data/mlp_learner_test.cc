// data.subsets' MLP (datasets/data/mlp_learner.cc), in the libtorch test binary.
#include "datasets/data/mlp_learner.h"

#include <gtest/gtest.h>

#include "core/cell.h"
#include "core/rng.h"
#include "core/task.h"

namespace spexbench::data {
namespace {

GroupDataset small_dataset() { return planted_dataset(6, 3, 4, /*seed=*/11); }

MaskBatch random_masks(std::size_t rows, int n, std::uint64_t seed) {
  Rng rng(seed);
  return uniform_masks(rows, n, rng);
}

/// The same training written with autograd and torch::optim::Adam, one subset at a time.
double autograd_margin(const GroupDataset& data, const MlpOptions& options,
                       const std::vector<torch::Tensor>& initial, const MaskBatch& masks,
                       std::size_t row) {
  std::vector<std::int64_t> kept;
  for (std::size_t i = 0; i < data.labels.size(); ++i)
    if (masks.get(row, data.group[i])) kept.push_back(static_cast<std::int64_t>(i));
  if (kept.empty()) return 0.0;
  torch::Tensor x =
      torch::empty({static_cast<std::int64_t>(kept.size()), data.features.cols()}, torch::kFloat64);
  torch::Tensor y = torch::empty({static_cast<std::int64_t>(kept.size())}, torch::kInt64);
  for (std::size_t k = 0; k < kept.size(); ++k) {
    for (Eigen::Index j = 0; j < data.features.cols(); ++j)
      x[static_cast<std::int64_t>(k)][j] = data.features(kept[k], j);
    y[static_cast<std::int64_t>(k)] = data.labels[static_cast<std::size_t>(kept[k])];
  }
  std::vector<torch::Tensor> params;
  for (const auto& p : initial) params.push_back(p.clone().requires_grad_(true));
  torch::optim::Adam adam(params, torch::optim::AdamOptions(options.learning_rate));
  const auto size = static_cast<double>(kept.size());
  for (int step = 0; step < options.epochs; ++step) {
    adam.zero_grad();
    const torch::Tensor logits =
        torch::relu(x.matmul(params[0]) + params[1]).matmul(params[2]) + params[3];
    torch::Tensor loss = torch::nn::functional::cross_entropy(
        logits, y, torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum));
    for (const auto& p : params) loss = loss + options.l2 / 2 * p.pow(2).sum();
    (loss / size).backward();
    adam.step();
  }
  torch::NoGradGuard no_grad;
  torch::Tensor test = torch::empty({1, data.features.cols()}, torch::kFloat64);
  for (Eigen::Index j = 0; j < data.features.cols(); ++j) test[0][j] = data.test_features(j);
  const torch::Tensor z =
      (torch::relu(test.matmul(params[0]) + params[1]).matmul(params[2]) + params[3])[0];
  double best_other = -INFINITY;
  for (int c = 0; c < data.classes; ++c)
    if (c != data.test_label) best_other = std::max(best_other, z[c].item<double>());
  return z[data.test_label].item<double>() - best_other;
}

TEST(MlpLearner, EqualsAutogradWithTorchsAdam) {
  const GroupDataset data = small_dataset();
  const MlpOptions options{
      .hidden = 5, .epochs = 40, .learning_rate = 0.05, .l2 = 0.5, .batch = 4, .seed = 3};
  MlpLearner learner(data, options);
  const MaskBatch masks = random_masks(6, data.groups, 5);
  std::vector<double> margins(masks.rows());
  learner.margins(masks, margins);
  for (std::size_t r = 0; r < masks.rows(); ++r) {
    const double expected = autograd_margin(data, options, learner.initial_parameters(), masks, r);
    EXPECT_NEAR(margins[r], expected, 1e-9 * (1 + std::abs(expected))) << "mask " << r;
  }
}

TEST(MlpLearner, ValuesDoNotDependOnTheBatchOrThreads) {
  const GroupDataset data = small_dataset();
  const MaskBatch masks = random_masks(20, data.groups, 6);
  std::vector<double> reference;
  for (const auto& [batch, threads] : std::vector<std::pair<int, int>>{{1, 1}, {7, 1}, {64, 2}}) {
    MlpLearner learner(data, {.epochs = 30, .batch = batch, .threads = threads, .seed = 4});
    std::vector<double> margins(masks.rows());
    learner.margins(masks, margins);
    if (reference.empty()) reference = margins;
    EXPECT_EQ(margins, reference) << "batch " << batch << ", threads " << threads;
  }
}

TEST(MlpLearner, EmptySubsetHasMarginZeroAndTheFullSetPredictsTheTestPoint) {
  const GroupDataset data = small_dataset();
  MlpLearner learner(data, {.epochs = 200, .seed = 1});
  MaskBatch masks(2, data.groups);
  for (int g = 0; g < data.groups; ++g) masks.set(1, g, true);
  std::vector<double> margins(2);
  learner.margins(masks, margins);
  EXPECT_EQ(margins[0], 0.0);
  EXPECT_GT(margins[1], 0.0);  // the planted test point sits in its class's region
}

TEST(MlpLearner, DataSubsetsTrainsItThroughTheRegistry) {
  const CellResult cell = run_cell({.task = "data.subsets:n=6,model=mlp,epochs=50,points=3",
                                    .explainer = "exhaustive",
                                    .budget = 64,
                                    .holdout = 50});
  ASSERT_EQ(cell.status, CellStatus::kOk) << cell.error;
  EXPECT_NEAR(cell.metric("r2")->value, 1.0, 1e-9);
  EXPECT_EQ(cell.metric("support_f1")->value, 1.0);
}

}  // namespace
}  // namespace spexbench::data
