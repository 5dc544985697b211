#include "core/regression/lasso.h"

#include <cmath>

#include "core/error.h"

namespace spexbench {
namespace {

/// Duality gap of 0.5 ||y - Xw||^2 + l1 ||w||_1 from Gram statistics (sklearn's formula).
double duality_gap(const GramStats& s, const Eigen::VectorXd& w, const Eigen::VectorXd& gw,
                   double l1) {
  const Eigen::VectorXd xt_residual = s.xty - gw;
  const double dual_norm = xt_residual.cwiseAbs().maxCoeff();
  const double residual_norm2 = s.yty - 2 * w.dot(s.xty) + w.dot(gw);
  double scale = 1.0;
  double gap = residual_norm2;
  if (dual_norm > l1) {
    scale = l1 / dual_norm;
    gap = 0.5 * (residual_norm2 + residual_norm2 * scale * scale);
  }
  return gap + l1 * w.cwiseAbs().sum() - scale * (s.yty - w.dot(s.xty));
}

/// Mean squared error of y - b - x w over the rows summarised by s.
double held_out_mse(const GramStats& s, const Eigen::VectorXd& w, double b) {
  const double sse = s.yty - 2 * w.dot(s.xty) + w.dot(s.xtx * w) - 2 * b * s.ysum +
                     2 * b * s.xsum.dot(w) + static_cast<double>(s.rows) * b * b;
  return sse / static_cast<double>(s.rows);
}

/// Intercept of a fit on the centred statistics of `s`.
double intercept_of(const GramStats& s, const Eigen::VectorXd& w, bool fit_intercept) {
  return fit_intercept ? (s.ysum - s.xsum.dot(w)) / static_cast<double>(s.rows) : 0.0;
}

}  // namespace

void lasso_fit(const GramStats& s, double alpha, Eigen::VectorXd& w, const LassoOptions& options) {
  const Eigen::Index columns = s.xty.size();
  SPEXBENCH_ASSERT(w.size() == columns);
  const double l1 = alpha * static_cast<double>(s.rows);
  const double tol = options.tol * s.yty;
  Eigen::VectorXd gw = s.xtx * w;  // kept equal to X^T X w
  for (int iter = 0; iter < options.max_iter; ++iter) {
    double max_change = 0, max_weight = 0;
    for (Eigen::Index j = 0; j < columns; ++j) {
      const double diagonal = s.xtx(j, j);
      if (diagonal <= 0) continue;
      const double old = w(j);
      const double rho = s.xty(j) - gw(j) + diagonal * old;
      const double updated = soft_threshold(rho, l1) / diagonal;
      if (updated != old) {
        gw += (updated - old) * s.xtx.col(j);
        w(j) = updated;
      }
      max_change = std::max(max_change, std::abs(updated - old));
      max_weight = std::max(max_weight, std::abs(updated));
    }
    const bool last = iter == options.max_iter - 1;
    if (max_weight == 0 || max_change / max_weight < options.tol || last) {
      if (duality_gap(s, w, gw, l1) < tol || last) return;
    }
  }
}

LassoCvResult lasso_cv(const GramStats& full, const std::vector<GramStats>& held_out,
                       const LassoCvOptions& options) {
  SPEXBENCH_ASSERT(static_cast<int>(held_out.size()) == options.folds);
  const Eigen::Index columns = full.xty.size();
  LassoCvResult result;
  const bool center = options.fit_intercept;
  const GramStats full_fit = center ? full.centered() : full;
  const double alpha_max = full_fit.xty.cwiseAbs().maxCoeff() / static_cast<double>(full.rows);
  result.alpha_grid.resize(static_cast<std::size_t>(options.alphas));
  for (int a = 0; a < options.alphas; ++a) {
    const double fraction =
        options.alphas == 1 ? 0.0 : static_cast<double>(a) / (options.alphas - 1);
    result.alpha_grid[static_cast<std::size_t>(a)] = alpha_max * std::pow(options.eps, fraction);
  }
  result.mean_mse.assign(result.alpha_grid.size(), 0.0);
  if (alpha_max <= 0) {  // y orthogonal to every column: the zero vector is the solution
    result.coef = Eigen::VectorXd::Zero(columns);
    result.intercept = intercept_of(full, result.coef, center);
    return result;
  }
  for (const GramStats& test : held_out) {
    GramStats train = full;
    train -= test;
    const GramStats train_fit = center ? train.centered() : train;
    Eigen::VectorXd w = Eigen::VectorXd::Zero(columns);
    for (std::size_t a = 0; a < result.alpha_grid.size(); ++a) {
      lasso_fit(train_fit, result.alpha_grid[a], w, options.fit);
      result.mean_mse[a] += held_out_mse(test, w, intercept_of(train, w, center)) /
                            static_cast<double>(held_out.size());
    }
  }
  std::size_t best = 0;
  for (std::size_t a = 1; a < result.mean_mse.size(); ++a)
    if (result.mean_mse[a] < result.mean_mse[best]) best = a;
  result.alpha = result.alpha_grid[best];
  Eigen::VectorXd w = Eigen::VectorXd::Zero(columns);
  for (std::size_t a = 0; a <= best; ++a) lasso_fit(full_fit, result.alpha_grid[a], w, options.fit);
  result.coef = w;
  result.intercept = intercept_of(full, w, center);
  return result;
}

}  // namespace spexbench
