// Tail probabilities and quantiles of the distributions the reports' tests refer to. Boost.Math
// gives the classical ones; the studentized range, which it lacks, is integrated here.
#pragma once

namespace spexbench {

/// P(T >= t) for Student's t with `dof` degrees of freedom (dof > 0); NaN for a NaN t.
[[nodiscard]] double student_t_upper_tail(double t, double dof);

/// P(F >= f) for Fisher's F with (dof1, dof2) degrees of freedom; 0 for f = +infinity.
[[nodiscard]] double fisher_f_upper_tail(double f, double dof1, double dof2);

/// P(Z >= z) for a standard normal Z.
[[nodiscard]] double normal_upper_tail(double z);

/// P(Q <= q) for the studentized range of `groups` standard normals with infinitely many degrees
/// of freedom: groups * integral of phi(z) (Phi(z + q) - Phi(z))^(groups - 1) dz.
[[nodiscard]] double studentized_range_cdf(double q, int groups);

/// The q with studentized_range_cdf(q, groups) = 1 - alpha (Nemenyi's test divides it by sqrt 2).
/// Throws spexbench::Error for groups < 2 or alpha outside (0, 1).
[[nodiscard]] double studentized_range_quantile(int groups, double alpha);

}  // namespace spexbench
