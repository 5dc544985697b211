#include "datasets/numeric_table.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>

#include "core/error.h"

namespace spexbench {
namespace {

namespace fs = std::filesystem;

fs::path temp(const std::string& name) {
  return fs::temp_directory_path() / ("spexbench_table_" + name);
}

std::string error_of(const fs::path& path, FirstLine first, Separator separator) {
  try {
    (void)read_numeric_table(path.string(), "test", first, separator);
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(NumericTable, ReadsCommaAndWhitespaceFilesPlainOrGzip) {
  const fs::path plain = temp("plain.csv");
  std::ofstream(plain) << "a, b\n1,2.5\n\n-3,4e2\n";
  const NumericTable csv = read_numeric_table(plain.string(), "test", FirstLine::kColumnNames);
  EXPECT_EQ(csv.header, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(csv.rows, (std::vector<std::vector<double>>{{1, 2.5}, {-3, 400}}));
  EXPECT_EQ(csv.lines, (std::vector<int>{2, 4}));  // the blank line is skipped, not renumbered

  const fs::path packed = temp("packed.txt.gz");
  gzFile out = gzopen(packed.c_str(), "wb");
  ASSERT_NE(out, nullptr);
  const std::string text = "569 30 2\n1  2\t3\n4 5 6\n";
  gzwrite(out, text.data(), static_cast<unsigned>(text.size()));
  gzclose(out);
  const NumericTable spaced =
      read_numeric_table(packed.string(), "test", FirstLine::kPreamble, Separator::kWhitespace);
  EXPECT_EQ(spaced.header, (std::vector<std::string>{"569", "30", "2"}));
  EXPECT_EQ(spaced.rows, (std::vector<std::vector<double>>{{1, 2, 3}, {4, 5, 6}}));
}

TEST(NumericTable, ProblemsNameTheFileAndLine) {
  const fs::path ragged = temp("ragged.csv");
  std::ofstream(ragged) << "1,2\n3\n";
  EXPECT_NE(error_of(ragged, FirstLine::kData, Separator::kComma)
                .find("test: " + ragged.string() + ":2: 1 fields, the first row has 2"),
            std::string::npos);
  const fs::path infinite = temp("infinite.csv");
  std::ofstream(infinite) << "a,b\n1,inf\n";
  EXPECT_NE(error_of(infinite, FirstLine::kColumnNames, Separator::kComma)
                .find(":2: column 'b' has 'inf', not a number"),
            std::string::npos);
  // Found by the csv_dataset fuzz target: an empty header line, then a field that is no number.
  const fs::path headless = temp("headless.csv");
  std::ofstream(headless) << "\n-3,-0.7,0,.group\n0.5,1.0,1,0\n";
  EXPECT_NE(error_of(headless, FirstLine::kColumnNames, Separator::kComma)
                .find(":1: the header line names no columns"),
            std::string::npos);
  EXPECT_NE(error_of(temp("absent.csv"), FirstLine::kData, Separator::kComma).find("no such file"),
            std::string::npos);
}

}  // namespace
}  // namespace spexbench
