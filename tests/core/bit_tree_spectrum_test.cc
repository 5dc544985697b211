#include "core/bit_tree_spectrum.h"

#include <gtest/gtest.h>

#include "core/error.h"
#include "core/rng.h"
#include "tests/core/brute_force.h"

namespace spexbench {
namespace {

/// A random full tree of the given depth over n bits: splits repeat bits, and one in four sends
/// both values to the same child.
BitTree random_tree(int n, int depth, Rng& rng) {
  BitTree tree;
  const auto add_node = [&] {
    tree.feature.push_back(0);
    tree.zero_child.push_back(-1);
    tree.one_child.push_back(-1);
    tree.leaf_value.push_back(rng.uniform(-1, 1));
    return static_cast<int>(tree.feature.size()) - 1;
  };
  std::vector<std::pair<int, int>> open{{add_node(), 0}};  // node, its depth
  for (std::size_t k = 0; k < open.size(); ++k) {
    const auto [u, level] = open[k];
    if (level == depth) continue;
    const int left = add_node(), right = add_node();
    const auto su = static_cast<std::size_t>(u);
    tree.feature[su] = static_cast<int>(rng.below(static_cast<std::uint64_t>(n)));
    tree.zero_child[su] = left;
    tree.one_child[su] = rng.uniform(0, 1) < 0.25 ? left : right;
    open.emplace_back(left, level + 1);
    open.emplace_back(right, level + 1);
  }
  return tree;
}

double walk(const BitTree& tree, std::uint64_t x) {
  std::size_t u = 0;
  while (tree.zero_child[u] >= 0) {
    const bool bit = (x >> tree.feature[u]) & 1U;
    u = static_cast<std::size_t>(bit ? tree.one_child[u] : tree.zero_child[u]);
  }
  return tree.leaf_value[u];
}

TEST(BitTreeSpectrum, EqualsTheTreesOnEveryMask) {
  // A weighted sum of random trees against walking them on all 2^n masks.
  constexpr int n = 6;
  Rng rng(11);
  for (int trial = 0; trial < 20; ++trial) {
    TermAccumulator spectrum(n, Basis::kFourier);
    std::vector<BitTree> trees;
    const std::vector<double> weights{0.5, -2.0, 1.25};
    for (const double weight : weights) {
      trees.push_back(random_tree(n, 1 + trial % 5, rng));
      add_bit_tree_spectrum(trees.back(), weight, spectrum);
    }
    const SparsePolynomial f = std::move(spectrum).finish();
    for (std::uint64_t x = 0; x < (1U << n); ++x) {
      double expected = 0;
      for (std::size_t t = 0; t < trees.size(); ++t) expected += weights[t] * walk(trees[t], x);
      EXPECT_NEAR(test::brute_evaluate(f, x), expected, 1e-12) << "trial " << trial << " x " << x;
    }
  }
}

TEST(BitTreeSpectrum, MalformedTreesAreErrors) {
  TermAccumulator spectrum(3, Basis::kFourier);
  BitTree cycle{{0, 0, 0}, {1, 0, -1}, {2, 0, -1}, {0, 1, 2}};  // node 1 points back to the root
  EXPECT_THROW(add_bit_tree_spectrum(cycle, 1, spectrum), Error);
  BitTree outside{{5, 0, 0}, {1, -1, -1}, {2, -1, -1}, {0, 1, 2}};  // bit 5 of n = 3
  EXPECT_THROW(add_bit_tree_spectrum(outside, 1, spectrum), Error);
  BitTree ragged{{0, 0}, {1, -1, -1}, {2, -1, -1}, {0, 1, 2}};
  EXPECT_THROW(add_bit_tree_spectrum(ragged, 1, spectrum), Error);
  TermAccumulator moebius(3, Basis::kMobius);
  BitTree leaf{{0}, {-1}, {-1}, {4.0}};
  EXPECT_THROW(add_bit_tree_spectrum(leaf, 1, moebius), Error);
}

}  // namespace
}  // namespace spexbench
