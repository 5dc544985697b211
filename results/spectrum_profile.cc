#include "results/spectrum_profile.h"

#include <algorithm>
#include <functional>
#include <sstream>

#include "core/error.h"
#include "results/number_text.h"

namespace spexbench {

SpectrumProfile spectrum_profile(const SparsePolynomial& f, const std::vector<std::size_t>& tops,
                                 const std::vector<double>& shares) {
  const SparsePolynomial g = f.basis() == Basis::kFourier ? f : f.to_basis(Basis::kFourier);
  SpectrumProfile profile;
  std::vector<double> energies;
  for (std::size_t t = 0; t < g.size(); ++t) {
    const std::size_t degree = g.degree(t);
    const double energy = g.coef(t) * g.coef(t);
    if (degree == 0 || energy == 0) continue;
    if (profile.degree.size() < degree) profile.degree.resize(degree, 0.0);
    profile.degree[degree - 1] += energy;
    energies.push_back(energy);
  }
  profile.terms = energies.size();
  std::sort(energies.begin(), energies.end(), std::greater<>());
  // Summed largest first: the running shares are then exact to rounding at every k.
  std::vector<double> running(energies.size());
  double sum = 0;
  for (std::size_t i = 0; i < energies.size(); ++i) running[i] = sum += energies[i];
  profile.variance = sum;
  const auto share_of = [&](double energy) { return sum > 0 ? energy / sum : 0.0; };
  for (double& d : profile.degree) d = share_of(d);
  for (const std::size_t k : tops) {
    const std::size_t held = std::min(k, running.size());
    profile.top.push_back({k, held == 0 ? 0.0 : share_of(running[held - 1])});
  }
  for (const double share : shares) {
    SPEXBENCH_CHECK(share > 0 && share <= 1, "spectrum profile: a variance share of ", share,
                    " is outside (0, 1]");
    // share x sum can round a hair above the running sum that holds exactly that share.
    const auto first = std::lower_bound(running.begin(), running.end(), share * sum * (1 - 1e-12));
    const auto terms = static_cast<std::size_t>(first - running.begin());
    profile.needed.push_back({share, first == running.end() ? running.size() : terms + 1});
  }
  return profile;
}

std::string format_spectrum_profile(const SpectrumProfile& profile) {
  std::ostringstream out;
  out << "spectrum profile: " << profile.terms << " non-constant Fourier terms, variance "
      << significant(profile.variance, 4) << "\n";
  out << "  variance share of the largest terms:";
  for (const auto& top : profile.top) out << "  top " << top.k << " " << significant(top.share, 4);
  out << "\n  terms holding a share of the variance:";
  for (const auto& needed : profile.needed)
    out << "  " << significant(needed.share, 3) << ": " << needed.terms;
  out << "\n  variance share by degree:";
  for (std::size_t d = 0; d < profile.degree.size(); ++d)
    out << "  " << d + 1 << ": " << significant(profile.degree[d], 3);
  out << "\n";
  return out.str();
}

}  // namespace spexbench
