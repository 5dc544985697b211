// Numeric tables from text files, the one reader of users' CSV files and of the datasets Debian
// ships (comma- or whitespace-separated, plain or gzip-compressed). Every problem is a
// spexbench::Error that names the task, the file and the line.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace spexbench {

struct NumericTable {
  std::vector<std::string> header;        ///< the first line's fields, unless it is data
  std::vector<std::vector<double>> rows;  ///< every data row, all of one width
  std::vector<int> lines;                 ///< the file's line number of each row (1-based)
};

enum class Separator { kComma, kWhitespace };
/// The first line: data; the columns' names (rows must match its width); or a line of its own
/// (read into `header` as text, e.g. scikit-learn's "rows,columns,class names").
enum class FirstLine { kData, kColumnNames, kPreamble };

/// Reads `path` (gzip-compressed or plain).
/// Blank lines are skipped; a ragged row, an empty or non-numeric or non-finite field is an error
/// "<owner>: <path>:<line>: ...".
[[nodiscard]] NumericTable read_numeric_table(const std::string& path, std::string_view owner,
                                              FirstLine first_line,
                                              Separator separator = Separator::kComma);

/// The fields of one line (kComma: a trailing comma ends an empty field; kWhitespace: runs of
/// blanks separate).
[[nodiscard]] std::vector<std::string> split_fields(std::string_view line, Separator separator);

}  // namespace spexbench
