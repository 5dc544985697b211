#include "algorithms/proxyspex/xgboost_model.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/error.h"

namespace spexbench::proxyspex {

int XGBoostTree::child(std::size_t u, float value) const {
  if (std::isnan(value)) return default_left[u] != 0 ? left[u] : right[u];
  return value < condition[u] ? left[u] : right[u];
}

double XGBoostModel::margin(std::span<const float> row) const {
  double sum = base_margin;
  for (const XGBoostTree& tree : trees) {
    std::size_t u = 0;
    while (!tree.is_leaf(u))
      u = static_cast<std::size_t>(tree.child(u, row[static_cast<std::size_t>(tree.feature[u])]));
    sum += tree.condition[u];
  }
  return sum;
}

BitTree XGBoostModel::bit_tree(std::size_t t, std::span<const float> one_values,
                               std::span<const float> zero_values) const {
  const XGBoostTree& tree = trees[t];
  const std::size_t nodes = tree.left.size();
  BitTree out{tree.feature, std::vector<int>(nodes, -1), std::vector<int>(nodes, -1),
              std::vector<double>(nodes, 0.0)};
  for (std::size_t u = 0; u < nodes; ++u) {
    if (tree.is_leaf(u)) {
      out.leaf_value[u] = tree.condition[u];
      continue;
    }
    const auto j = static_cast<std::size_t>(tree.feature[u]);
    out.zero_child[u] = tree.child(u, zero_values[j]);
    out.one_child[u] = tree.child(u, one_values[j]);
  }
  return out;
}

XGBoostModel read_xgboost_model(std::string_view model_json, int n) {
  XGBoostModel model;
  model.num_features = n;
  try {
    const nlohmann::json json = nlohmann::json::parse(model_json);
    const auto& learner = json.at("learner");
    const double base_score =
        std::stod(learner.at("learner_model_param").at("base_score").get<std::string>());
    const std::string objective = learner.at("objective").at("name").get<std::string>();
    if (objective == "reg:squarederror") {
      model.base_margin = base_score;
    } else if (objective == "binary:logistic" || objective == "binary:logitraw") {
      // XGBoost keeps a logistic model's base score as a probability; margins start at its logit.
      SPEXBENCH_CHECK(base_score > 0 && base_score < 1, "XGBoost model: base_score ", base_score,
                      " of a logistic model is not a probability");
      model.base_margin = std::log(base_score / (1 - base_score));
    } else {
      throw Error(str_cat("XGBoost model: objective '", objective,
                          "' is not read (reg:squarederror, binary:logistic, binary:logitraw)"));
    }
    for (const auto& json_tree : learner.at("gradient_booster").at("model").at("trees")) {
      XGBoostTree tree{json_tree.at("left_children").get<std::vector<int>>(),
                       json_tree.at("right_children").get<std::vector<int>>(),
                       json_tree.at("split_indices").get<std::vector<int>>(),
                       json_tree.at("default_left").get<std::vector<int>>(),
                       json_tree.at("split_conditions").get<std::vector<float>>()};
      const std::size_t nodes = tree.left.size();
      SPEXBENCH_CHECK(nodes > 0 && tree.right.size() == nodes && tree.feature.size() == nodes &&
                          tree.condition.size() == nodes && tree.default_left.size() == nodes,
                      "XGBoost model: a tree has node arrays of unequal lengths or no nodes");
      // Children after their parent (as XGBoost numbers them): every walk ends.
      const auto later = [&](std::size_t u, int c) {
        return c > static_cast<int>(u) && static_cast<std::size_t>(c) < nodes;
      };
      for (std::size_t u = 0; u < nodes; ++u) {
        if (tree.is_leaf(u)) continue;
        SPEXBENCH_CHECK(later(u, tree.left[u]) && later(u, tree.right[u]), "XGBoost model: node ",
                        u, " has a child that is not a later node of the ", nodes);
        SPEXBENCH_CHECK(tree.feature[u] >= 0 && tree.feature[u] < n,
                        "XGBoost model: a tree splits on feature ", tree.feature[u], " of n=", n);
      }
      model.trees.push_back(std::move(tree));
    }
  } catch (const nlohmann::json::exception& e) {
    throw Error(str_cat("cannot read the XGBoost model: ", e.what()));
  }
  return model;
}

}  // namespace spexbench::proxyspex
