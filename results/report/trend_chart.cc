#include "results/report/trend_chart.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>

#include "results/number_text.h"
#include "results/report/html_escape.h"

namespace spexbench {
namespace {

constexpr double kWidth = 560, kHeight = 300, kLeft = 70, kRight = 20, kTop = 40, kBottom = 50;

std::string at(double value) { return fixed_decimals(value, 1); }

}  // namespace

std::string trend_svg(const Series& series, const std::vector<Step>& steps,
                      const std::vector<Version>& versions) {
  double low = std::numeric_limits<double>::infinity(), high = -low;
  for (const SeriesPoint& point : series.points)
    for (const double v : point.samples) {
      low = std::min(low, v);
      high = std::max(high, v);
    }
  if (!(low <= high)) low = 0, high = 1;
  if (high - low < 1e-12 * std::max(1.0, std::abs(high))) low -= 0.5, high += 0.5;
  const double pad = (high - low) * 0.08;
  low -= pad;
  high += pad;
  const std::size_t count = series.points.size();
  const auto x_of = [&](std::size_t v) {
    return kLeft + (count < 2 ? 0.5 : static_cast<double>(v) / static_cast<double>(count - 1)) *
                       (kWidth - kLeft - kRight);
  };
  const auto y_of = [&](double value) {
    return kTop + (high - value) / (high - low) * (kHeight - kTop - kBottom);
  };
  std::ostringstream svg;
  svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << kWidth << "\" height=\"" << kHeight
      << "\" font-family=\"sans-serif\" font-size=\"11\">\n"
      << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n<text x=\"" << kLeft
      << "\" y=\"18\" font-size=\"12\">" << html_escape(series.group + " | " + series.what)
      << "</text>\n";
  // The axes: three value ticks, a label per version.
  svg << "<line x1=\"" << kLeft << "\" y1=\"" << kTop << "\" x2=\"" << kLeft << "\" y2=\""
      << kHeight - kBottom << "\" stroke=\"black\"/>\n";
  for (const double fraction : {0.0, 0.5, 1.0}) {
    const double value = low + fraction * (high - low);
    svg << "<text x=\"" << kLeft - 6 << "\" y=\"" << at(y_of(value) + 4)
        << "\" text-anchor=\"end\">" << significant(value, 3) << "</text>\n";
  }
  for (std::size_t v = 0; v < count; ++v)
    svg << "<text x=\"" << at(x_of(v)) << "\" y=\"" << kHeight - kBottom + 16
        << "\" text-anchor=\"middle\">v" << v + 1 << "</text><title>"
        << html_escape(v < versions.size() ? versions[v].label : "") << "</title>\n";
  // Each step, then the means joined, then each version's range and mean.
  for (const Step& step : steps) {
    const double x = (x_of(step.version - 1) + x_of(step.version)) / 2;
    svg << "<line x1=\"" << at(x) << "\" y1=\"" << kTop << "\" x2=\"" << at(x) << "\" y2=\""
        << kHeight - kBottom << "\" stroke=\"#D55E00\" stroke-dasharray=\"5,4\"/><text x=\""
        << at(x + 3) << "\" y=\"" << kTop + 10 << "\" fill=\"#D55E00\">"
        << (step.worse ? "worse" : "better") << "</text>\n";
  }
  std::string path;
  for (std::size_t v = 0; v < count; ++v) {
    const auto& samples = series.points[v].samples;
    if (samples.empty()) continue;
    const double mean =
        std::accumulate(samples.begin(), samples.end(), 0.0) / static_cast<double>(samples.size());
    const auto [min, max] = std::minmax_element(samples.begin(), samples.end());
    svg << "<line x1=\"" << at(x_of(v)) << "\" y1=\"" << at(y_of(*min)) << "\" x2=\"" << at(x_of(v))
        << "\" y2=\"" << at(y_of(*max)) << "\" stroke=\"#0072B2\" "
        << "stroke-width=\"3\" opacity=\"0.4\"/>\n<circle cx=\"" << at(x_of(v)) << "\" cy=\""
        << at(y_of(mean)) << "\" r=\"4\" fill=\"#0072B2\"/>\n";
    if (!path.empty()) path += ' ';
    path += at(x_of(v));
    path += ',';
    path += at(y_of(mean));
  }
  svg << "<polyline points=\"" << path << "\" fill=\"none\" stroke=\"#0072B2\"/>\n</svg>\n";
  return svg.str();
}

}  // namespace spexbench
