// A training set split into groups, and the test point whose margin `data.subsets` reports.
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <string>
#include <vector>

namespace spexbench::data {

struct GroupDataset {
  Eigen::MatrixXd features;  ///< training rows
  std::vector<int> labels;   ///< in [0, classes)
  std::vector<int> group;    ///< in [0, groups)
  int groups = 0;
  std::vector<std::string> group_names;  ///< the components' names, one per group
  int classes = 2;
  Eigen::VectorXd test_features;
  int test_label = 0;

  /// Row indices of each group.
  [[nodiscard]] std::vector<std::vector<std::size_t>> rows_by_group() const;
};

/// The planted dataset (two Gaussian classes at -+1.5 e_0, unit noise, `points` rows per group,
/// test point 0.3 e_0 + 2 e_1 of class 1), with planted structure at fixed groups, each of them
/// 4 x points rows (strong enough to show in the average context of many kept groups):
///   0, 1  redundant: the same class-1 rows at the test point (copies): negative pair term;
///   2, 3  complementary: group 2 is class-1 rows carrying feature 1 (= 2, like the test point),
///         group 3 class-0 rows near the origin without it; alone each only says "everything is
///         my class", together they make feature 1 the discriminator: positive pair term;
///   4     mislabeled: class-0 rows at the test point (harmful): negative first-order term.
/// The other groups are balanced draws of both classes. Needs groups >= 5 and features >= 2.
[[nodiscard]] GroupDataset planted_dataset(int groups, int points, int features,
                                           std::uint64_t seed);

/// A CSV file with a header row: numeric feature columns, an integer `label_column`, optionally an
/// integer `group_column` (else rows are dealt to `groups` groups in a seeded shuffle). Row
/// `test_row` (0-based data row) is the test point and is left out of training. Throws
/// spexbench::Error naming the file and line for ragged rows and non-numeric values, and when the
/// group column has fewer than `groups` groups.
[[nodiscard]] GroupDataset csv_dataset(const std::string& path, const std::string& label_column,
                                       const std::string& group_column, int groups, int test_row,
                                       std::uint64_t seed);

/// A classification dataset python3-sklearn ships (datasets/tabular/tabular_dataset.h), its rows
/// dealt to `groups` groups in a seeded shuffle, data row `test_row` the test point. Throws
/// spexbench::Error for a regression dataset or an unknown name (the names listed).
[[nodiscard]] GroupDataset bundled_group_dataset(const std::string& name, int groups, int test_row,
                                                 std::uint64_t seed);

/// An HDF5 file with datasets `features` (rows x d), `labels` (rows) and optionally `groups` (rows;
/// else rows are dealt to `groups` groups in a seeded shuffle), numeric. Row `test_row` is the test
/// point. Throws spexbench::Error naming the file and the problem.
[[nodiscard]] GroupDataset hdf5_dataset(const std::string& path, int groups, int test_row,
                                        std::uint64_t seed);

}  // namespace spexbench::data
