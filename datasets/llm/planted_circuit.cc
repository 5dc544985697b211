#include "datasets/llm/planted_circuit.h"

#include <algorithm>
#include <sstream>

#include "core/error.h"

namespace spexbench::llm {
namespace {

/// The components no circuit has taken yet, per layer, and random draws among them. A layer's
/// pool lists its heads, then its neurons, so its free heads are always the pool's prefix: a draw
/// among heads alone is a draw among the prefix, and with no neurons every draw is the one a pool
/// of heads alone makes.
class FreeComponents {
 public:
  enum class Kind { kAny, kHead };

  explicit FreeComponents(const CircuitShape& shape)
      : free_(static_cast<std::size_t>(shape.layers)),
        free_heads_(static_cast<std::size_t>(shape.layers), static_cast<std::size_t>(shape.heads)) {
    for (int l = 0; l < shape.layers; ++l) {
      auto& pool = free_[static_cast<std::size_t>(l)];
      for (int h = 0; h < shape.heads; ++h) pool.push_back(l * shape.heads + h);
      for (int j = 0; j < shape.neurons; ++j)
        pool.push_back(shape.layers * shape.heads + l * shape.neurons + j);
    }
  }
  [[nodiscard]] std::size_t in_layer(int layer, Kind kind) const {
    const auto l = static_cast<std::size_t>(layer);
    return kind == Kind::kHead ? free_heads_[l] : free_[l].size();
  }
  [[nodiscard]] std::vector<int> layers_with(std::size_t count, Kind kind) const {
    std::vector<int> layers;
    for (std::size_t l = 0; l < free_.size(); ++l)
      if (in_layer(static_cast<int>(l), kind) >= count) layers.push_back(static_cast<int>(l));
    return layers;
  }
  /// A random free component of `layer` (of the kind), taken.
  int take(int layer, Kind kind, Rng& rng) {
    auto& pool = free_[static_cast<std::size_t>(layer)];
    const std::size_t pick = rng.below(in_layer(layer, kind));
    const int component = pool[pick];
    pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(pick));
    if (pick < free_heads_[static_cast<std::size_t>(layer)])
      --free_heads_[static_cast<std::size_t>(layer)];
    return component;
  }
  [[nodiscard]] std::size_t total() const {
    std::size_t sum = 0;
    for (const auto& pool : free_) sum += pool.size();
    return sum;
  }

 private:
  std::vector<std::vector<int>> free_;
  std::vector<std::size_t> free_heads_;
};
using Kind = FreeComponents::Kind;

/// `count` distinct members of `from`, ascending.
std::vector<int> sample_sorted(std::vector<int> from, std::size_t count, Rng& rng) {
  for (std::size_t i = 0; i < count; ++i) std::swap(from[i], from[i + rng.below(from.size() - i)]);
  from.resize(count);
  std::sort(from.begin(), from.end());
  return from;
}

}  // namespace

std::string CircuitPlan::component_name(int component) const {
  if (!is_neuron(component))
    return str_cat("L", component / shape_.heads, ".H", component % shape_.heads);
  const int index = component - shape_.layers * shape_.heads;
  return str_cat("L", index / shape_.neurons, ".N", index % shape_.neurons);
}

CircuitPlan::CircuitPlan(const CircuitShape& shape, const CircuitCounts& counts,
                         const synthetic::CoefficientLaw& law, Rng& rng, std::string_view owner)
    : shape_(shape) {
  const int layers = shape.layers;
  SPEXBENCH_CHECK(counts.order_min <= counts.order_max, owner, ": order_min=", counts.order_min,
                  " is above order_max=", counts.order_max);
  SPEXBENCH_CHECK(counts.and_circuits == 0 || counts.order_max <= layers, owner,
                  ": order_max=", counts.order_max, " is above layers=", layers,
                  ": an and circuit of order k chains components of k layers");
  SPEXBENCH_CHECK(counts.inhibit_circuits == 0 || counts.order_max - 1 <= layers, owner,
                  ": order_max=", counts.order_max, " needs layers=", counts.order_max - 1,
                  " or more for an inhibit circuit (a chain of order_max - 1 layers), not ",
                  layers);
  FreeComponents free(shape);
  const auto no_room = [&](std::string_view kind, int index, int order) {
    const std::string size = shape.neurons == 0
                                 ? str_cat("layers=", layers, " x heads=", shape.heads)
                                 : str_cat("layers=", layers, " x (heads=", shape.heads,
                                           " + neurons=", shape.neurons, ")");
    return Error(str_cat(owner, ": the circuits do not fit in ", size, ": no room for ", kind,
                         " circuit ", index + 1, " (order ", order, "; ", free.total(),
                         shape.neurons == 0 ? " heads left)" : " components left)"));
  };
  const auto draw_order = [&] {
    return counts.order_min + static_cast<int>(rng.below(static_cast<std::uint64_t>(
                                  counts.order_max - counts.order_min + 1)));
  };
  // An and-chain through `chain_layers`: one gate per layer, each link reading the previous gate;
  // the last link of the kind `last`.
  const auto chain = [&](const std::vector<int>& chain_layers, Kind last, Circuit& circuit) {
    int previous = kFlagSource;
    for (const int layer : chain_layers) {
      const int component = free.take(layer, layer == chain_layers.back() ? last : Kind::kAny, rng);
      gates_.push_back({.layer = layer, .writers = {{.component = component, .source = previous}}});
      circuit.components.push_back(component);
      previous = static_cast<int>(gates_.size()) - 1;
    }
    circuit.output_gate = previous;
  };

  for (int c = 0; c < counts.and_circuits; ++c) {
    const int order = draw_order();
    const std::vector<int> candidates = free.layers_with(1, Kind::kAny);
    if (candidates.size() < static_cast<std::size_t>(order)) throw no_room("and", c, order);
    Circuit circuit{.kind = CircuitKind::kAnd};
    chain(sample_sorted(candidates, static_cast<std::size_t>(order), rng), Kind::kAny, circuit);
    circuit.weight = law.draw(rng);
    circuits_.push_back(std::move(circuit));
  }
  for (int c = 0; c < counts.or_circuits; ++c) {
    const int order = draw_order();
    const std::vector<int> candidates =
        free.layers_with(static_cast<std::size_t>(order), Kind::kHead);
    if (candidates.empty()) throw no_room("or", c, order);
    const int layer = candidates[rng.below(candidates.size())];
    Circuit circuit{.kind = CircuitKind::kOr};
    CircuitGate gate{.layer = layer};
    for (int i = 0; i < order; ++i) {
      gate.writers.push_back({.component = free.take(layer, Kind::kHead, rng)});
      circuit.components.push_back(gate.writers.back().component);
    }
    gates_.push_back(std::move(gate));
    circuit.output_gate = static_cast<int>(gates_.size()) - 1;
    circuit.weight = law.draw(rng);
    circuits_.push_back(std::move(circuit));
  }
  for (int c = 0; c < counts.inhibit_circuits; ++c) {
    const int order = draw_order();
    const auto chain_length = static_cast<std::size_t>(order - 1);
    // The chain's last layer also holds the inhibitor: it needs two free heads.
    std::vector<int> chain_layers;
    for (int attempt = 0; attempt < 64 && chain_layers.empty(); ++attempt) {
      const std::vector<int> candidates = free.layers_with(1, Kind::kAny);
      if (candidates.size() < chain_length) break;
      std::vector<int> drawn = sample_sorted(candidates, chain_length, rng);
      if (free.in_layer(drawn.back(), Kind::kHead) >= 2) chain_layers = std::move(drawn);
    }
    if (chain_layers.empty()) throw no_room("inhibit", c, order);
    Circuit circuit{.kind = CircuitKind::kInhibit};
    chain(chain_layers, Kind::kHead, circuit);
    const int inhibitor = free.take(chain_layers.back(), Kind::kHead, rng);
    gates_[static_cast<std::size_t>(circuit.output_gate)].writers.push_back(
        {.component = inhibitor, .sign = -1.0});
    circuit.components.push_back(inhibitor);
    circuit.weight = law.draw(rng);
    circuits_.push_back(std::move(circuit));
  }
  for (int c = 0; c < counts.noise_heads; ++c) {
    const std::vector<int> candidates = free.layers_with(1, Kind::kAny);
    if (candidates.empty()) throw no_room("noise", c, 1);
    // Uniform over the free components, not over the layers.
    std::uint64_t pick = rng.below(free.total());
    int layer = 0;
    for (const int l : candidates) {
      if (pick < free.in_layer(l, Kind::kAny)) {
        layer = l;
        break;
      }
      pick -= free.in_layer(l, Kind::kAny);
    }
    Circuit circuit{.kind = CircuitKind::kNoise};
    chain({layer}, Kind::kAny, circuit);
    const double magnitude = rng.uniform(counts.noise_weight / 2, counts.noise_weight);
    circuit.weight = rng.coin() ? magnitude : -magnitude;
    circuits_.push_back(std::move(circuit));
  }
}

SparsePolynomial CircuitPlan::truth() const {
  SparsePolynomial truth(components(), Basis::kMobius);
  std::vector<std::uint32_t> members;
  // Terms take their features ascending; a circuit lists its components in wiring order.
  const auto add_sorted = [&truth](std::vector<std::uint32_t> features, double coefficient) {
    std::sort(features.begin(), features.end());
    truth.add_term(features, coefficient);
  };
  for (const Circuit& circuit : circuits_) {
    const std::vector<std::uint32_t> all(circuit.components.begin(), circuit.components.end());
    switch (circuit.kind) {
      case CircuitKind::kAnd:
      case CircuitKind::kNoise:
        add_sorted(all, circuit.weight);
        break;
      case CircuitKind::kOr:
        // 1 - prod (1 - m_i) = sum over nonempty T of (-1)^(|T| + 1) prod_T m_i.
        for (std::uint32_t subset = 1; subset < (1U << all.size()); ++subset) {
          members.clear();
          for (std::size_t i = 0; i < all.size(); ++i)
            if ((subset >> i) & 1U) members.push_back(all[i]);
          add_sorted(members, members.size() % 2 == 1 ? circuit.weight : -circuit.weight);
        }
        break;
      case CircuitKind::kInhibit:
        // prod_chain m (1 - m_inhibitor): the chain, minus the chain with the inhibitor.
        add_sorted({all.begin(), all.end() - 1}, circuit.weight);
        add_sorted(all, -circuit.weight);
        break;
    }
  }
  truth.canonicalize();
  return truth;
}

std::string CircuitPlan::describe() const {
  std::ostringstream out;
  for (const Circuit& circuit : circuits_) {
    if (&circuit != circuits_.data()) out << "; ";
    out << enum_name(circuit.kind) << ' ' << circuit.weight << ':';
    const char* separator = circuit.kind == CircuitKind::kOr ? " | " : " > ";
    for (std::size_t i = 0; i < circuit.components.size(); ++i) {
      const bool inhibitor =
          circuit.kind == CircuitKind::kInhibit && i + 1 == circuit.components.size();
      out << (i == 0      ? " "
              : inhibitor ? ", inhibited by "
                          : separator)
          << component_name(circuit.components[i]);
    }
  }
  return out.str();
}

}  // namespace spexbench::llm
