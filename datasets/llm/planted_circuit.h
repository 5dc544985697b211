// The circuits `llm.circuit` plants among a transformer's attention heads, drawn from a seed, and
// their certified polynomial in the heads' keep bits. No libtorch here: circuit_transformer.h
// turns a plan into weights.
//
// Every head has a one-dimensional value and output. A head reads one residual dimension (the
// constant flag, or the clean signal of an earlier gate) and writes it, with a sign, into the raw
// dimension of a gate. A gate's raw value is therefore 0 when no head writing it is kept, and
// (heads / kept heads) x (kept writers' sum) otherwise; the MLP of the gate's layer turns it
// into the clean 0/1 signal [raw >= 1/2] exactly (ReLU(2 raw) - ReLU(2 raw - 1)), so the layer's
// rescaling never reaches the output. The circuits, as functions of keep bits m:
//   and      heads h_1..h_k in k distinct layers, each reading the gate the previous one wrote:
//            m_1 m_2 ... m_k (induction and previous-token pairs are its order-2 case);
//   or       k backup heads of one layer writing the same gate: 1 - prod (1 - m_i);
//   inhibit  an and-chain of k - 1 heads, and a head of the chain's last layer writing minus the
//            flag into the chain's last gate: m_1 ... m_{k-1} (1 - m_inhibitor);
//   noise    one head writing the flag into its own gate: m_h, with a small weight.
// The readout sums weight x clean signal of each circuit's last gate. Heads in no circuit are
// idle: they read the flag and write into a dimension nothing reads.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/params.h"
#include "core/rng.h"
#include "core/sparse_polynomial.h"
#include "datasets/synthetic/random_terms.h"

namespace spexbench::llm {

enum class CircuitKind { kAnd, kOr, kInhibit, kNoise };
constexpr auto enum_names(CircuitKind) {
  return std::array{EnumName{CircuitKind::kAnd, "and"}, EnumName{CircuitKind::kOr, "or"},
                    EnumName{CircuitKind::kInhibit, "inhibit"},
                    EnumName{CircuitKind::kNoise, "noise"}};
}

/// The residual dimension a head reads when it reads no gate.
inline constexpr int kFlagSource = -1;

struct CircuitHead {
  int component = 0;         ///< layer x heads + head
  int source = kFlagSource;  ///< the gate whose clean signal it reads, or kFlagSource
  double sign = 1.0;         ///< +1 or -1: what it writes is sign x what it reads
};

struct CircuitGate {
  int layer = 0;
  std::vector<CircuitHead> writers;
};

struct Circuit {
  CircuitKind kind = CircuitKind::kAnd;
  std::vector<int> components;  ///< heads in the circuit; for inhibit, the inhibitor last
  int output_gate = 0;
  double weight = 0.0;
};

/// How many circuits of each kind, and their orders and weights.
struct CircuitCounts {
  int and_circuits = 6;
  int or_circuits = 4;
  int inhibit_circuits = 4;
  int noise_heads = 16;
  int order_min = 2;
  int order_max = 5;
  double noise_weight = 0.05;
};

class CircuitPlan {
 public:
  /// Draws the circuits on `layers` x `heads` heads; the circuits' weights from `law`, the noise
  /// heads' uniform in [noise_weight / 2, noise_weight] with a random sign. Throws
  /// spexbench::Error naming `owner` and the parameter when the circuits do not fit.
  CircuitPlan(int layers, int heads, const CircuitCounts& counts,
              const synthetic::CoefficientLaw& law, Rng& rng, std::string_view owner);

  [[nodiscard]] int layers() const { return layers_; }
  [[nodiscard]] int heads() const { return heads_; }
  [[nodiscard]] const std::vector<CircuitGate>& gates() const { return gates_; }
  [[nodiscard]] const std::vector<Circuit>& circuits() const { return circuits_; }

  /// The output as a polynomial in the heads' keep bits, Möbius basis.
  [[nodiscard]] SparsePolynomial truth() const;
  /// One line, circuits separated by "; ": "and 1.53: L0.H3 > L4.H1; or -0.8: L2.H0 | L2.H5",
  /// component names "L<layer>.H<head>".
  [[nodiscard]] std::string describe() const;

 private:
  int layers_, heads_;
  std::vector<CircuitGate> gates_;
  std::vector<Circuit> circuits_;
};

/// "L<layer>.H<head>" of component layer x heads + head.
[[nodiscard]] std::string head_name(int component, int heads);

}  // namespace spexbench::llm
