#include "core/regression/sign_lasso.h"

#include <Eigen/SparseCore>
#include <algorithm>
#include <array>
#include <cmath>

#include "core/error.h"
#include "core/parallel_for.h"
#include "core/regression/gram.h"
#include "core/regression/sign_kernels.h"
#include "core/regression/sign_least_squares.h"

namespace spexbench {
namespace {

using sign_kernels::dot;
using sign_kernels::subtract;

/// The LASSO path on the rows outside [held_begin, held_end) (all rows when that range is empty),
/// warm-started from one alpha to the next.
class PathSolver {
 public:
  PathSolver(const SignMatrix& x, std::span<const double> y, std::span<const double> penalty,
             std::int64_t held_begin, std::int64_t held_end, const SignLassoCvOptions& options)
      : x_(x),
        y_(y),
        penalty_(penalty),
        held_begin_(held_begin),
        held_end_(held_end),
        train_rows_(static_cast<double>(x.rows() - (held_end - held_begin))),
        options_(options),
        w_(Eigen::VectorXd::Zero(x.columns())),
        u_(y.begin(), y.end()),
        mean_(static_cast<std::size_t>(x.columns())),
        norm2_(static_cast<std::size_t>(x.columns())),
        gradient_(static_cast<std::size_t>(x.columns())),
        gradient_version_(static_cast<std::size_t>(x.columns())),
        gradient_snapshot_(static_cast<std::size_t>(x.columns())) {
    const std::int64_t rows = x.rows();
    double ysum = 0;
    for (std::int64_t i = 0; i < rows; ++i)
      if (training(i)) ysum += y[static_cast<std::size_t>(i)];
    ymean_ = ysum / train_rows_;
    for (std::int64_t i = 0; i < rows; ++i)
      if (training(i)) y_norm2_ += square(y[static_cast<std::size_t>(i)] - ymean_);
    std::vector<double> ones(static_cast<std::size_t>(rows), 1.0);
    for (std::int64_t j = 0; j < x.columns(); ++j) {
      const double m = train_dot(x.column_bits(j), ones.data()) / train_rows_;
      mean_[static_cast<std::size_t>(j)] = m;
      norm2_[static_cast<std::size_t>(j)] = train_rows_ * (1 - m * m);
    }
    full_gradient();
  }

  /// max_j |x_j^T (y - mean)| / (N penalty_j), the smallest alpha whose solution is zero.
  [[nodiscard]] double alpha_max() const {
    double out = 0;
    for (std::size_t j = 0; j < gradient_.size(); ++j)
      out = std::max(out, std::abs(gradient_[j]) / (train_rows_ * penalty_[j]));
    return out;
  }

  void fit(double alpha) {
    const double l1 = alpha * train_rows_;
    // Working set: the active columns and those the sequential strong rule keeps.
    const double strong = (2 * alpha - std::min(previous_alpha_, 2 * alpha)) * train_rows_;
    refresh_gradients(strong, {});
    std::vector<std::int64_t> working;
    for (std::int64_t j = 0; j < x_.columns(); ++j) {
      const auto k = static_cast<std::size_t>(j);
      if (w_(j) != 0 || (fresh(j) && std::abs(gradient_[k]) >= strong * penalty_[k]))
        working.push_back(j);
    }
    previous_alpha_ = alpha;
    // The sweeps' stopping rule tightens each time the gap is still too wide, so that the costly
    // pass over every column (the gap needs all gradients) is not repeated after every sweep.
    double sweep_tol = options_.tol;
    for (int iter = 0; iter < options_.max_iter; ++iter) {
      double max_change = 0, max_weight = 0;
      for (const std::int64_t j : working) {
        const auto k = static_cast<std::size_t>(j);
        if (norm2_[k] <= 0) continue;  // constant on the training rows
        const double old = w_(j);
        const double rho = column_gradient_after_pending(j) + norm2_[k] * old;
        const double updated = soft_threshold(rho, l1 * penalty_[k]) / norm2_[k];
        if (updated != old) update_pending(j, updated - old);
        max_change = std::max(max_change, std::abs(updated - old));
        max_weight = std::max(max_weight, std::abs(updated));
      }
      apply_pending();
      const bool last = iter == options_.max_iter - 1;
      if (!(max_weight == 0 || max_change / max_weight < sweep_tol || last)) continue;
      refresh_gradients(l1, working);
      bool violated = false;
      for (std::int64_t j = 0; j < x_.columns(); ++j) {
        const auto k = static_cast<std::size_t>(j);
        if (w_(j) == 0 && fresh(j) && norm2_[k] > 0 && std::abs(gradient_[k]) > l1 * penalty_[k] &&
            !std::binary_search(working.begin(), working.end(), j)) {
          working.insert(std::upper_bound(working.begin(), working.end(), j), j);
          violated = true;
        }
      }
      if (violated && !last) continue;
      if (duality_gap(l1) < options_.tol * y_norm2_ || last) return;
      sweep_tol *= 0.1;
    }
  }

  /// Mean squared error of the current fit on the held-out rows.
  [[nodiscard]] double held_out_mse() const {
    const double c = offset();
    double sse = 0;
    for (std::int64_t i = held_begin_; i < held_end_; ++i)
      sse += square(u_[static_cast<std::size_t>(i)] - c);
    return sse / static_cast<double>(held_end_ - held_begin_);
  }

  [[nodiscard]] const Eigen::VectorXd& coef() const { return w_; }
  [[nodiscard]] double intercept() const { return ymean_ - mean_w_; }

 private:
  static double square(double v) { return v * v; }
  [[nodiscard]] bool training(std::int64_t i) const { return i < held_begin_ || i >= held_end_; }

  [[nodiscard]] double train_dot(const std::uint8_t* column, const double* v) const {
    return dot(column, v, 0, held_begin_) + dot(column, v, held_end_, x_.rows());
  }

  // u = y - X w on every row and mean_w = means . w, so the centred residual of a training row is
  // r_i = u_i - offset() and the residuals sum to zero over the training rows.
  [[nodiscard]] double offset() const { return ymean_ - mean_w_; }

  /// x_j^T r for the centred column j: x_j^T u - offset N m_j.
  [[nodiscard]] double column_gradient(std::int64_t j) const {
    return train_dot(x_.column_bits(j), u_.data()) -
           offset() * train_rows_ * mean_[static_cast<std::size_t>(j)];
  }

  // A sweep's update w_j += delta changes u only when the next column's gradient is taken, in
  // the same pass over u (sign_kernels::subtract_then_dot), or at the sweep's end; the result is
  // the same as subtracting at once.
  void update_pending(std::int64_t j, double delta) {
    apply_pending();
    ++u_version_;
    mean_w_ += delta * mean_[static_cast<std::size_t>(j)];
    w_(j) += delta;
    pending_column_ = j;
    pending_delta_ = delta;
  }

  void apply_pending() {
    if (pending_column_ < 0) return;
    subtract(x_.column_bits(pending_column_), pending_delta_, u_.data(), x_.rows());
    pending_column_ = -1;
  }

  [[nodiscard]] double column_gradient_after_pending(std::int64_t j) {
    if (pending_column_ < 0) return column_gradient(j);
    const double product = sign_kernels::subtract_then_dot(
        x_.column_bits(pending_column_), pending_delta_, x_.column_bits(j), u_.data(), x_.rows(),
        {0, held_begin_}, {held_end_, x_.rows()});
    pending_column_ = -1;
    return product - offset() * train_rows_ * mean_[static_cast<std::size_t>(j)];
  }

  [[nodiscard]] bool fresh(std::int64_t j) const {
    return gradient_version_[static_cast<std::size_t>(j)] == u_version_;
  }

  /// Computes gradient_[j] at the current residual, kept in the newest snapshot.
  void set_gradient(std::int64_t j) {
    if (snapshots_[newest_snapshot_].version != u_version_) {
      newest_snapshot_ = (newest_snapshot_ + 1) % kSnapshots;
      Snapshot& snapshot = snapshots_[newest_snapshot_];
      const double c = offset();
      snapshot.residual.resize(u_.size());
      for (std::size_t i = 0; i < u_.size(); ++i) snapshot.residual[i] = u_[i] - c;
      snapshot.u_norm = training_norm(u_);
      snapshot.version = u_version_;
    }
    const auto k = static_cast<std::size_t>(j);
    gradient_[k] = column_gradient(j);
    gradient_version_[k] = u_version_;
    gradient_snapshot_[k] = static_cast<int>(newest_snapshot_);
  }

  void full_gradient() {
    for (std::int64_t j = 0; j < x_.columns(); ++j) set_gradient(j);
  }

  [[nodiscard]] double training_norm(const std::vector<double>& v) const {
    double sum = 0;
    for (std::int64_t i = 0; i < x_.rows(); ++i)
      if (training(i)) sum += square(v[static_cast<std::size_t>(i)]);
    return std::sqrt(sum);
  }

  /// Makes gradient_ exact at the current residual r for the columns in `needed` (sorted), the
  /// non-zero ones, and every column that might have |gradient_j| >= level penalty_j. The others
  /// are certified below that by Cauchy-Schwarz from their last exact gradient, computed at the
  /// residual r_s of a recent snapshot: |x_j^T r| <= |x_j^T r_s| + ||x_j|| ||r - r_s|| (centred
  /// columns), with slack for rounding. The callers read gradients only where they could matter,
  /// so the solution is the one a pass over every column would give; the adaptive lasso's large
  /// penalty factors let most columns be skipped.
  void refresh_gradients(double level, std::span<const std::int64_t> needed) {
    if (!options_.screening || level <= 0) return full_gradient();
    const double c = offset(), u_norm = training_norm(u_);
    std::array<double, kSnapshots> distance{}, slack{};
    for (std::size_t s = 0; s < kSnapshots; ++s) {
      const Snapshot& snapshot = snapshots_[s];
      if (snapshot.residual.empty()) continue;
      double distance2 = 0;
      for (std::int64_t i = 0; i < x_.rows(); ++i)
        if (training(i)) {
          const auto k = static_cast<std::size_t>(i);
          distance2 += square(u_[k] - c - snapshot.residual[k]);
        }
      distance[s] = std::sqrt(distance2) * (1 + 1e-9);
      // Summing N products of +-u_i errs by at most about N eps sum |u_i| <= N eps sqrt(N) ||u||.
      slack[s] = 1e-9 * std::sqrt(train_rows_) * (u_norm + snapshot.u_norm);
    }
    std::vector<std::int64_t> stale;
    auto next_needed = needed.begin();
    for (std::int64_t j = 0; j < x_.columns(); ++j) {
      const auto k = static_cast<std::size_t>(j);
      const bool is_needed = next_needed != needed.end() && *next_needed == j;
      if (is_needed) ++next_needed;
      if (fresh(j)) continue;
      const auto s = static_cast<std::size_t>(gradient_snapshot_[k]);
      const bool bounded = snapshots_[s].version == gradient_version_[k];  // not overwritten
      if (is_needed || w_(j) != 0 || !bounded ||
          std::abs(gradient_[k]) + std::sqrt(std::max(norm2_[k], 0.0)) * distance[s] + slack[s] >=
              level * penalty_[k])
        stale.push_back(j);
    }
    for (const std::int64_t j : stale) set_gradient(j);
  }

  /// sklearn's gap of 0.5 ||r||^2 + l1 sum_j penalty_j |w_j| (dual norm weighted by 1 / penalty).
  [[nodiscard]] double duality_gap(double l1) const {
    double dual_norm = 0, weighted_l1 = 0;
    for (std::size_t j = 0; j < gradient_.size(); ++j) {
      // A column not fresh is certified below l1 penalty_j: it cannot decide a norm above l1.
      if (fresh(static_cast<std::int64_t>(j)))
        dual_norm = std::max(dual_norm, std::abs(gradient_[j]) / penalty_[j]);
      weighted_l1 += penalty_[j] * std::abs(w_(static_cast<Eigen::Index>(j)));
    }
    const double c = offset();
    double residual_norm2 = 0, residual_dot_y = 0;
    for (std::int64_t i = 0; i < x_.rows(); ++i) {
      if (!training(i)) continue;
      const double r = u_[static_cast<std::size_t>(i)] - c;
      residual_norm2 += r * r;
      residual_dot_y += r * (y_[static_cast<std::size_t>(i)] - ymean_);
    }
    double scale = 1.0, gap = residual_norm2;
    if (dual_norm > l1) {
      scale = l1 / dual_norm;
      gap = 0.5 * residual_norm2 * (1 + scale * scale);
    }
    return gap + l1 * weighted_l1 - scale * residual_dot_y;
  }

  const SignMatrix& x_;
  std::span<const double> y_, penalty_;
  std::int64_t held_begin_, held_end_;
  double train_rows_;
  SignLassoCvOptions options_;
  Eigen::VectorXd w_;
  std::vector<double> u_, mean_, norm2_, gradient_;
  // gradient_[j] is exact while gradient_version_[j] equals u_version_, bumped by every update.
  std::vector<std::uint64_t> gradient_version_;
  std::uint64_t u_version_ = 1;
  // Screening: the residuals of the last few sets of gradient computations, each column's
  // gradient_ having been computed at snapshot gradient_snapshot_[j] (when the versions agree).
  static constexpr std::size_t kSnapshots = 8;
  struct Snapshot {
    std::vector<double> residual;  // centred; held-out rows unused
    double u_norm = 0;
    std::uint64_t version = ~std::uint64_t{0};  // none yet
  };
  std::array<Snapshot, kSnapshots> snapshots_;
  std::size_t newest_snapshot_ = 0;
  std::vector<int> gradient_snapshot_;
  double ymean_ = 0, y_norm2_ = 0, mean_w_ = 0;
  double previous_alpha_ = INFINITY;
  std::int64_t pending_column_ = -1;  // update_pending's column, not yet subtracted from u
  double pending_delta_ = 0;
};

void check_penalty(const SignMatrix& x, std::span<const double> y,
                   std::span<const double> penalty) {
  SPEXBENCH_ASSERT(static_cast<std::int64_t>(y.size()) == x.rows());
  SPEXBENCH_ASSERT(static_cast<std::int64_t>(penalty.size()) == x.columns());
  for (const double p : penalty)
    SPEXBENCH_CHECK(p > 0 && std::isfinite(p), "lasso: penalty factors must be positive, got ", p);
}

/// alpha_max eps^(a / (alphas - 1)) for a = 0 .. alphas - 1.
std::vector<double> alpha_path(double alpha_max, const SignLassoCvOptions& options) {
  std::vector<double> out;
  for (int a = 0; a < options.alphas; ++a) {
    const double fraction =
        options.alphas == 1 ? 0.0 : static_cast<double>(a) / (options.alphas - 1);
    out.push_back(alpha_max * std::pow(options.eps, fraction));
  }
  return out;
}

/// Indices of the non-zero coefficients.
std::vector<std::int64_t> support_of(const Eigen::VectorXd& coef) {
  std::vector<std::int64_t> out;
  for (Eigen::Index j = 0; j < coef.size(); ++j)
    if (coef(j) != 0.0) out.push_back(j);
  return out;
}

/// The relaxed lasso's choice (sign_lasso.h): the folds' least-squares refits of their own
/// selections at alpha `best`, against the lasso's held-out error there.
void relax(const SignMatrix& x, std::span<const double> y, const std::vector<std::int64_t>& bounds,
           const std::vector<std::vector<std::vector<std::int64_t>>>& fold_support,
           std::size_t best, const SignLassoCvOptions& options, LassoCvResult& result) {
  std::vector<double> mse(static_cast<std::size_t>(options.folds));
  parallel_for(options.folds, options.threads, [&](int fold) {
    const auto k = static_cast<std::size_t>(fold);
    const std::vector<std::int64_t>& support = fold_support[k][best];
    const SignLeastSquares fit =
        sign_least_squares(x, support, y, bounds[k], bounds[k + 1], kRelaxedRidge);
    mse[k] = sign_mse(x, support, fit, y, bounds[k], bounds[k + 1]);
  });
  result.relaxed_mse = 0;
  for (const double m : mse) result.relaxed_mse += m / options.folds;  // in fold order
  if (!(result.relaxed_mse < result.mean_mse[best])) return;
  const std::vector<std::int64_t> support = support_of(result.coef);
  const SignLeastSquares fit = sign_least_squares(x, support, y, 0, 0, kRelaxedRidge);
  result.coef.setZero();
  for (std::size_t c = 0; c < support.size(); ++c)
    result.coef(support[c]) = fit.coef(static_cast<Eigen::Index>(c));
  result.intercept = fit.intercept;
  result.relaxed = true;
}

}  // namespace

std::vector<double> sign_lasso_held_out_path(const SignMatrix& x, std::span<const double> y,
                                             std::span<const double> penalty,
                                             std::int64_t held_begin, std::int64_t held_end,
                                             const SignLassoCvOptions& options) {
  check_penalty(x, y, penalty);
  SPEXBENCH_ASSERT(0 <= held_begin && held_begin < held_end && held_end <= x.rows());
  PathSolver solver(x, y, penalty, held_begin, held_end, options);
  const double alpha_max = solver.alpha_max();
  std::vector<double> mse;
  for (const double alpha : alpha_path(alpha_max, options)) {
    if (alpha_max > 0) solver.fit(alpha);
    mse.push_back(solver.held_out_mse());
  }
  return mse;
}

LassoCvResult sign_lasso_fit_on_path(const SignMatrix& x, std::span<const double> y,
                                     std::span<const double> penalty, int index,
                                     const SignLassoCvOptions& options) {
  check_penalty(x, y, penalty);
  SPEXBENCH_ASSERT(0 <= index && index < options.alphas);
  PathSolver solver(x, y, penalty, x.rows(), x.rows(), options);
  const double alpha_max = solver.alpha_max();
  const std::vector<double> alphas = alpha_path(alpha_max, options);
  if (alpha_max > 0)
    for (int a = 0; a <= index; ++a) solver.fit(alphas[static_cast<std::size_t>(a)]);
  LassoCvResult result;
  result.alpha = alphas[static_cast<std::size_t>(index)];
  result.coef = solver.coef();
  result.intercept = solver.intercept();
  return result;
}

LassoCvResult sign_lasso_cv(const SignMatrix& x, std::span<const double> y,
                            std::span<const double> penalty, const SignLassoCvOptions& options) {
  check_penalty(x, y, penalty);
  SPEXBENCH_CHECK(x.rows() >= options.folds, "lasso: ", x.rows(), " rows cannot make ",
                  options.folds, " folds");

  PathSolver final_fit(x, y, penalty, x.rows(), x.rows(), options);
  LassoCvResult result;
  const double alpha_max = final_fit.alpha_max();
  result.alpha_grid = alpha_path(alpha_max, options);
  result.mean_mse.assign(result.alpha_grid.size(), 0.0);
  if (alpha_max <= 0) {  // y orthogonal to every centred column: the zero vector is the solution
    result.coef = final_fit.coef();
    result.intercept = final_fit.intercept();
    return result;
  }

  // With several threads the final fit's path is one more task beside the folds (started first,
  // as the longest), over every alpha, keeping each alpha's solution: it fills the slot the folds
  // leave idle. With one thread it runs afterwards and stops at the chosen alpha. A path's solution
  // at an alpha depends only on the alphas before it, so both give the same result.
  const bool final_beside_folds = options.threads > 1;
  struct Solution {
    Eigen::SparseVector<double> coef;
    double intercept = 0;
  };
  std::vector<Solution> final_path;
  const std::vector<std::int64_t> bounds = kfold_boundaries(x.rows(), options.folds);
  std::vector<std::vector<double>> fold_mse(static_cast<std::size_t>(options.folds));
  // relax: fold_support[k][a], fold k's selected columns at alpha a (the chosen one is not known
  // until every fold is done)
  std::vector<std::vector<std::vector<std::int64_t>>> fold_support(
      static_cast<std::size_t>(options.folds));
  const int first_fold = final_beside_folds ? 1 : 0;
  parallel_for(first_fold + options.folds, options.threads, [&](int task) {
    if (task < first_fold) {
      for (const double alpha : result.alpha_grid) {
        final_fit.fit(alpha);
        final_path.push_back({final_fit.coef().sparseView(0.0, 0.0), final_fit.intercept()});
      }
      return;
    }
    const auto k = static_cast<std::size_t>(task - first_fold);
    PathSolver solver(x, y, penalty, bounds[k], bounds[k + 1], options);
    for (const double alpha : result.alpha_grid) {
      solver.fit(alpha);
      fold_mse[k].push_back(solver.held_out_mse());
      if (options.relax) fold_support[k].push_back(support_of(solver.coef()));
    }
  });
  for (const auto& mse : fold_mse)  // summed in fold order, whatever the thread count
    for (std::size_t a = 0; a < mse.size(); ++a) result.mean_mse[a] += mse[a] / options.folds;

  const auto best = static_cast<std::size_t>(
      std::min_element(result.mean_mse.begin(), result.mean_mse.end()) - result.mean_mse.begin());
  result.alpha = result.alpha_grid[best];
  if (final_beside_folds) {
    result.coef = Eigen::VectorXd(final_path[best].coef);
    result.intercept = final_path[best].intercept;
  } else {
    for (std::size_t a = 0; a <= best; ++a) final_fit.fit(result.alpha_grid[a]);
    result.coef = final_fit.coef();
    result.intercept = final_fit.intercept();
  }
  if (options.relax) relax(x, y, bounds, fold_support, best, options, result);
  return result;
}

}  // namespace spexbench
