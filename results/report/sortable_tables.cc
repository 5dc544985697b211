#include "results/report/sortable_tables.h"

namespace spexbench {

std::string sortable_tables_script() {
  return R"(<script>
(function () {
  // The number a cell starts with ("0.9216 [0.90, 0.94]", "5/5", "-0.37"), or null ("-", text).
  function number(text) {
    var match = text.trim().match(/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/);
    return match ? parseFloat(match[0]) : null;
  }
  function sortBy(table, column, header) {
    var rows = Array.prototype.slice.call(table.rows, 1);
    var descending = header.getAttribute('aria-sort') === 'ascending';
    rows.sort(function (a, b) {
      var x = a.cells[column] ? a.cells[column].textContent : '';
      var y = b.cells[column] ? b.cells[column].textContent : '';
      var nx = number(x), ny = number(y);
      if (nx !== null && ny !== null) return descending ? ny - nx : nx - ny;
      if (nx !== null) return -1;  // rows without a value last, either way
      if (ny !== null) return 1;
      return descending ? y.localeCompare(x) : x.localeCompare(y);
    });
    Array.prototype.forEach.call(table.rows[0].cells, function (cell) {
      cell.removeAttribute('aria-sort');
    });
    header.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
    var body = table.rows[0].parentNode;
    rows.forEach(function (row) { body.appendChild(row); });
  }
  Array.prototype.forEach.call(document.querySelectorAll('table'), function (table) {
    if (table.rows.length < 3) return;
    Array.prototype.forEach.call(table.rows[0].cells, function (header, column) {
      if (header.tagName !== 'TH') return;
      header.style.cursor = 'pointer';
      header.title = 'sort by this column (again: reverse)';
      header.addEventListener('click', function () { sortBy(table, column, header); });
    });
  });
})();
</script>
)";
}

std::string with_sortable_tables(std::string page) {
  const std::size_t end = page.rfind("</body>");
  page.insert(end == std::string::npos ? page.size() : end, sortable_tables_script());
  return page;
}

}  // namespace spexbench
