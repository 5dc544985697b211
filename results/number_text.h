// Numbers as the reports print them (summaries, leaderboards, the regression gate's table).
#pragma once

#include <string>

namespace spexbench {

/// `digits` digits after the point: fixed_decimals(0.98765, 3) == "0.988".
[[nodiscard]] std::string fixed_decimals(double value, int digits);

/// `digits` significant digits, exponent where printf's %g puts one: significant(1234.5, 3) ==
/// "1.23e+03".
[[nodiscard]] std::string significant(double value, int digits);

}  // namespace spexbench
