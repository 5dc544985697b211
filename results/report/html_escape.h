// Text placed in HTML pages (the leaderboard, the explanation pages).
#pragma once

#include <string>

namespace spexbench {

/// `text` with &, <, > and " escaped, for element content and quoted attributes.
[[nodiscard]] std::string html_escape(const std::string& text);

}  // namespace spexbench
