#include "core/regression/gram.h"

#include "core/error.h"

namespace spexbench {

GramStats gram_of_rows(const Eigen::MatrixXd& x, std::span<const double> y, Eigen::Index begin,
                       Eigen::Index end) {
  const auto block = x.middleRows(begin, end - begin);
  const Eigen::Map<const Eigen::VectorXd> targets(y.data() + begin, end - begin);
  GramStats stats;
  stats.xtx = block.transpose() * block;
  stats.xty = block.transpose() * targets;
  stats.yty = targets.squaredNorm();
  stats.rows = end - begin;
  stats.xsum = block.colwise().sum().transpose();
  stats.ysum = targets.sum();
  return stats;
}

GramStats GramStats::centered() const {
  const double count = static_cast<double>(rows);
  GramStats out = *this;
  out.xtx -= xsum * xsum.transpose() / count;
  out.xty -= xsum * (ysum / count);
  out.yty -= ysum * ysum / count;
  out.xsum.setZero();
  out.ysum = 0;
  return out;
}

std::vector<std::int64_t> kfold_boundaries(std::int64_t rows, int folds) {
  SPEXBENCH_CHECK(folds >= 2 && rows >= folds, "cross-validation needs at least ", folds,
                  " rows for ", folds, " folds, got ", rows);
  std::vector<std::int64_t> bounds = {0};
  for (int f = 0; f < folds; ++f)
    bounds.push_back(bounds.back() + rows / folds + (f < rows % folds ? 1 : 0));
  return bounds;
}

}  // namespace spexbench
