#include "results/report/explanation_page.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "results/explanation_view.h"
#include "results/number_text.h"
#include "results/report/html_escape.h"

namespace spexbench {
namespace {

constexpr const char* kStyle =
    "body{font-family:sans-serif;max-width:60em;margin:2em auto;color:#222;}"
    "table{border-collapse:collapse;}td,th{padding:2px 8px;border-bottom:1px solid #ddd;}"
    "mark{background:#fde68a;padding:0 2px;border-radius:3px;}"
    ".words{font-size:1.2em;line-height:1.8em;}.neg{fill:#b91c1c;}.pos{fill:#1d4ed8;}";

/// Tasks whose components are the words of a text, in order.
bool over_words(const CellResult& cell) {
  return cell.spec.task.starts_with("llm.sentiment") ||
         cell.spec.task.starts_with("llm.torchscript");
}

/// A component's name as it reads in the text: without the "@<index>" of repeated words.
std::string word_of(const std::string& name) {
  const std::size_t at = name.rfind('@');
  return at == std::string::npos ? name : name.substr(0, at);
}

/// Horizontal bars, one per entry, signed around a zero line.
std::string bar_chart(const std::vector<ExplanationView::Entry>& entries,
                      const std::vector<std::string>& names) {
  if (entries.empty()) return "<p>(none)</p>\n";
  double largest = 0;
  for (const auto& entry : entries) largest = std::max(largest, std::abs(entry.value));
  constexpr int kLabel = 320, kHalf = 200, kRow = 24;
  const int height = kRow * static_cast<int>(entries.size()) + 8;
  std::ostringstream svg;
  svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << kLabel + 2 * kHalf + 80
      << "\" height=\"" << height << "\" role=\"img\">\n";
  const int zero = kLabel + kHalf;
  svg << "<line x1=\"" << zero << "\" y1=\"0\" x2=\"" << zero << "\" y2=\"" << height
      << "\" stroke=\"#888\"/>\n";
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const double value = entries[i].value;
    const int width =
        largest > 0 ? static_cast<int>(std::lround(kHalf * std::abs(value) / largest)) : 0;
    const int y = kRow * static_cast<int>(i) + 4;
    svg << "<text x=\"" << kLabel - 6 << "\" y=\"" << y + 16 << "\" text-anchor=\"end\">"
        << html_escape(named_set(entries[i].components, names)) << "</text>"
        << "<rect class=\"" << (value < 0 ? "neg" : "pos") << "\" x=\""
        << (value < 0 ? zero - width : zero) << "\" y=\"" << y << "\" width=\"" << width
        << "\" height=\"" << kRow - 6 << "\"/>"
        << "<text x=\"" << (value < 0 ? zero + 6 : zero - 6) << "\" y=\"" << y + 16
        << "\" text-anchor=\"" << (value < 0 ? "start" : "end") << "\">"
        << html_escape(significant(value, 4)) << "</text>\n";
  }
  return svg.str() + "</svg>\n";
}

std::string entry_table(const std::string& title,
                        const std::vector<ExplanationView::Entry>& entries,
                        const std::vector<std::string>& names) {
  std::ostringstream out;
  out << "<h2>" << title << "</h2>\n<table><tr><th>components</th><th>value</th></tr>\n";
  for (const auto& entry : entries)
    out << "<tr><td>" << html_escape(named_set(entry.components, names)) << "</td><td>"
        << html_escape(significant(entry.value, 4)) << "</td></tr>\n";
  return out.str() + "</table>\n";
}

}  // namespace

std::string explanation_page_name(const CellResult& cell) { return cell.id + ".html"; }

std::string explanation_page(const CellResult& cell, std::size_t k) {
  const std::vector<std::string>& names = cell.component_names;
  std::ostringstream out;
  const std::string title = cell.spec.explainer + " on " + cell.spec.task;
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
      << html_escape(title) << "</title><style>" << kStyle << "</style></head><body>\n<h1>"
      << html_escape(title) << "</h1>\n<p>cell <code>" << html_escape(cell.id)
      << "</code>, n=" << cell.num_features << ", instance " << cell.spec.instance << ", budget "
      << cell.spec.budget << ", " << html_escape(std::string(cell_status_name(cell.status)));
  if (const MetricValue* r2 = cell.metric("r2"))
    out << ", R<sup>2</sup> on held-out masks " << html_escape(significant(r2->value, 4));
  out << "</p>\n";
  if (!cell.task_info.empty()) {
    out << "<table>\n";
    for (const auto& [name, value] : cell.task_info)
      out << "<tr><td>" << html_escape(name) << "</td><td>" << html_escape(value) << "</td></tr>\n";
    out << "</table>\n";
  }
  if (!cell.estimate) return out.str() + "<p>This cell holds no explanation.</p></body></html>\n";
  const ExplanationView view = explanation_view(*cell.estimate, Basis::kMobius, k);
  if (over_words(cell)) {
    // The text, each word of a top interaction marked and titled with its interactions.
    std::vector<std::string> roles(names.size());
    for (const auto& entry : view.interactions)
      for (const std::uint32_t c : entry.components)
        if (c < roles.size())
          roles[c] += (roles[c].empty() ? "" : "; ") + named_set(entry.components, names) + ": " +
                      significant(entry.value, 4);
    out << "<h2>The text</h2>\n<p class=\"words\">";
    for (std::size_t i = 0; i < names.size(); ++i) {
      const std::string word = html_escape(word_of(names[i]));
      out << (i ? " " : "");
      if (roles[i].empty())
        out << word;
      else
        out << "<mark title=\"" << html_escape(roles[i]) << "\">" << word << "</mark>";
    }
    out << "</p>\n";
  }
  out << "<h2>Top interactions (Möbius: what keeping the set adds beyond its subsets)</h2>\n"
      << "<p>" << view.terms << " terms; with every component ablated the output is "
      << html_escape(significant(view.constant, 4)) << ".</p>\n"
      << bar_chart(view.interactions, names)
      << entry_table("First-order effects", view.first_order, names)
      << entry_table("Shapley values (implied by the explanation)", view.shapley, names)
      << "</body></html>\n";
  return out.str();
}

std::string explanation_links_html(std::span<const CellResult> cells, const std::string& folder) {
  std::ostringstream out;
  out << "<h2>Explanations</h2>\n<table><tr><th>task</th><th>explainer</th><th>instance</th>"
         "<th>budget</th><th>r2</th><th>page</th></tr>\n";
  for (const CellResult& cell : cells) {
    if (!cell.estimate) continue;
    const MetricValue* r2 = cell.metric("r2");
    out << "<tr><td><code>" << html_escape(cell.spec.task) << "</code></td><td><code>"
        << html_escape(cell.spec.explainer) << "</code></td><td>" << cell.spec.instance
        << "</td><td>" << cell.spec.budget << "</td><td>"
        << (r2 ? html_escape(fixed_decimals(r2->value, 4)) : "-") << "</td><td><a href=\""
        << html_escape(folder + "/" + explanation_page_name(cell)) << "\">" << html_escape(cell.id)
        << "</a></td></tr>\n";
  }
  return out.str() + "</table>\n";
}

}  // namespace spexbench
