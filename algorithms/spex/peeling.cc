#include "algorithms/spex/peeling.h"

#include <map>

#include "core/transforms.h"

namespace spexbench::spex {

std::vector<double> group_bins(std::span<const double> values, int delays,
                               std::size_t bins_per_group) {
  const auto rows = static_cast<std::size_t>(delays);
  std::vector<double> bins(rows * bins_per_group);
  std::vector<double> row(bins_per_group);
  const double scale = 1.0 / static_cast<double>(bins_per_group);
  for (std::size_t p = 0; p < rows; ++p) {
    std::copy_n(values.begin() + static_cast<std::ptrdiff_t>(p * bins_per_group), bins_per_group,
                row.begin());
    fwht(row);
    for (std::size_t j = 0; j < bins_per_group; ++j) bins[j * rows + p] = row[j] * scale;
  }
  return bins;
}

SparsePolynomial peel(std::vector<std::vector<double>>& bins, const QueryDesign& design,
                      const BchCode& code, const BinDecoder& decode, const PeelingOptions& options,
                      PeelingStats& stats) {
  const int groups = design.groups();
  const std::size_t bins_per_group = design.bins_per_group();
  const auto delays = static_cast<std::size_t>(design.delays());
  const double zero_cutoff = options.zero_energy * static_cast<double>(delays);

  auto energy = [&](int c, std::size_t j) {
    const double* u = bins[static_cast<std::size_t>(c)].data() + j * delays;
    double e = 0;
    for (std::size_t p = 0; p < delays; ++p) e += u[p] * u[p];
    return e;
  };
  // sig_p(k) = (-1)^{<d_p, k>}: +1 for the zero delay, then the parity bits.
  auto amplitude = [&](const double* u, const Parity& parity) {
    double dot = u[0];
    for (std::size_t p = 1; p < delays; ++p)
      dot += parity.get(static_cast<int>(p - 1)) ? -u[p] : u[p];
    return dot / static_cast<double>(delays);
  };

  std::vector<std::vector<bool>> to_check(static_cast<std::size_t>(groups),
                                          std::vector<bool>(bins_per_group, true));
  TermAccumulator spectrum(code.num_features(), Basis::kFourier);
  std::vector<std::size_t> distinct_after;  // distinct frequencies after each iteration

  for (int iteration = 0; iteration < options.max_iterations; ++iteration) {
    struct Found {
      std::vector<std::uint32_t> k;
      double rho_sum;
      int count;
    };
    std::vector<Found> found;  // in order of discovery
    std::map<std::vector<std::uint32_t>, std::size_t> found_index;

    for (int c = 0; c < groups; ++c) {
      for (std::size_t j = 0; j < bins_per_group; ++j) {
        const double e = energy(c, j);
        if (!(e > zero_cutoff) || !to_check[static_cast<std::size_t>(c)][j]) {
          to_check[static_cast<std::size_t>(c)][j] = false;
          continue;
        }
        const double* u = bins[static_cast<std::size_t>(c)].data() + j * delays;
        std::vector<std::uint32_t> k = decode(std::span(u, delays));
        ++stats.decodes;
        const double rho = amplitude(u, code.parity_of(k));
        const double residual = e - static_cast<double>(delays) * rho * rho;
        const bool singleton = design.bin_of(c, k) == j && residual / e < options.residual_cutoff;
        if (!singleton) {
          to_check[static_cast<std::size_t>(c)][j] = false;
          continue;
        }
        const auto [it, inserted] = found_index.emplace(k, found.size());
        if (inserted) {
          found.push_back({std::move(k), rho, 1});
        } else {
          found[it->second].rho_sum += rho;
          ++found[it->second].count;
        }
      }
    }

    bool more = false;
    for (const auto& group : to_check)
      for (const bool b : group) more = more || b;
    const int window = options.stall_iterations;
    if (iteration >= window && distinct_after[static_cast<std::size_t>(iteration - 1)] ==
                                   distinct_after[static_cast<std::size_t>(iteration - window)])
      more = false;

    for (const Found& f : found) {
      const double rho = f.rho_sum / f.count;
      spectrum.add(f.k, rho);
      ++stats.peels;
      const Parity parity = code.parity_of(f.k);
      for (int c = 0; c < groups; ++c) {
        const std::uint32_t j = design.bin_of(c, f.k);
        double* u = bins[static_cast<std::size_t>(c)].data() + j * delays;
        u[0] -= rho;
        for (std::size_t p = 1; p < delays; ++p)
          u[p] -= parity.get(static_cast<int>(p - 1)) ? -rho : rho;
        to_check[static_cast<std::size_t>(c)][j] = true;
      }
    }
    distinct_after.push_back(spectrum.current().size());
    stats.iterations = iteration + 1;
    if (!more) break;
  }
  stats.distinct = spectrum.current().size();
  return std::move(spectrum).finish();
}

}  // namespace spexbench::spex
