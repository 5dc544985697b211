// The common shape of the synthetic tasks: the value function is a planted sparse polynomial (the
// exact ground truth), optionally observed with Gaussian measurement noise at a given SNR.
//
// Noise is a deterministic function of the mask (a normal draw seeded by the instance's noise seed
// and the mask's bits), so a value never depends on batching, order or repetition, while distinct
// masks get independent noise. The ground truth and the reference values for faithfulness stay
// noiseless. SNR is measured against the function's variance under uniform masks:
//   sigma^2 = Var(f) / 10^(snr_db / 10),  Var(f) = sum_{k != ∅} F(k)^2.
#pragma once

#include <cstdint>
#include <string>

#include "core/task.h"

namespace spexbench::synthetic {

class PlantedTask : public Task {
 public:
  PlantedTask(SparsePolynomial truth, double snr_db, std::uint64_t noise_seed, std::string spec);

  int num_features() const override { return truth_.num_features(); }
  void evaluate(const MaskBatch& masks, std::span<double> out) override;
  void evaluate_reference(const MaskBatch& masks, std::span<double> out) override;
  const SparsePolynomial* ground_truth() const override { return &truth_; }
  std::string spec() const override { return spec_; }

  /// Standard deviation of the measurement noise (0 when noiseless).
  [[nodiscard]] double noise_sd() const { return noise_sd_; }

 private:
  SparsePolynomial truth_;
  double noise_sd_ = 0;
  std::uint64_t noise_seed_;
  std::string spec_;
};

/// The largest n of the synthetic tasks: that of SPEX's largest BCH code at t = 5, over GF(2^19).
/// A planted truth is sparse, so nothing of size 2^n or n^2 is built at any n.
inline constexpr int kMaxComponents = 524192;

/// Var(f) under uniform masks: the Fourier energy outside the constant term.
[[nodiscard]] double uniform_variance(const SparsePolynomial& poly);

}  // namespace spexbench::synthetic
