#include "results/statistics/distributions.h"

#include <boost/math/distributions/fisher_f.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <boost/math/tools/roots.hpp>
#include <cmath>
#include <cstdint>
#include <limits>

#include "core/error.h"

namespace spexbench {

double student_t_upper_tail(double t, double dof) {
  if (std::isnan(t)) return t;
  return boost::math::cdf(boost::math::complement(boost::math::students_t(dof), t));
}

double fisher_f_upper_tail(double f, double dof1, double dof2) {
  if (std::isinf(f)) return 0;
  return boost::math::cdf(boost::math::complement(boost::math::fisher_f(dof1, dof2), f));
}

double normal_upper_tail(double z) {
  return boost::math::cdf(boost::math::complement(boost::math::normal(), z));
}

double studentized_range_cdf(double q, int groups) {
  if (q <= 0) return 0;
  const boost::math::normal normal;
  const auto integrand = [&](double z) {
    const double inside = boost::math::cdf(normal, z + q) - boost::math::cdf(normal, z);
    return boost::math::pdf(normal, z) * std::pow(inside, groups - 1);
  };
  // Below -9 or above +9 the density is under 1e-17 of its peak.
  const double integral = boost::math::quadrature::gauss_kronrod<double, 61>::integrate(
      integrand, -9.0, 9.0, 15, 1e-13);
  return std::min(1.0, groups * integral);
}

double studentized_range_quantile(int groups, double alpha) {
  SPEXBENCH_CHECK(groups >= 2, "the studentized range needs at least 2 groups, got ", groups);
  SPEXBENCH_CHECK(alpha > 0 && alpha < 1, "alpha must lie in (0, 1), got ", alpha);
  const auto gap = [&](double q) { return studentized_range_cdf(q, groups) - (1 - alpha); };
  double high = 1;
  while (gap(high) < 0) high *= 2;
  std::uintmax_t iterations = 200;
  const auto [low_end, high_end] =
      boost::math::tools::toms748_solve(gap, 0.0, high, -(1 - alpha), gap(high),
                                        boost::math::tools::eps_tolerance<double>(50), iterations);
  return (low_end + high_end) / 2;
}

}  // namespace spexbench
