// The one script reports carry: a click on a column's header sorts the table's rows by it (numbers
// by value, text alphabetically, rows without a value last), a second click reverses the order.
// Inline, so that a page needs no network and no second file.
#pragma once

#include <string>

namespace spexbench {

/// A <script> element to place before </body>; it makes every table of the page sortable.
[[nodiscard]] std::string sortable_tables_script();

/// `page` with the script inserted before its </body> (or at its end without one).
[[nodiscard]] std::string with_sortable_tables(std::string page);

}  // namespace spexbench
