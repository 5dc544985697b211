#include "datasets/numeric_table.h"

#include <zlib.h>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.h"

namespace spexbench {
namespace {

/// The whole file as text, inflated when it is gzip (zlib reads plain files unchanged too).
std::string read_text(const std::string& path, std::string_view owner) {
  SPEXBENCH_CHECK(std::filesystem::is_regular_file(path), owner, ": cannot open '", path,
                  "': no such file");
  gzFile file = gzopen(path.c_str(), "rb");
  SPEXBENCH_CHECK(file != nullptr, owner, ": cannot open '", path, "'");
  std::string text;
  char buffer[1 << 16];
  int got = 0;
  while ((got = gzread(file, buffer, sizeof buffer)) > 0)
    text.append(buffer, static_cast<std::size_t>(got));
  int code = Z_OK;
  const std::string problem = got < 0 ? gzerror(file, &code) : "";
  gzclose(file);
  SPEXBENCH_CHECK(got == 0, owner, ": cannot read '", path, "': ", problem);
  return text;
}

std::string_view trim(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

}  // namespace

std::vector<std::string> split_fields(std::string_view line, Separator separator) {
  std::vector<std::string> fields;
  if (separator == Separator::kWhitespace) {
    std::istringstream stream{std::string(line)};
    for (std::string field; stream >> field;) fields.push_back(field);
    return fields;
  }
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    fields.emplace_back(line.substr(start, comma - start));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (fields.size() == 1 && trim(fields[0]).empty()) fields.clear();
  return fields;
}

NumericTable read_numeric_table(const std::string& path, std::string_view owner,
                                FirstLine first_line, Separator separator) {
  const std::string text = read_text(path, owner);
  NumericTable table;
  std::istringstream in(text);
  std::string line;
  int line_number = 0;
  const bool has_header = first_line == FirstLine::kColumnNames;
  if (first_line != FirstLine::kData) {
    SPEXBENCH_CHECK(static_cast<bool>(std::getline(in, line)), owner, ": ", path, " is empty");
    line_number = 1;
    for (const std::string& name : split_fields(line, separator))
      table.header.emplace_back(trim(name));
    SPEXBENCH_CHECK(!has_header || !table.header.empty(), owner, ": ", path,
                    ":1: the header line names no columns");
  }
  std::size_t width = has_header ? table.header.size() : 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (trim(line).empty()) continue;
    const std::vector<std::string> fields = split_fields(line, separator);
    if (width == 0) width = fields.size();
    SPEXBENCH_CHECK(fields.size() == width, owner, ": ", path, ":", line_number, ": ",
                    fields.size(), " fields, ",
                    has_header ? "the header has " : "the first row has ", width);
    std::vector<double> row(fields.size());
    for (std::size_t c = 0; c < fields.size(); ++c) {
      const std::string_view field = trim(fields[c]);
      const auto result = std::from_chars(field.data(), field.data() + field.size(), row[c]);
      SPEXBENCH_CHECK(
          !field.empty() && result.ec == std::errc() && result.ptr == field.data() + field.size() &&
              std::isfinite(row[c]),
          owner, ": ", path, ":", line_number, ": column '",
          has_header && c < table.header.size() ? table.header[c] : std::to_string(c + 1),
          "' has '", fields[c], "', not a number");
    }
    table.rows.push_back(std::move(row));
    table.lines.push_back(line_number);
  }
  return table;
}

}  // namespace spexbench
