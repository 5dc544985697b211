#include "datasets/llm/planted_circuit.h"

#include <algorithm>
#include <sstream>

#include "core/error.h"

namespace spexbench::llm {
namespace {

/// The heads no circuit has taken yet, per layer, and random draws among them.
class FreeHeads {
 public:
  FreeHeads(int layers, int heads) : free_(static_cast<std::size_t>(layers)), heads_(heads) {
    for (int l = 0; l < layers; ++l)
      for (int h = 0; h < heads; ++h) free_[static_cast<std::size_t>(l)].push_back(h);
  }
  [[nodiscard]] std::size_t in_layer(int layer) const {
    return free_[static_cast<std::size_t>(layer)].size();
  }
  [[nodiscard]] std::vector<int> layers_with(std::size_t count) const {
    std::vector<int> layers;
    for (std::size_t l = 0; l < free_.size(); ++l)
      if (free_[l].size() >= count) layers.push_back(static_cast<int>(l));
    return layers;
  }
  /// A random free head of `layer`, taken: its component index.
  int take(int layer, Rng& rng) {
    auto& pool = free_[static_cast<std::size_t>(layer)];
    const auto pick = static_cast<std::ptrdiff_t>(rng.below(pool.size()));
    const int head = pool[static_cast<std::size_t>(pick)];
    pool.erase(pool.begin() + pick);
    return layer * heads_ + head;
  }
  [[nodiscard]] std::size_t total() const {
    std::size_t sum = 0;
    for (const auto& pool : free_) sum += pool.size();
    return sum;
  }

 private:
  std::vector<std::vector<int>> free_;
  int heads_;
};

/// `count` distinct members of `from`, ascending.
std::vector<int> sample_sorted(std::vector<int> from, std::size_t count, Rng& rng) {
  for (std::size_t i = 0; i < count; ++i) std::swap(from[i], from[i + rng.below(from.size() - i)]);
  from.resize(count);
  std::sort(from.begin(), from.end());
  return from;
}

}  // namespace

std::string head_name(int component, int heads) {
  return str_cat("L", component / heads, ".H", component % heads);
}

CircuitPlan::CircuitPlan(int layers, int heads, const CircuitCounts& counts,
                         const synthetic::CoefficientLaw& law, Rng& rng, std::string_view owner)
    : layers_(layers), heads_(heads) {
  SPEXBENCH_CHECK(counts.order_min <= counts.order_max, owner, ": order_min=", counts.order_min,
                  " is above order_max=", counts.order_max);
  SPEXBENCH_CHECK(counts.and_circuits == 0 || counts.order_max <= layers, owner,
                  ": order_max=", counts.order_max, " is above layers=", layers,
                  ": an and circuit of order k chains heads of k layers");
  SPEXBENCH_CHECK(counts.inhibit_circuits == 0 || counts.order_max - 1 <= layers, owner,
                  ": order_max=", counts.order_max, " needs layers=", counts.order_max - 1,
                  " or more for an inhibit circuit (a chain of order_max - 1 layers), not ",
                  layers);
  FreeHeads free(layers, heads);
  const auto no_room = [&](std::string_view kind, int index, int order) {
    return Error(str_cat(owner, ": the circuits do not fit in layers=", layers, " x heads=", heads,
                         ": no room for ", kind, " circuit ", index + 1, " (order ", order, "; ",
                         free.total(), " heads left)"));
  };
  const auto draw_order = [&] {
    return counts.order_min + static_cast<int>(rng.below(static_cast<std::uint64_t>(
                                  counts.order_max - counts.order_min + 1)));
  };
  // An and-chain through `chain_layers`: one gate per layer, each head reading the previous gate.
  const auto chain = [&](const std::vector<int>& chain_layers, Circuit& circuit) {
    int previous = kFlagSource;
    for (const int layer : chain_layers) {
      const int component = free.take(layer, rng);
      gates_.push_back({.layer = layer, .writers = {{.component = component, .source = previous}}});
      circuit.components.push_back(component);
      previous = static_cast<int>(gates_.size()) - 1;
    }
    circuit.output_gate = previous;
  };

  for (int c = 0; c < counts.and_circuits; ++c) {
    const int order = draw_order();
    const std::vector<int> candidates = free.layers_with(1);
    if (candidates.size() < static_cast<std::size_t>(order)) throw no_room("and", c, order);
    Circuit circuit{.kind = CircuitKind::kAnd};
    chain(sample_sorted(candidates, static_cast<std::size_t>(order), rng), circuit);
    circuit.weight = law.draw(rng);
    circuits_.push_back(std::move(circuit));
  }
  for (int c = 0; c < counts.or_circuits; ++c) {
    const int order = draw_order();
    const std::vector<int> candidates = free.layers_with(static_cast<std::size_t>(order));
    if (candidates.empty()) throw no_room("or", c, order);
    const int layer = candidates[rng.below(candidates.size())];
    Circuit circuit{.kind = CircuitKind::kOr};
    CircuitGate gate{.layer = layer};
    for (int i = 0; i < order; ++i) {
      gate.writers.push_back({.component = free.take(layer, rng)});
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
      const std::vector<int> candidates = free.layers_with(1);
      if (candidates.size() < chain_length) break;
      std::vector<int> drawn = sample_sorted(candidates, chain_length, rng);
      if (free.in_layer(drawn.back()) >= 2) chain_layers = std::move(drawn);
    }
    if (chain_layers.empty()) throw no_room("inhibit", c, order);
    Circuit circuit{.kind = CircuitKind::kInhibit};
    chain(chain_layers, circuit);
    const int inhibitor = free.take(chain_layers.back(), rng);
    gates_[static_cast<std::size_t>(circuit.output_gate)].writers.push_back(
        {.component = inhibitor, .sign = -1.0});
    circuit.components.push_back(inhibitor);
    circuit.weight = law.draw(rng);
    circuits_.push_back(std::move(circuit));
  }
  for (int c = 0; c < counts.noise_heads; ++c) {
    const std::vector<int> candidates = free.layers_with(1);
    if (candidates.empty()) throw no_room("noise", c, 1);
    // Uniform over the free heads, not over the layers.
    std::uint64_t pick = rng.below(free.total());
    int layer = 0;
    for (const int l : candidates) {
      if (pick < free.in_layer(l)) {
        layer = l;
        break;
      }
      pick -= free.in_layer(l);
    }
    Circuit circuit{.kind = CircuitKind::kNoise};
    chain({layer}, circuit);
    const double magnitude = rng.uniform(counts.noise_weight / 2, counts.noise_weight);
    circuit.weight = rng.coin() ? magnitude : -magnitude;
    circuits_.push_back(std::move(circuit));
  }
}

SparsePolynomial CircuitPlan::truth() const {
  SparsePolynomial truth(layers_ * heads_, Basis::kMobius);
  std::vector<std::uint32_t> members;
  // Terms take their features ascending; a circuit lists its heads in wiring order.
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
          << head_name(circuit.components[i], heads_);
    }
  }
  return out.str();
}

}  // namespace spexbench::llm
