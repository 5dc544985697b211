#include "core/bit_tree_spectrum.h"

#include <algorithm>

#include "core/error.h"

namespace spexbench {
namespace {

class Extraction {
 public:
  Extraction(const BitTree& tree, int n, TermAccumulator& spectrum)
      : tree_(tree), fixed_(static_cast<std::size_t>(n), -1), spectrum_(spectrum) {}

  /// Spectrum of the subtree at `node`, scaled by `weight`, on top of the path's term; fixed_
  /// holds the bits decided by splits above (-1: free).
  void extract(int node, double weight) {
    const auto u = static_cast<std::size_t>(node);
    if (tree_.zero_child[u] < 0) {
      sorted_ = term_;
      std::sort(sorted_.begin(), sorted_.end());
      spectrum_.add(sorted_, weight * tree_.leaf_value[u]);
      return;
    }
    const auto j = static_cast<std::size_t>(tree_.feature[u]);
    const int zero_child = tree_.zero_child[u], one_child = tree_.one_child[u];
    if (zero_child == one_child) {  // no dependence on bit j here
      extract(zero_child, weight);
      return;
    }
    if (fixed_[j] >= 0) {  // bit j already decided above
      extract(fixed_[j] == 0 ? zero_child : one_child, weight);
      return;
    }
    // f = (L + R)/2 + chi_j (L - R)/2: recurse into each child with its share of both terms.
    fixed_[j] = 0;
    extract(zero_child, weight / 2);  // L/2 on S
    term_.push_back(static_cast<std::uint32_t>(j));
    extract(zero_child, weight / 2);  // L/2 on S ∪ {j}
    term_.pop_back();
    fixed_[j] = 1;
    extract(one_child, weight / 2);  // R/2 on S
    term_.push_back(static_cast<std::uint32_t>(j));
    extract(one_child, -weight / 2);  // -R/2 on S ∪ {j}
    term_.pop_back();
    fixed_[j] = -1;
  }

 private:
  const BitTree& tree_;
  std::vector<int> fixed_;
  std::vector<std::uint32_t> term_, sorted_;
  TermAccumulator& spectrum_;
};

}  // namespace

void add_bit_tree_spectrum(const BitTree& tree, double weight, TermAccumulator& spectrum) {
  const std::size_t nodes = tree.zero_child.size();
  const int n = spectrum.current().num_features();
  SPEXBENCH_CHECK(spectrum.current().basis() == Basis::kFourier,
                  "tree spectrum: the accumulator must be in the Fourier basis");
  SPEXBENCH_CHECK(nodes > 0 && tree.one_child.size() == nodes && tree.feature.size() == nodes &&
                      tree.leaf_value.size() == nodes,
                  "tree spectrum: a tree has node arrays of unequal lengths or no nodes");
  // Children after their parent (as XGBoost numbers them): no cycles, so the walk ends.
  const auto in_range = [&](std::size_t u, int child) {
    return child > static_cast<int>(u) && static_cast<std::size_t>(child) < nodes;
  };
  for (std::size_t u = 0; u < nodes; ++u) {
    if (tree.zero_child[u] < 0) continue;
    SPEXBENCH_CHECK(in_range(u, tree.zero_child[u]) && in_range(u, tree.one_child[u]),
                    "tree spectrum: node ", u, " has a child that is not a later node of the ",
                    nodes);
    SPEXBENCH_CHECK(tree.feature[u] >= 0 && tree.feature[u] < n, "tree spectrum: node ", u,
                    " splits on feature ", tree.feature[u], " of n=", n);
  }
  Extraction(tree, n, spectrum).extract(0, weight);
}

}  // namespace spexbench
