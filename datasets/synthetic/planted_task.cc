#include "datasets/synthetic/planted_task.h"

#include <cmath>

#include "core/error.h"
#include "core/rng.h"

namespace spexbench::synthetic {

double uniform_variance(const SparsePolynomial& poly) {
  const SparsePolynomial fourier = poly.to_basis(Basis::kFourier);
  double variance = 0;
  for (std::size_t t = 0; t < fourier.size(); ++t)
    if (fourier.degree(t) > 0) variance += fourier.coef(t) * fourier.coef(t);
  return variance;
}

PlantedTask::PlantedTask(SparsePolynomial truth, double snr_db, std::uint64_t noise_seed,
                         std::string spec)
    : truth_(std::move(truth)), noise_seed_(noise_seed), spec_(std::move(spec)) {
  if (std::isfinite(snr_db))
    noise_sd_ = std::sqrt(uniform_variance(truth_) / std::pow(10.0, snr_db / 10.0));
}

void PlantedTask::evaluate(const MaskBatch& masks, std::span<double> out) {
  truth_.evaluate(masks, out);
  if (noise_sd_ == 0) return;
  for (std::size_t r = 0; r < masks.rows(); ++r) {
    std::uint64_t h = noise_seed_;
    for (const std::uint64_t w : masks.row(r)) h = splitmix64(h ^ w);
    Rng rng(h);
    out[r] += noise_sd_ * rng.normal();
  }
}

void PlantedTask::evaluate_reference(const MaskBatch& masks, std::span<double> out) {
  truth_.evaluate(masks, out);
}

}  // namespace spexbench::synthetic
