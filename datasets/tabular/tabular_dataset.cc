#include "datasets/tabular/tabular_dataset.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>

#include "core/error.h"
#include "datasets/numeric_table.h"
#include "results/hdf5_guard.h"
#include "results/hdf5_io.h"

namespace spexbench::tabular {
namespace {

constexpr const char* kOwner = "tabular.trees";

/// The feature names scikit-learn gives each bundled dataset (its loaders hold them, not the
/// files).
std::vector<std::string> breast_cancer_columns() {
  const std::vector<std::string> measures{
      "radius",      "texture",   "perimeter",      "area",     "smoothness",
      "compactness", "concavity", "concave points", "symmetry", "fractal dimension"};
  std::vector<std::string> columns;
  for (const char* group : {"mean ", "", "worst "})
    for (const std::string& measure : measures)
      columns.push_back(*group == '\0' ? measure + " error" : group + measure);
  return columns;
}

std::vector<std::string> digits_columns() {
  std::vector<std::string> columns;
  for (int r = 0; r < 8; ++r)
    for (int c = 0; c < 8; ++c) columns.push_back(str_cat("pixel_", r, "_", c));
  return columns;
}

std::string bundled_path(const std::string& file) {
  const std::string path = (std::filesystem::path(bundled_data_folder()) / file).string();
  SPEXBENCH_CHECK(std::filesystem::is_regular_file(path), kOwner, ": the bundled dataset file ",
                  path,
                  " is missing: it ships with Debian's python3-sklearn (apt-get install "
                  "python3-sklearn, or scripts/install-deps.sh), or set SPEXBENCH_SKLEARN_DATA to "
                  "a folder holding it");
  return path;
}

/// Rows of features with the class last: the layout of every bundled classification file.
/// breast_cancer, iris and wine start with a line "rows,columns,class names..." (the class count
/// is read from it); digits has no such line.
TabularDataset class_last_csv(const std::string& file, std::vector<std::string> columns,
                              FirstLine first_line, int classes = 0) {
  TabularDataset data;
  data.source = bundled_path(file);
  const NumericTable table = read_numeric_table(data.source, kOwner, first_line);
  if (first_line == FirstLine::kPreamble) {
    SPEXBENCH_CHECK(table.header.size() >= 3, kOwner, ": ", data.source,
                    ": the first line should read rows,columns,class names");
    classes = static_cast<int>(table.header.size()) - 2;
  }
  data.columns = std::move(columns);
  data.classes = classes;
  for (const auto& row : table.rows) {
    SPEXBENCH_CHECK(row.size() == data.width() + 1, kOwner, ": ", data.source, " has ", row.size(),
                    " columns, expected ", data.width() + 1);
    data.features.insert(data.features.end(), row.begin(), row.end() - 1);
    data.target.push_back(row.back());
  }
  return data;
}

TabularDataset load_diabetes() {
  TabularDataset data;
  data.source = bundled_path("diabetes_data_raw.csv.gz");
  const NumericTable table =
      read_numeric_table(data.source, kOwner, FirstLine::kData, Separator::kWhitespace);
  const NumericTable target = read_numeric_table(bundled_path("diabetes_target.csv.gz"), kOwner,
                                                 FirstLine::kData, Separator::kWhitespace);
  SPEXBENCH_CHECK(table.rows.size() == target.rows.size(), kOwner, ": ", data.source, " has ",
                  table.rows.size(), " rows but its target file ", target.rows.size());
  data.columns = {"age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"};
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    SPEXBENCH_CHECK(table.rows[r].size() == 10 && target.rows[r].size() == 1, kOwner, ": ",
                    data.source, " is not 10 features and 1 target per row");
    data.features.insert(data.features.end(), table.rows[r].begin(), table.rows[r].end());
    data.target.push_back(target.rows[r][0]);
  }
  return data;
}

/// With `classification`, the targets must be whole numbers: renumbered 0..K-1 in increasing
/// order. `where(r)` names row r's target in errors.
template <class Where>
void number_classes(TabularDataset& data, bool classification, const Where& where) {
  if (!classification) return;
  std::map<double, int> class_of;
  for (std::size_t r = 0; r < data.target.size(); ++r) {
    const double y = data.target[r];
    SPEXBENCH_CHECK(y == std::floor(y) && std::abs(y) <= 1e9, kOwner, ": ", where(r), " holds ", y,
                    ", not a class (a whole number of at most 1e9)");
    class_of.emplace(y, 0);
  }
  int next = 0;
  for (auto& [value, index] : class_of) index = next++;
  for (double& y : data.target) y = class_of.at(y);
  data.classes = next;
}

}  // namespace

const std::vector<std::string>& bundled_dataset_names() {
  static const std::vector<std::string> names{"breast_cancer", "diabetes", "digits", "iris",
                                              "wine"};
  return names;
}

std::string bundled_data_folder() {
  if (const char* folder = std::getenv("SPEXBENCH_SKLEARN_DATA"); folder && *folder) return folder;
  return "/usr/lib/python3/dist-packages/sklearn/datasets/data";
}

TabularDataset bundled_dataset(const std::string& name) {
  if (name == "breast_cancer")
    return class_last_csv("breast_cancer.csv", breast_cancer_columns(), FirstLine::kPreamble);
  if (name == "diabetes") return load_diabetes();
  if (name == "digits")
    return class_last_csv("digits.csv.gz", digits_columns(), FirstLine::kData, /*classes=*/10);
  if (name == "iris")
    return class_last_csv(
        "iris.csv",
        {"sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"},
        FirstLine::kPreamble);
  if (name == "wine")
    return class_last_csv("wine_data.csv",
                          {"alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium",
                           "total_phenols", "flavanoids", "nonflavanoid_phenols", "proanthocyanins",
                           "color_intensity", "hue", "od280/od315_of_diluted_wines", "proline"},
                          FirstLine::kPreamble);
  std::string candidates;
  for (const std::string& known : bundled_dataset_names())
    candidates += (candidates.empty() ? "" : ", ") + known;
  throw Error(str_cat(kOwner, ": no bundled dataset '", name, "'; the datasets are ", candidates,
                      ", or dataset=csv with csv=FILE"));
}

TabularDataset csv_tabular_dataset(const std::string& path, const std::string& target_column,
                                   bool classification) {
  const NumericTable table = read_numeric_table(path, kOwner, FirstLine::kColumnNames);
  SPEXBENCH_CHECK(table.header.size() >= 2, kOwner, ": ", path,
                  " needs a target and at least one feature column");
  SPEXBENCH_CHECK(!table.rows.empty(), kOwner, ": ", path, " has no data rows");
  std::size_t target_index = table.header.size() - 1;
  if (!target_column.empty()) {
    const auto it = std::find(table.header.begin(), table.header.end(), target_column);
    SPEXBENCH_CHECK(it != table.header.end(), kOwner, ": ", path, ": no column '", target_column,
                    "'");
    target_index = static_cast<std::size_t>(it - table.header.begin());
  }
  TabularDataset data;
  data.source = path;
  for (std::size_t c = 0; c < table.header.size(); ++c)
    if (c != target_index) data.columns.push_back(table.header[c]);
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    for (std::size_t c = 0; c < row.size(); ++c)
      if (c != target_index) data.features.push_back(static_cast<float>(row[c]));
    data.target.push_back(row[target_index]);
  }
  number_classes(data, classification, [&](std::size_t r) {
    return str_cat(path, ":", table.lines[r], ": target column '", table.header[target_index], "'");
  });
  return data;
}

TabularDataset hdf5_tabular_dataset(const std::string& path, bool classification) {
  struct Contents {
    std::vector<std::size_t> shape;
    std::vector<double> features, target;
    std::vector<std::string> columns;
  };
  const Contents file = [&] {
    const std::lock_guard lock(hdf5::library_mutex());
    return hdf5::read_guarded(path, [](const std::string& p) {
      const hdf5::Group root = hdf5::open_file(p);
      Contents contents;
      contents.shape = root.shape("features");
      SPEXBENCH_CHECK(contents.shape.size() == 2, kOwner, ": ", p,
                      ": 'features' must be 2-D (rows x d)");
      contents.features = root.read_doubles("features");
      SPEXBENCH_CHECK(root.has("target") || root.has("labels"), kOwner, ": ", p,
                      " has neither 'target' nor 'labels'");
      contents.target = root.read_doubles(root.has("target") ? "target" : "labels");
      if (root.has("columns")) contents.columns = root.read_strings("columns");
      return contents;
    });
  }();
  const std::size_t rows = file.shape[0], width = file.shape[1];
  SPEXBENCH_CHECK(rows > 0 && width > 0, kOwner, ": ", path, ": 'features' is empty");
  SPEXBENCH_CHECK(file.target.size() == rows, kOwner, ": ", path, ": ", file.target.size(),
                  " targets for ", rows, " rows");
  SPEXBENCH_CHECK(file.columns.empty() || file.columns.size() == width, kOwner, ": ", path, ": ",
                  file.columns.size(), " column names for ", width, " features");
  TabularDataset data;
  data.source = path;
  data.columns = file.columns;
  if (data.columns.empty())
    for (std::size_t j = 0; j < width; ++j) data.columns.push_back(str_cat("x", j));
  for (std::size_t i = 0; i < file.features.size(); ++i) {
    SPEXBENCH_CHECK(std::isfinite(file.features[i]), kOwner, ": ", path, ": feature value of row ",
                    i / width, ", column ", i % width, " is not finite");
    data.features.push_back(static_cast<float>(file.features[i]));
  }
  for (const double y : file.target)
    SPEXBENCH_CHECK(std::isfinite(y), kOwner, ": ", path, ": a target is not finite");
  data.target = file.target;
  number_classes(data, classification,
                 [&](std::size_t r) { return str_cat(path, ": target of row ", r); });
  return data;
}

}  // namespace spexbench::tabular
