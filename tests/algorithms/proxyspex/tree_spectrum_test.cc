#include "algorithms/proxyspex/tree_spectrum.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "algorithms/proxyspex/xgboost_booster.h"
#include "core/error.h"
#include "core/rng.h"
#include "core/task.h"

namespace spexbench::proxyspex {
namespace {

/// The model's value on a mask by walking every tree from its JSON, summing in double precision.
/// The booster's data hold the ones only, so a 0 bit is a missing value and takes the default
/// branch. Thresholds and leaves are float32 in the model, printed to 9 digits: read as floats.
double walk(const nlohmann::json& model, const MaskBatch& masks, std::size_t r) {
  const auto& learner = model.at("learner");
  double sum = std::stod(learner.at("learner_model_param").at("base_score").get<std::string>());
  for (const auto& tree : learner.at("gradient_booster").at("model").at("trees")) {
    const auto left = tree.at("left_children").get<std::vector<int>>();
    const auto right = tree.at("right_children").get<std::vector<int>>();
    const auto feature = tree.at("split_indices").get<std::vector<int>>();
    const auto condition = tree.at("split_conditions").get<std::vector<float>>();
    const auto default_left = tree.at("default_left").get<std::vector<int>>();
    std::size_t node = 0;
    while (left[node] >= 0) {
      const bool go_left =
          masks.get(r, feature[node]) ? 1.0f < condition[node] : default_left[node] != 0;
      node = static_cast<std::size_t>(go_left ? left[node] : right[node]);
    }
    sum += condition[node];
  }
  return sum;
}

TEST(TreeSpectrum, EqualsTheTreesOnEveryMask) {
  // The extracted polynomial against an exact walk of the same trees, 1,000 masks, 1e-9.
  for (const int depth : {3, 5}) {
    const auto task =
        TaskRegistry::global().create("synthetic.hierarchical:n=40,sets=6,d=4", {.seed = 2});
    Rng rng(3);
    const MaskBatch train = uniform_masks(1500, 40, rng);
    std::vector<double> y(train.rows());
    task->evaluate(train, y);
    const Booster booster(
        train, y,
        {.max_depth = depth, .learning_rate = 0.1, .trees = 300, .threads = 1, .seed = 4});
    const std::string json = booster.model_json();
    const SparsePolynomial spectrum = tree_spectrum(json, 40);
    const nlohmann::json model = nlohmann::json::parse(json);
    const MaskBatch test = uniform_masks(1000, 40, rng);
    const std::vector<double> extracted = spectrum.evaluate(test);
    double worst = 0;
    for (std::size_t r = 0; r < test.rows(); ++r)
      worst = std::max(worst, std::abs(walk(model, test, r) - extracted[r]));
    EXPECT_LT(worst, 1e-9) << "depth " << depth;
    EXPECT_LE(spectrum.max_degree(), static_cast<std::size_t>(depth));
  }
}

TEST(TreeSpectrum, ReproducesTheBoostersOwnPredictions) {
  // XGBoost sums leaves in float32, whose rounding at values of order 10 is already 1e-6; on a
  // function of order 0.1 with 30 trees it stays far below, so the extracted polynomial must
  // match the booster's own predictions on 1,000 masks to 1e-6.
  const auto task = TaskRegistry::global().create(
      "synthetic.sparse_fourier:n=40,s=12,d=3,law=uniform,lo=-0.05,hi=0.05", {.seed = 5});
  Rng rng(6);
  const MaskBatch train = uniform_masks(1500, 40, rng);
  std::vector<double> y(train.rows());
  task->evaluate(train, y);
  const Booster booster(
      train, y, {.max_depth = 5, .learning_rate = 0.3, .trees = 30, .threads = 1, .seed = 7});
  const SparsePolynomial spectrum = tree_spectrum(booster.model_json(), 40);
  const MaskBatch test = uniform_masks(1000, 40, rng);
  const std::vector<double> predicted = booster.predict(test);
  const std::vector<double> extracted = spectrum.evaluate(test);
  double worst = 0;
  for (std::size_t r = 0; r < test.rows(); ++r)
    worst = std::max(worst, std::abs(predicted[r] - extracted[r]));
  RecordProperty("max_abs_difference", std::to_string(worst));
  EXPECT_LT(worst, 1e-6);
}

std::string model_with_tree(const std::string& tree) {
  return R"({"learner": {"learner_model_param": {"base_score": "0.25"},
             "objective": {"name": "reg:squarederror"},
             "gradient_booster": {"model": {"trees": [)" +
         tree + "]}}}}";
}

TEST(TreeSpectrum, FollowsThresholdsDefaultBranchesAndRepeatedSplits) {
  // A 0 bit takes a split's default branch, a 1 bit its threshold. Node 0 splits x1 at 0.5: x1 = 0
  // goes to the default, left, node 1, a repeated split on x1 that must follow x1 = 0 to its
  // default, left, leaf (2.0); x1 = 1 goes right to node 2, splitting x0 at threshold 2 (> 1) with
  // default left: both values go left, to 5.0. So f = 0.25 + 2 (1 - x1) + 5 x1 = 2.25 + 3 x1.
  const std::string tree = R"({"left_children": [1, 3, 5, -1, -1, -1, -1],
      "right_children": [2, 4, 6, -1, -1, -1, -1], "split_indices": [1, 1, 0, 0, 0, 0, 0],
      "split_conditions": [0.5, 0.5, 2.0, 2.0, -7.0, 5.0, -9.0],
      "default_left": [1, 1, 1, 0, 0, 0, 0]})";
  const SparsePolynomial f = tree_spectrum(model_with_tree(tree), 3);
  const MaskBatch all = enumerate_masks(3, 0, 8);
  const std::vector<double> values = f.evaluate(all);
  for (std::size_t x = 0; x < 8; ++x) EXPECT_DOUBLE_EQ(values[x], (x & 2) ? 5.25 : 2.25) << x;
}

TEST(TreeSpectrum, UnreadableModelsAreErrors) {
  EXPECT_THROW((void)tree_spectrum("{}", 3), Error);
  EXPECT_THROW((void)tree_spectrum(model_with_tree(R"({"left_children": [1, -1, -1],
      "right_children": [2, -1, -1], "split_indices": [7, 0, 0], "split_conditions": [0.5, 1, 2],
      "default_left": [1, 0, 0]})"),
                                   3),
               Error);
  EXPECT_THROW((void)tree_spectrum(model_with_tree(R"({"left_children": [1, -1, -1],
      "right_children": [2, -1, -1], "split_indices": [0, 0, 0], "split_conditions": [0.5, 1, 2],
      "default_left": [1]})"),
                                   3),
               Error);
}

}  // namespace
}  // namespace spexbench::proxyspex
