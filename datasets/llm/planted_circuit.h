// The circuits `llm.circuit` plants among a transformer's attention heads and, optionally, MLP
// neurons, drawn from a seed, and their certified polynomial in the components' keep bits. No
// libtorch here: circuit_transformer.h turns a plan into weights.
//
// Every head has a one-dimensional value and output. A head reads one residual dimension (the
// constant flag, or the clean signal of an earlier gate) and writes it, with a sign, into the raw
// dimension of a gate. A gate's raw value is therefore 0 when no head writing it is kept, and
// (heads / kept heads) x (kept writers' sum) otherwise; the MLP of the gate's layer turns it
// into the clean 0/1 signal [raw >= 1/2] exactly (ReLU(2 raw) - ReLU(2 raw - 1)), so the layer's
// rescaling never reaches the output. Those two clamp units per gate are wiring, not components.
// A component neuron is a ReLU unit of its layer's MLP that reads the flag or an earlier gate's
// clean signal (0 or 1, so ReLU passes it exactly) and writes its own gate's clean dimension
// directly; ablating it zeroes its activation (no rescaling: the MLP has none). The circuits, as
// functions of keep bits m:
//   and      components c_1..c_k in k distinct layers, each reading the gate the previous one
//            wrote: m_1 m_2 ... m_k (induction and previous-token pairs are its order-2 case);
//            each link is a head or a neuron;
//   or       k backup heads of one layer writing the same gate: 1 - prod (1 - m_i);
//   inhibit  an and-chain of k - 1 components whose last link is a head, and a head of the
//            chain's last layer writing minus the flag into the chain's last gate:
//            m_1 ... m_{k-1} (1 - m_inhibitor);
//   noise    one head or neuron writing the flag into its own gate: m_c, with a small weight.
// Or and inhibit writers are heads because they sum into a gate before its layer's MLP clamps
// it, and a neuron writes after that clamp has read. The readout sums weight x clean signal of
// each circuit's last gate. Components in no circuit are idle: they read the flag and write a
// dimension nothing reads.
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

/// The residual dimension a component reads when it reads no gate.
inline constexpr int kFlagSource = -1;

/// Components: head h of layer l is l x heads + h; neuron j of layer l follows every head, at
/// layers x heads + l x neurons + j.
struct CircuitShape {
  int layers = 12;
  int heads = 16;
  int neurons = 0;  ///< component neurons per layer
};

struct CircuitWriter {
  int component = 0;
  int source = kFlagSource;  ///< the gate whose clean signal it reads, or kFlagSource
  double sign = 1.0;         ///< +1 or -1: what it writes is sign x what it reads
};

/// Written by heads (into its raw dimension, clamped by the layer's MLP) or by one neuron (into
/// its clean dimension).
struct CircuitGate {
  int layer = 0;
  std::vector<CircuitWriter> writers;
};

struct Circuit {
  CircuitKind kind = CircuitKind::kAnd;
  std::vector<int> components;  ///< in wiring order; for inhibit, the inhibitor last
  int output_gate = 0;
  double weight = 0.0;
};

/// How many circuits of each kind, and their orders and weights.
struct CircuitCounts {
  int and_circuits = 6;
  int or_circuits = 4;
  int inhibit_circuits = 4;
  int noise_heads = 16;  ///< noise components: heads or neurons
  int order_min = 2;
  int order_max = 5;
  double noise_weight = 0.05;
};

class CircuitPlan {
 public:
  /// Draws the circuits on the shape's components (a link of a chain or a noise component is
  /// drawn uniformly among its layer's free heads and neurons; with no neurons the draws are
  /// those of heads alone); the circuits' weights from `law`, the noise components' uniform in
  /// [noise_weight / 2, noise_weight] with a random sign. Throws spexbench::Error naming `owner`
  /// and the parameter when the circuits do not fit.
  CircuitPlan(const CircuitShape& shape, const CircuitCounts& counts,
              const synthetic::CoefficientLaw& law, Rng& rng, std::string_view owner);

  [[nodiscard]] int layers() const { return shape_.layers; }
  [[nodiscard]] int heads() const { return shape_.heads; }
  [[nodiscard]] int neurons() const { return shape_.neurons; }
  [[nodiscard]] int components() const { return shape_.layers * (shape_.heads + shape_.neurons); }
  [[nodiscard]] bool is_neuron(int component) const {
    return component >= shape_.layers * shape_.heads;
  }
  /// "L<layer>.H<head>" or "L<layer>.N<neuron>".
  [[nodiscard]] std::string component_name(int component) const;
  [[nodiscard]] const std::vector<CircuitGate>& gates() const { return gates_; }
  [[nodiscard]] const std::vector<Circuit>& circuits() const { return circuits_; }

  /// The output as a polynomial in the components' keep bits, Möbius basis.
  [[nodiscard]] SparsePolynomial truth() const;
  /// One line, circuits separated by "; ": "and 1.53: L0.H3 > L4.H1; or -0.8: L2.H0 | L2.H5",
  /// components by component_name.
  [[nodiscard]] std::string describe() const;

 private:
  CircuitShape shape_;
  std::vector<CircuitGate> gates_;
  std::vector<Circuit> circuits_;
};

}  // namespace spexbench::llm
