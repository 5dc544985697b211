// Sufficient statistics of a least-squares problem over a set of rows: X^T X, X^T y, y^T y and the
// row count. Regressions here work from them, so cross-validation folds subtract a fold's
// statistics from the full ones instead of touching the rows again, and designs with structure
// (SPEX's) can build them without materialising X.
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <span>

namespace spexbench {

struct GramStats {
  Eigen::MatrixXd xtx;
  Eigen::VectorXd xty;
  double yty = 0;
  std::int64_t rows = 0;
  Eigen::VectorXd xsum;  ///< column sums (for fits with an intercept)
  double ysum = 0;

  [[nodiscard]] static GramStats zero(Eigen::Index columns) {
    return {Eigen::MatrixXd::Zero(columns, columns),
            Eigen::VectorXd::Zero(columns),
            0,
            0,
            Eigen::VectorXd::Zero(columns),
            0};
  }
  GramStats& operator+=(const GramStats& other) {
    xtx += other.xtx;
    xty += other.xty;
    yty += other.yty;
    rows += other.rows;
    xsum += other.xsum;
    ysum += other.ysum;
    return *this;
  }
  GramStats& operator-=(const GramStats& other) {
    xtx -= other.xtx;
    xty -= other.xty;
    yty -= other.yty;
    rows -= other.rows;
    xsum -= other.xsum;
    ysum -= other.ysum;
    return *this;
  }
  /// The statistics of the column- and target-centred rows (for a fit with an intercept).
  [[nodiscard]] GramStats centered() const;
};

/// Statistics of rows [begin, end) of a dense design.
[[nodiscard]] GramStats gram_of_rows(const Eigen::MatrixXd& x, std::span<const double> y,
                                     Eigen::Index begin, Eigen::Index end);

/// The K contiguous folds of sklearn's KFold(K) without shuffling: the first rows % K folds have
/// rows / K + 1 rows, the others rows / K. Returns the K + 1 boundaries.
[[nodiscard]] std::vector<std::int64_t> kfold_boundaries(std::int64_t rows, int folds);

}  // namespace spexbench
