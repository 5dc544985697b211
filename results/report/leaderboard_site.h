// The leaderboard as a static site (spexbench report --html DIR/): an index with the ranking
// across tasks, its critical-difference diagram, the reference comparison and a line per task
// linking its page; a page per task with its per-budget tables. Every table sorts by a click on a
// header (results/report/sortable_tables.h); nothing is fetched from a network.
#pragma once

#include <string>
#include <vector>

#include "results/report/leaderboard.h"

namespace spexbench {

struct SitePage {
  std::string path;  ///< relative to the site's folder ("index.html", "tasks/1-....html")
  std::string html;
};

/// `summary_html` (the ranking across tasks) and `appendix_html` (the explanation links) go on the
/// index page.
[[nodiscard]] std::vector<SitePage> leaderboard_site(const Leaderboard& board,
                                                     const std::string& title,
                                                     const std::string& summary_html,
                                                     const std::string& appendix_html);

}  // namespace spexbench
