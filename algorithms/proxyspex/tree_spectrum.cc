#include "algorithms/proxyspex/tree_spectrum.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/error.h"

namespace spexbench::proxyspex {
namespace {

struct Tree {
  std::vector<int> left, right, feature;
  std::vector<double> condition;  // threshold at a split, value at a leaf
  std::vector<int> default_left;  // where a missing value goes: a 0 bit, absent from XGBoost's data
};

/// Spectrum of the subtree at `node` into `out` (scaled by `weight`), with `path` the features
/// fixed by splits above and `fixed` their values (-1: free).
void extract(const Tree& tree, int node, std::vector<std::uint32_t>& term, std::vector<int>& fixed,
             double weight, std::vector<std::pair<std::vector<std::uint32_t>, double>>& out) {
  const auto u = static_cast<std::size_t>(node);
  if (tree.left[u] < 0) {
    out.emplace_back(term, weight * tree.condition[u]);
    return;
  }
  const int j = tree.feature[u];
  const double threshold = tree.condition[u];
  // The booster's data hold the ones only (xgboost_booster.h): a 0 bit takes the default branch.
  const int zero_child = tree.default_left[u] != 0 ? tree.left[u] : tree.right[u];
  const int one_child = 1.0 < threshold ? tree.left[u] : tree.right[u];
  if (zero_child == one_child) {  // no dependence on x_j here
    extract(tree, zero_child, term, fixed, weight, out);
    return;
  }
  if (fixed[static_cast<std::size_t>(j)] >= 0) {  // x_j already decided above
    extract(tree, fixed[static_cast<std::size_t>(j)] == 0 ? zero_child : one_child, term, fixed,
            weight, out);
    return;
  }
  // f = (L + R)/2 + chi_j (L - R)/2: recurse into each child with its share of both terms.
  fixed[static_cast<std::size_t>(j)] = 0;
  extract(tree, zero_child, term, fixed, weight / 2, out);  // L/2 on S
  term.push_back(static_cast<std::uint32_t>(j));
  extract(tree, zero_child, term, fixed, weight / 2, out);  // L/2 on S ∪ {j}
  term.pop_back();
  fixed[static_cast<std::size_t>(j)] = 1;
  extract(tree, one_child, term, fixed, weight / 2, out);  // R/2 on S
  term.push_back(static_cast<std::uint32_t>(j));
  extract(tree, one_child, term, fixed, -weight / 2, out);  // -R/2 on S ∪ {j}
  term.pop_back();
  fixed[static_cast<std::size_t>(j)] = -1;
}

}  // namespace

SparsePolynomial tree_spectrum(std::string_view model_json, int n) {
  TermAccumulator spectrum(n, Basis::kFourier);
  try {
    const nlohmann::json model = nlohmann::json::parse(model_json);
    const auto& learner = model.at("learner");
    const double base_score =
        std::stod(learner.at("learner_model_param").at("base_score").get<std::string>());
    spectrum.add({}, base_score);
    std::vector<std::uint32_t> term;
    std::vector<int> fixed(static_cast<std::size_t>(n), -1);
    std::vector<std::pair<std::vector<std::uint32_t>, double>> leaves;
    for (const auto& json_tree : learner.at("gradient_booster").at("model").at("trees")) {
      Tree tree{json_tree.at("left_children").get<std::vector<int>>(),
                json_tree.at("right_children").get<std::vector<int>>(),
                json_tree.at("split_indices").get<std::vector<int>>(),
                json_tree.at("split_conditions").get<std::vector<double>>(),
                json_tree.at("default_left").get<std::vector<int>>()};
      SPEXBENCH_CHECK(tree.right.size() == tree.left.size() &&
                          tree.feature.size() == tree.left.size() &&
                          tree.condition.size() == tree.left.size() &&
                          tree.default_left.size() == tree.left.size(),
                      "proxyspex: a tree of the XGBoost model has node arrays of unequal lengths");
      for (std::size_t u = 0; u < tree.left.size(); ++u)
        SPEXBENCH_CHECK(tree.left[u] < 0 || (tree.feature[u] >= 0 && tree.feature[u] < n),
                        "proxyspex: tree splits on feature ", tree.feature[u], " of n=", n);
      leaves.clear();
      extract(tree, 0, term, fixed, 1.0, leaves);
      for (auto& [features, value] : leaves) {
        std::sort(features.begin(), features.end());
        spectrum.add(features, value);
      }
    }
  } catch (const nlohmann::json::exception& e) {
    throw Error(str_cat("proxyspex: cannot read the XGBoost model: ", e.what()));
  }
  return std::move(spectrum).finish();
}

}  // namespace spexbench::proxyspex
