#include "results/report/critical_difference_diagram.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "results/number_text.h"
#include "results/report/html_escape.h"

namespace spexbench {
namespace {

constexpr double kAxisWidth = 420, kAxisY = 60, kRowHeight = 22, kGroupGap = 8;
// Labels take about 7.5 px per character at 13 px sans-serif, the widest glyphs a little more.
constexpr double kCharacterWidth = 7.5;

std::string number(double value) { return fixed_decimals(value, 1); }

}  // namespace

std::string critical_difference_svg(const CrossTaskRanking& ranking) {
  if (!ranking.no_ranking.empty() || ranking.explainers.empty()) return "";
  const std::size_t count = ranking.explainers.size();
  std::size_t longest = 0;
  for (const std::string& explainer : ranking.explainers)
    longest = std::max(longest, explainer.size() + 7);  // " (2.50)"
  const double margin = 24 + kCharacterWidth * static_cast<double>(longest);
  const double width = 2 * margin + kAxisWidth;
  const int top_rank = static_cast<int>(count);
  const auto x_of = [&](double rank) {
    return margin + (rank - 1) / std::max(1, top_rank - 1) * kAxisWidth;
  };
  const std::size_t left = (count + 1) / 2;  // the better half is labelled on the left
  const double groups_bottom = kAxisY + 14 + static_cast<double>(ranking.groups.size()) * kGroupGap;
  const double rows = static_cast<double>(std::max(left, count - left));
  const double height = groups_bottom + 16 + rows * kRowHeight + 10;
  std::ostringstream svg;
  svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << number(width) << "\" height=\""
      << number(height) << "\" viewBox=\"0 0 " << number(width) << " " << number(height)
      << "\" font-family=\"sans-serif\" font-size=\"13\">\n<title>Critical-difference diagram: "
         "mean rank by "
      << html_escape(ranking.metric) << "</title>\n<rect width=\"100%\" height=\"100%\" "
      << "fill=\"white\"/>\n";
  // The axis, a tick and number per rank, 1 (best) on the left.
  svg << "<line x1=\"" << number(x_of(1)) << "\" y1=\"" << kAxisY << "\" x2=\""
      << number(x_of(top_rank)) << "\" y2=\"" << kAxisY << "\" stroke=\"black\"/>\n";
  for (int rank = 1; rank <= top_rank; ++rank)
    svg << "<line x1=\"" << number(x_of(rank)) << "\" y1=\"" << kAxisY - 5 << "\" x2=\""
        << number(x_of(rank)) << "\" y2=\"" << kAxisY << "\" stroke=\"black\"/><text x=\""
        << number(x_of(rank)) << "\" y=\"" << kAxisY - 9 << "\" text-anchor=\"middle\">" << rank
        << "</text>\n";
  // The critical difference as a bar above the axis, from rank 1.
  const double cd_end = x_of(std::min<double>(top_rank, 1 + ranking.critical_difference));
  svg << "<line x1=\"" << number(x_of(1)) << "\" y1=\"18\" x2=\"" << number(cd_end)
      << "\" y2=\"18\" stroke=\"black\" stroke-width=\"2\"/><text x=\"" << number(x_of(1))
      << "\" y=\"13\">CD = " << fixed_decimals(ranking.critical_difference, 2) << "</text>\n";
  // Each group as a thick bar below the axis.
  for (std::size_t g = 0; g < ranking.groups.size(); ++g) {
    const auto [first, last] = ranking.groups[g];
    const double y = kAxisY + 12 + static_cast<double>(g) * kGroupGap;
    svg << "<line x1=\"" << number(x_of(ranking.mean_ranks[first]) - 3) << "\" y1=\"" << y
        << "\" x2=\"" << number(x_of(ranking.mean_ranks[last]) + 3) << "\" y2=\"" << y
        << "\" stroke=\"black\" stroke-width=\"4\"/>\n";
  }
  // Each explainer: a drop from its mean rank to its row, then across to its label.
  for (std::size_t i = 0; i < count; ++i) {
    const bool on_left = i < left;
    const std::size_t row = on_left ? i : count - 1 - i;
    const double y = groups_bottom + 16 + static_cast<double>(row) * kRowHeight;
    const double x = x_of(ranking.mean_ranks[i]);
    const double end = on_left ? margin - 10 : width - margin + 10;
    svg << "<polyline points=\"" << number(x) << "," << kAxisY << " " << number(x) << ","
        << number(y) << " " << number(end) << "," << number(y)
        << "\" fill=\"none\" stroke=\"#444\"/><text x=\"" << number(on_left ? end - 4 : end + 4)
        << "\" y=\"" << number(y + 4) << "\" text-anchor=\"" << (on_left ? "end" : "start") << "\">"
        << html_escape(ranking.explainers[i]) << " (" << fixed_decimals(ranking.mean_ranks[i], 2)
        << ")</text>\n";
  }
  svg << "</svg>\n";
  return svg.str();
}

}  // namespace spexbench
