// A trained XGBoost model read from its JSON serialisation: the trees as arrays, and the margin
// they add up to. Shared by ProxySPEX's extraction (tree_spectrum.h) and by tabular.trees, whose
// value function and exact truth are the same trees (datasets/tabular).
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "core/bit_tree_spectrum.h"

namespace spexbench::proxyspex {

/// One regression tree as XGBoost stores it. Node u is a leaf when left[u] < 0, with value
/// condition[u]; otherwise a row goes left when its value of feature[u] is below condition[u]
/// (compared in float, as XGBoost does), and a missing value goes left when default_left[u].
struct XGBoostTree {
  std::vector<int> left, right, feature, default_left;
  std::vector<float> condition;

  [[nodiscard]] bool is_leaf(std::size_t u) const { return left[u] < 0; }
  /// The child a value of node u's feature leads to (NaN: missing).
  [[nodiscard]] int child(std::size_t u, float value) const;
};

struct XGBoostModel {
  int num_features = 0;
  double base_margin = 0;  ///< the base score in margin space (logit for binary:logistic)
  std::vector<XGBoostTree> trees;

  /// The margin (the sum of the leaves and base_margin, in double) on one row of num_features
  /// values (NaN: missing).
  [[nodiscard]] double margin(std::span<const float> row) const;
  /// Tree t as a tree over mask bits: bit j = 1 takes the branch of one_values[j], bit j = 0 the
  /// branch of zero_values[j] (NaN: missing, the default branch).
  [[nodiscard]] BitTree bit_tree(std::size_t t, std::span<const float> one_values,
                                 std::span<const float> zero_values) const;
};

/// Reads a gbtree model of one target with objective reg:squarederror, binary:logistic or
/// binary:logitraw, whose splits use features below n. Throws spexbench::Error naming what it
/// cannot read.
[[nodiscard]] XGBoostModel read_xgboost_model(std::string_view model_json, int n);

}  // namespace spexbench::proxyspex
