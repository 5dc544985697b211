#include "results/explanation_view.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

#include "core/interaction_index.h"
#include "results/number_text.h"

namespace spexbench {
namespace {

/// The k entries of largest |value|, stable on ties (the input's canonical order).
std::vector<ExplanationView::Entry> top(std::vector<ExplanationView::Entry> entries,
                                        std::size_t k) {
  std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    return std::abs(a.value) > std::abs(b.value);
  });
  if (entries.size() > k) entries.resize(k);
  return entries;
}

void section(std::ostringstream& out, const std::string& title,
             const std::vector<ExplanationView::Entry>& entries,
             const std::vector<std::string>& names) {
  out << title << "\n";
  if (entries.empty()) {
    out << "  (none)\n";
    return;
  }
  std::vector<std::string> labels;
  std::size_t width = 0;
  for (const auto& entry : entries) {
    labels.push_back(named_set(entry.components, names));
    width = std::max(width, labels.back().size());
  }
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::string value = significant(entries[i].value, 4);
    out << "  " << labels[i] << ":" << std::string(width - labels[i].size() + 1, ' ')
        << (entries[i].value >= 0 ? " " : "") << value << "\n";
  }
}

}  // namespace

ExplanationView explanation_view(const SparsePolynomial& f, Basis basis, std::size_t k) {
  ExplanationView view;
  view.basis = basis;
  const SparsePolynomial g = f.basis() == basis ? f : f.to_basis(basis);
  view.terms = g.size();
  std::vector<ExplanationView::Entry> interactions, singles;
  for (std::size_t t = 0; t < g.size(); ++t) {
    const auto term = g.term(t);
    ExplanationView::Entry entry{{term.begin(), term.end()}, g.coef(t)};
    if (term.empty()) {
      view.constant = g.coef(t);
      continue;
    }
    if (term.size() == 1) singles.push_back(entry);
    interactions.push_back(std::move(entry));
  }
  view.interactions = top(std::move(interactions), k);
  view.first_order = top(std::move(singles), k);
  const std::vector<double> phi = shapley_values(f);
  std::vector<ExplanationView::Entry> shapley;
  for (std::size_t i = 0; i < phi.size(); ++i)
    if (phi[i] != 0) shapley.push_back({{static_cast<std::uint32_t>(i)}, phi[i]});
  view.shapley = top(std::move(shapley), k);
  return view;
}

std::string named_set(const std::vector<std::uint32_t>& components,
                      const std::vector<std::string>& names) {
  std::string out = "{";
  for (std::size_t i = 0; i < components.size(); ++i) {
    if (i > 0) out += ", ";
    const std::uint32_t c = components[i];
    if (c < names.size()) {
      out += names[c];
    } else {  // appended, not "x" + ...: GCC 12 -O3 warns falsely on that
      out += 'x';
      out += std::to_string(c);
    }
  }
  return out + "}";
}

std::string format_explanation(const ExplanationView& view, const std::vector<std::string>& names) {
  std::ostringstream out;
  const bool mobius = view.basis == Basis::kMobius;
  out << "explanation: " << view.terms << " terms in the " << (mobius ? "Möbius" : "Fourier")
      << " basis; constant " << significant(view.constant, 4)
      << (mobius ? " (the output with every component ablated)\n"
                 : " (the mean output over all masks)\n");
  section(out,
          mobius ? "top interactions (Möbius: what keeping the set adds beyond its subsets)"
                 : "top terms (Fourier)",
          view.interactions, names);
  section(out,
          mobius ? "first-order effects (the output's change when the component alone is kept)"
                 : "first-order Fourier coefficients",
          view.first_order, names);
  section(out, "Shapley values (implied by the explanation)", view.shapley, names);
  return out.str();
}

}  // namespace spexbench
