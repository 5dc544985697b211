#include "datasets/data/group_dataset.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/error.h"
#include "core/rng.h"
#include "datasets/numeric_table.h"
#include "datasets/tabular/tabular_dataset.h"
#include "results/hdf5_guard.h"
#include "results/hdf5_io.h"

namespace spexbench::data {

std::vector<std::vector<std::size_t>> GroupDataset::rows_by_group() const {
  std::vector<std::vector<std::size_t>> out(static_cast<std::size_t>(groups));
  for (std::size_t r = 0; r < group.size(); ++r)
    out[static_cast<std::size_t>(group[r])].push_back(r);
  return out;
}

GroupDataset planted_dataset(int groups, int points, int features, std::uint64_t seed) {
  SPEXBENCH_CHECK(groups >= 5, "data.subsets: the planted dataset needs groups >= 5, got ", groups);
  SPEXBENCH_CHECK(features >= 2, "data.subsets: the planted dataset needs features >= 2, got ",
                  features);
  Rng rng(seed);
  GroupDataset data;
  data.groups = groups;
  data.classes = 2;
  data.group_names = {"redundant 0", "redundant 1", "complement 2", "complement 3", "mislabeled 4"};
  for (int g = 5; g < groups; ++g) data.group_names.push_back(str_cat("group ", g));
  // Planted groups hold kPlantedScale times more rows than the others, so that their structure
  // survives in the average context of many other kept groups (what Fourier terms measure).
  constexpr int kPlanted = 5, kPlantedScale = 4;
  auto size_of = [&](int g) { return g < kPlanted ? kPlantedScale * points : points; };
  Eigen::Index rows = 0;
  for (int g = 0; g < groups; ++g) rows += size_of(g);
  data.features = Eigen::MatrixXd::Zero(rows, features);
  data.labels.resize(static_cast<std::size_t>(rows));
  data.group.resize(static_cast<std::size_t>(rows));
  data.test_features = Eigen::VectorXd::Zero(features);
  data.test_features(0) = 0.3;
  data.test_features(1) = 2.0;  // a feature the base data does not carry
  data.test_label = 1;
  auto draw = [&](Eigen::Index row, int label, double center, double spread) {
    for (int j = 0; j < features; ++j) data.features(row, j) = spread * rng.normal();
    data.features(row, 0) += center;
    data.labels[static_cast<std::size_t>(row)] = label;
  };
  Eigen::Index row = 0;
  for (int g = 0; g < groups; ++g) {
    for (int p = 0; p < size_of(g); ++p, ++row) {
      data.group[static_cast<std::size_t>(row)] = g;
      switch (g) {
        case 0:  // redundant: class-1 rows at the test point ...
          draw(row, 1, 0.3, 0.1);
          data.features(row, 1) += 2.0;
          break;
        case 1:  // ... and group 1 an exact copy of group 0
          data.features.row(row) = data.features.row(p);  // group 0 starts at row 0
          data.labels[static_cast<std::size_t>(row)] = 1;
          break;
        case 2:  // complementary: class-1 rows carrying feature 1 ...
          draw(row, 1, 0.0, 0.1);
          data.features(row, 1) += 2.0;
          break;
        case 3:  // ... and class-0 rows without it
          draw(row, 0, 0.0, 0.1);
          break;
        case 4:  // mislabeled: class-0 rows at the test point
          draw(row, 0, 0.3, 0.1);
          data.features(row, 1) += 2.0;
          break;
        default:
          draw(row, p % 2, p % 2 ? 1.5 : -1.5, 1.0);
      }
    }
  }
  return data;
}

namespace {

/// Labels and groups are whole numbers that fit an int with room to spare: anything else (2.5,
/// 1e300, NaN) is named, not truncated.
bool is_whole_label(double v) { return v == std::floor(v) && std::abs(v) <= 1e9; }

/// The dataset from parsed rows: labels renumbered to 0..K-1, rows assigned to groups by the given
/// column (its first n distinct values, sorted) or dealt at random, the test row set apart.
GroupDataset assemble(const std::string& path, const std::vector<std::vector<double>>& rows,
                      const std::vector<int>& labels, const std::vector<int>& row_groups,
                      const std::string& group_column, int groups, int test_row,
                      std::uint64_t seed) {
  SPEXBENCH_CHECK(!rows.empty(), "data.subsets: ", path, " has no data rows");
  SPEXBENCH_CHECK(test_row >= 0 && test_row < static_cast<int>(rows.size()),
                  "data.subsets: test_row=", test_row, " but ", path, " has ", rows.size(),
                  " data rows");
  std::map<int, int> class_ids;
  for (const int label : labels) class_ids.emplace(label, 0);
  int next = 0;
  for (auto& [label, id] : class_ids) id = next++;
  SPEXBENCH_CHECK(class_ids.size() >= 2, "data.subsets: ", path, " has a single class");

  GroupDataset data;
  data.classes = static_cast<int>(class_ids.size());
  data.groups = groups;
  const auto features = static_cast<Eigen::Index>(rows.front().size());
  SPEXBENCH_CHECK(features > 0, "data.subsets: ", path,
                  " has no feature columns besides the label and group");
  data.test_features =
      Eigen::Map<const Eigen::VectorXd>(rows[static_cast<std::size_t>(test_row)].data(), features);
  data.test_label = class_ids.at(labels[static_cast<std::size_t>(test_row)]);
  std::vector<int> assignment;
  if (!row_groups.empty()) {
    std::map<int, int> group_ids;
    for (std::size_t r = 0; r < rows.size(); ++r)
      if (static_cast<int>(r) != test_row) group_ids.emplace(row_groups[r], 0);
    SPEXBENCH_CHECK(static_cast<int>(group_ids.size()) >= groups, "data.subsets: ", path,
                    ": column '", group_column, "' has ", group_ids.size(),
                    " groups, fewer than n=", groups);
    next = 0;
    for (auto& [g, id] : group_ids) {
      id = next++;
      if (id < groups) data.group_names.push_back(str_cat(group_column, "=", g));
    }
    // Groups beyond the first n (in sorted order) are always kept out: n components only.
    for (std::size_t r = 0; r < rows.size(); ++r)
      assignment.push_back(group_ids.count(row_groups[r]) ? group_ids[row_groups[r]] : -1);
  } else {
    Rng rng(derive_seed(seed, "groups"));
    const std::vector<std::uint32_t> order = rng.sample_without_replacement(
        static_cast<std::uint32_t>(rows.size()), static_cast<std::uint32_t>(rows.size()));
    assignment.assign(rows.size(), 0);
    for (int g = 0; g < groups; ++g) data.group_names.push_back(str_cat("group ", g));
    int dealt = 0;
    for (const std::uint32_t r : order)
      if (static_cast<int>(r) != test_row) assignment[r] = dealt++ % groups;
  }
  std::vector<std::size_t> kept;
  for (std::size_t r = 0; r < rows.size(); ++r)
    if (static_cast<int>(r) != test_row && assignment[r] >= 0 && assignment[r] < groups)
      kept.push_back(r);
  data.features.resize(static_cast<Eigen::Index>(kept.size()), features);
  for (std::size_t k = 0; k < kept.size(); ++k) {
    const std::size_t r = kept[k];
    SPEXBENCH_CHECK(static_cast<Eigen::Index>(rows[r].size()) == features, "data.subsets: ", path,
                    ": row ", r, " has ", rows[r].size(), " features, not ", features);
    data.features.row(static_cast<Eigen::Index>(k)) =
        Eigen::Map<const Eigen::RowVectorXd>(rows[r].data(), features);
    data.labels.push_back(class_ids.at(labels[r]));
    data.group.push_back(assignment[r]);
  }
  return data;
}

}  // namespace

GroupDataset csv_dataset(const std::string& path, const std::string& label_column,
                         const std::string& group_column, int groups, int test_row,
                         std::uint64_t seed) {
  const NumericTable table = read_numeric_table(path, "data.subsets", FirstLine::kColumnNames);
  const std::vector<std::string>& header = table.header;
  const auto find = [&](const std::string& name) {
    const auto it = std::find(header.begin(), header.end(), name);
    return it == header.end() ? -1 : static_cast<int>(it - header.begin());
  };
  const int label_index = find(label_column);
  SPEXBENCH_CHECK(label_index >= 0, "data.subsets: ", path, ": no column '", label_column, "'");
  const int group_index = group_column.empty() ? -1 : find(group_column);
  SPEXBENCH_CHECK(group_column.empty() || group_index >= 0, "data.subsets: ", path, ": no column '",
                  group_column, "'");

  std::vector<std::vector<double>> rows;
  std::vector<int> labels, row_groups;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    std::vector<double> values;
    for (std::size_t c = 0; c < header.size(); ++c) {
      const double v = table.rows[r][c];
      const bool whole = static_cast<int>(c) == label_index || static_cast<int>(c) == group_index;
      SPEXBENCH_CHECK(!whole || is_whole_label(v), "data.subsets: ", path, ":", table.lines[r],
                      ": column '", header[c], "' holds ", v,
                      ", not a whole number of at most 1e9");
      if (static_cast<int>(c) == label_index)
        labels.push_back(static_cast<int>(v));
      else if (static_cast<int>(c) == group_index)
        row_groups.push_back(static_cast<int>(v));
      else
        values.push_back(v);
    }
    rows.push_back(std::move(values));
  }
  return assemble(path, rows, labels, group_index >= 0 ? row_groups : std::vector<int>{},
                  group_column, groups, test_row, seed);
}

GroupDataset bundled_group_dataset(const std::string& name, int groups, int test_row,
                                   std::uint64_t seed) {
  const tabular::TabularDataset table = tabular::bundled_dataset(name);
  SPEXBENCH_CHECK(table.classes > 0, "data.subsets: dataset=", name,
                  " has a regression target; data.subsets trains a classifier");
  std::vector<std::vector<double>> rows;
  std::vector<int> labels;
  for (std::size_t r = 0; r < table.rows(); ++r) {
    rows.emplace_back(
        table.features.begin() + static_cast<std::ptrdiff_t>(r * table.width()),
        table.features.begin() + static_cast<std::ptrdiff_t>((r + 1) * table.width()));
    labels.push_back(static_cast<int>(table.target[r]));
  }
  return assemble(table.source, rows, labels, {}, "", groups, test_row, seed);
}

GroupDataset hdf5_dataset(const std::string& path, int groups, int test_row, std::uint64_t seed) {
  struct Contents {
    std::vector<std::size_t> shape;
    std::vector<double> features, labels, groups;
  };
  const Contents file = [&] {
    const std::lock_guard lock(hdf5::library_mutex());
    return hdf5::read_guarded(path, [](const std::string& p) {
      const hdf5::Group root = hdf5::open_file(p);
      Contents contents;
      contents.shape = root.shape("features");
      SPEXBENCH_CHECK(contents.shape.size() == 2, "data.subsets: ", p,
                      ": 'features' must be 2-D (rows x d)");
      contents.features = root.read_doubles("features");
      contents.labels = root.read_doubles("labels");
      if (root.has("groups")) contents.groups = root.read_doubles("groups");
      return contents;
    });
  }();
  const std::vector<std::size_t>& shape = file.shape;
  SPEXBENCH_CHECK(file.labels.size() == shape[0], "data.subsets: ", path, ": ", file.labels.size(),
                  " labels for ", shape[0], " rows");
  SPEXBENCH_CHECK(file.groups.empty() || file.groups.size() == shape[0], "data.subsets: ", path,
                  ": ", file.groups.size(), " groups for ", shape[0], " rows");
  std::vector<std::vector<double>> rows(shape[0]);
  for (std::size_t r = 0; r < shape[0]; ++r)
    rows[r].assign(file.features.begin() + static_cast<std::ptrdiff_t>(r * shape[1]),
                   file.features.begin() + static_cast<std::ptrdiff_t>((r + 1) * shape[1]));
  const auto whole_numbers = [&](const std::vector<double>& values, std::string_view what) {
    std::vector<int> out;
    for (const double v : values) {
      SPEXBENCH_CHECK(is_whole_label(v), "data.subsets: ", path, ": ", what, " holds ", v,
                      ", not a whole number of at most 1e9");
      out.push_back(static_cast<int>(v));
    }
    return out;
  };
  const std::vector<int> labels = whole_numbers(file.labels, "labels");
  const std::vector<int> row_groups = whole_numbers(file.groups, "groups");
  for (const auto& row : rows)
    for (const double v : row)
      SPEXBENCH_CHECK(std::isfinite(v), "data.subsets: ", path, ": non-finite feature value");
  return assemble(path, rows, labels, row_groups, "groups", groups, test_row, seed);
}

}  // namespace spexbench::data
