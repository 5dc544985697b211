#include "datasets/llm/planted_circuit.h"

#include <gtest/gtest.h>

#include <set>

#include "core/error.h"

namespace spexbench::llm {
namespace {

CircuitPlan plan(int layers, int heads, CircuitCounts counts, std::uint64_t seed = 1,
                 int neurons = 0) {
  Rng rng(seed);
  return CircuitPlan({.layers = layers, .heads = heads, .neurons = neurons}, counts,
                     synthetic::CoefficientLaw{}, rng, "test");
}

std::string error_of(int layers, int heads, CircuitCounts counts) {
  try {
    (void)plan(layers, heads, counts);
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(PlantedCircuit, EachKindHasItsPolynomial) {
  const CircuitCounts none{.and_circuits = 0,
                           .or_circuits = 0,
                           .inhibit_circuits = 0,
                           .noise_heads = 0,
                           .order_min = 3,
                           .order_max = 3};
  {
    CircuitCounts counts = none;
    counts.and_circuits = 1;
    const CircuitPlan p = plan(4, 4, counts);
    const SparsePolynomial truth = p.truth();
    ASSERT_EQ(truth.size(), 1U);  // m_1 m_2 m_3
    EXPECT_EQ(truth.degree(0), 3U);
    EXPECT_EQ(truth.coef(0), p.circuits()[0].weight);
    EXPECT_EQ(p.gates().size(), 3U);  // one gate per link, in three distinct, rising layers
    EXPECT_LT(p.gates()[0].layer, p.gates()[1].layer);
    EXPECT_LT(p.gates()[1].layer, p.gates()[2].layer);
    EXPECT_EQ(p.gates()[1].writers[0].source, 0);
  }
  {
    CircuitCounts counts = none;
    counts.or_circuits = 1;
    const CircuitPlan p = plan(4, 4, counts);
    const SparsePolynomial truth = p.truth();
    const double w = p.circuits()[0].weight;
    ASSERT_EQ(truth.size(), 7U);  // 1 - (1 - m_1)(1 - m_2)(1 - m_3)
    for (std::size_t t = 0; t < truth.size(); ++t)
      EXPECT_EQ(truth.coef(t), truth.degree(t) % 2 == 1 ? w : -w);
    ASSERT_EQ(p.gates().size(), 1U);
    EXPECT_EQ(p.gates()[0].writers.size(), 3U);
  }
  {
    CircuitCounts counts = none;
    counts.inhibit_circuits = 1;
    const CircuitPlan p = plan(4, 4, counts);
    const Circuit& circuit = p.circuits()[0];
    const SparsePolynomial truth = p.truth();
    ASSERT_EQ(truth.size(), 2U);  // m_1 m_2 (1 - m_inhibitor)
    EXPECT_EQ(truth.degree(0), 2U);
    EXPECT_EQ(truth.coef(0), circuit.weight);
    EXPECT_EQ(truth.degree(1), 3U);
    EXPECT_EQ(truth.coef(1), -circuit.weight);
    // The inhibitor is in the chain's last layer and writes minus the flag into its gate.
    const CircuitGate& last = p.gates()[static_cast<std::size_t>(circuit.output_gate)];
    ASSERT_EQ(last.writers.size(), 2U);
    EXPECT_EQ(last.writers[1].sign, -1.0);
    EXPECT_EQ(last.writers[1].source, kFlagSource);
    EXPECT_EQ(circuit.components.back() / 4, last.layer);
  }
  {
    CircuitCounts counts = none;
    counts.noise_heads = 5;
    counts.noise_weight = 0.1;
    const SparsePolynomial truth = plan(4, 4, counts).truth();
    ASSERT_EQ(truth.size(), 5U);
    for (std::size_t t = 0; t < truth.size(); ++t) {
      EXPECT_EQ(truth.degree(t), 1U);
      EXPECT_GE(std::abs(truth.coef(t)), 0.05);
      EXPECT_LE(std::abs(truth.coef(t)), 0.1);
    }
  }
}

TEST(PlantedCircuit, CircuitsShareNoHeadAndTheirOrdersStayInRange) {
  const CircuitPlan p = plan(12, 16, CircuitCounts{});
  std::set<int> used;
  std::size_t heads = 0;
  for (const Circuit& circuit : p.circuits()) {
    const auto order = static_cast<int>(circuit.components.size());
    if (circuit.kind != CircuitKind::kNoise) {
      EXPECT_GE(order, 2);
      EXPECT_LE(order, 5);
    }
    heads += circuit.components.size();
    used.insert(circuit.components.begin(), circuit.components.end());
  }
  EXPECT_EQ(used.size(), heads);
  EXPECT_EQ(p.circuits().size(), 6U + 4U + 4U + 16U);
  EXPECT_NE(p.describe().find("inhibited by L"), std::string::npos) << p.describe();
}

TEST(PlantedCircuit, NeuronsLinkChainsAndAddNoiseButNeverWriteAnOrGate) {
  const CircuitPlan p = plan(12, 16, CircuitCounts{}, 3, /*neurons=*/16);
  EXPECT_EQ(p.components(), 12 * 32);
  EXPECT_EQ(p.component_name(12 * 16), "L0.N0");
  EXPECT_EQ(p.component_name(12 * 16 + 16 + 5), "L1.N5");
  int neurons = 0;
  for (const Circuit& circuit : p.circuits()) {
    for (std::size_t i = 0; i < circuit.components.size(); ++i) {
      const int component = circuit.components[i];
      neurons += p.is_neuron(component) ? 1 : 0;
      // Or writers, an inhibitor and the link it inhibits sum into a gate before the MLP.
      const bool summed =
          circuit.kind == CircuitKind::kOr ||
          (circuit.kind == CircuitKind::kInhibit && i + 2 >= circuit.components.size());
      EXPECT_FALSE(summed && p.is_neuron(component)) << p.describe();
    }
  }
  // Half of each layer's components are neurons, open to chain links and noise.
  EXPECT_GT(neurons, 5) << p.describe();
  EXPECT_NE(p.describe().find(".N"), std::string::npos) << p.describe();
  for (const CircuitGate& gate : p.gates())
    if (p.is_neuron(gate.writers[0].component)) {
      EXPECT_EQ(gate.writers.size(), 1U);
      const int index = gate.writers[0].component - 12 * 16;
      EXPECT_EQ(index / 16, gate.layer);  // a neuron writes in its own layer's MLP
    }
}

TEST(PlantedCircuit, WithoutNeuronsEveryComponentIsAHead) {
  const CircuitPlan p = plan(12, 16, CircuitCounts{}, 3);
  for (const Circuit& circuit : p.circuits())
    for (const int component : circuit.components) EXPECT_FALSE(p.is_neuron(component));
  EXPECT_EQ(p.describe().find(".N"), std::string::npos);
}

TEST(PlantedCircuit, TheSeedVariesTheCircuitsAndFixesThem) {
  const CircuitCounts counts;
  EXPECT_EQ(plan(12, 16, counts, 7).truth(), plan(12, 16, counts, 7).truth());
  EXPECT_NE(plan(12, 16, counts, 7).truth(), plan(12, 16, counts, 8).truth());
}

TEST(PlantedCircuit, CircuitsThatDoNotFitAreClearErrors) {
  EXPECT_NE(
      error_of(2, 2, {.and_circuits = 3, .order_min = 2, .order_max = 2})
          .find("test: the circuits do not fit in layers=2 x heads=2: no room for and circuit 3"),
      std::string::npos);
  EXPECT_NE(error_of(3, 16, {.order_max = 5}).find("order_max=5 is above layers=3"),
            std::string::npos);
  EXPECT_NE(error_of(12, 16, {.order_min = 4, .order_max = 3}).find("order_min=4 is above"),
            std::string::npos);
  // Neurons cannot be or writers: four neurons per layer do not make room for an or of three.
  try {
    Rng rng(1);
    (void)CircuitPlan({.layers = 2, .heads = 2, .neurons = 4},
                      {.and_circuits = 0,
                       .or_circuits = 1,
                       .inhibit_circuits = 0,
                       .noise_heads = 0,
                       .order_min = 3,
                       .order_max = 3},
                      synthetic::CoefficientLaw{}, rng, "test");
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(
                  "do not fit in layers=2 x (heads=2 + neurons=4): no room for or circuit 1"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace spexbench::llm
