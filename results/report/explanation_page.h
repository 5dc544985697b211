// One cell's explanation as a web page, linked from the HTML leaderboard (spexbench report
// --html): a bar chart of its top interactions with the components named, its first-order effects
// and Shapley values, and, for tasks over the words of a text, the text with the words of the top
// interactions marked. Static and self-contained: inline SVG and CSS, no script, no network.
#pragma once

#include <span>
#include <string>

#include "core/cell.h"

namespace spexbench {

/// The page of a cell that holds an explanation (Möbius basis, top k of each list).
[[nodiscard]] std::string explanation_page(const CellResult& cell, std::size_t k = 10);

/// "<cell id>.html": the page's file name in the pages' folder.
[[nodiscard]] std::string explanation_page_name(const CellResult& cell);

/// A section for the leaderboard page: every cell with an explanation, linked to its page in
/// `folder` (relative to the leaderboard), with its task, explainer, budget and R^2.
[[nodiscard]] std::string explanation_links_html(std::span<const CellResult> cells,
                                                 const std::string& folder);

}  // namespace spexbench
