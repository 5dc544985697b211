// The exact Fourier spectrum of a decision tree over mask bits (after Gorji, Amrollahi, Krause
// 2025; docs/proxyspex.md, "The algorithm", step 3):
//
//   EXTRACT(leaf) = {∅ -> value}
//   EXTRACT(node splitting on j) = {S -> (L[S] + R[S]) / 2,  S ∪ {j} -> (L[S] - R[S]) / 2}
//
// where L is the subtree taken when bit j is 0 and R when it is 1, because
// f = (1 - z_j) L + z_j R = (L + R) / 2 + (-1)^{z_j} (L - R) / 2. Trees add linearly.
//
// Any tree whose every split sends each value of one bit one way fits: ProxySPEX's proxy (a split
// on a 0/1 feature) and a tree on real features evaluated at "bit j kept: the explained row's
// value, ablated: the background's" (tabular.trees), where both values may go the same way and a
// bit split again below a split on it follows its fixed value.
#pragma once

#include <vector>

#include "core/sparse_polynomial.h"

namespace spexbench {

/// A binary decision tree over mask bits, nodes indexed from the root 0. Node u is a leaf when
/// zero_child[u] < 0, with value leaf_value[u]; otherwise it reads bit feature[u] and goes to
/// zero_child[u] or one_child[u] (which may be equal; both after u).
struct BitTree {
  std::vector<int> feature, zero_child, one_child;
  std::vector<double> leaf_value;
};

/// Adds weight x (the tree's Fourier spectrum) to `spectrum` (whose basis must be Fourier). Its
/// terms are the distinct bits on a root-to-leaf path, so a tree of depth d adds at most 2^d terms
/// per leaf. Throws spexbench::Error for a malformed tree (unequal arrays, a child that is not a
/// later node, a bit outside the accumulator's n).
void add_bit_tree_spectrum(const BitTree& tree, double weight, TermAccumulator& spectrum);

}  // namespace spexbench
