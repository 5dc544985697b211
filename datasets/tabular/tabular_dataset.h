// A table of real features and a target, read from the datasets Debian's python3-sklearn ships
// (found at run time) or from a user's CSV file: what tabular.trees trains its model on.
#pragma once

#include <string>
#include <vector>

namespace spexbench::tabular {

struct TabularDataset {
  std::string source;                ///< the file read
  std::vector<std::string> columns;  ///< feature names
  std::vector<float> features;       ///< rows x columns, row-major (XGBoost's float32 inputs)
  std::vector<double> target;        ///< class index (classification) or value (regression)
  int classes = 0;                   ///< 0: regression

  [[nodiscard]] std::size_t rows() const { return target.size(); }
  [[nodiscard]] std::size_t width() const { return columns.size(); }
  [[nodiscard]] float at(std::size_t row, std::size_t column) const {
    return features[row * width() + column];
  }
};

/// The bundled datasets' names: breast_cancer (569 x 30, 2 classes), diabetes (442 x 10,
/// regression), digits (1,797 x 64, 10 classes), iris (150 x 4, 3 classes), wine (178 x 13,
/// 3 classes).
[[nodiscard]] const std::vector<std::string>& bundled_dataset_names();

/// The folder holding the bundled files: $SPEXBENCH_SKLEARN_DATA when set, else python3-sklearn's
/// (/usr/lib/python3/dist-packages/sklearn/datasets/data).
[[nodiscard]] std::string bundled_data_folder();

/// Reads a bundled dataset. Throws spexbench::Error naming the package when its files are
/// missing, and listing the names for an unknown one.
[[nodiscard]] TabularDataset bundled_dataset(const std::string& name);

/// A CSV file with a header row of column names and numeric fields; `target_column` (empty: the
/// last column) is the target. With `classification`, its values must be whole numbers and are
/// renumbered 0..K-1 in increasing order. Errors name the file and line.
[[nodiscard]] TabularDataset csv_tabular_dataset(const std::string& path,
                                                 const std::string& target_column,
                                                 bool classification);

/// An HDF5 file with datasets `features` (rows x d), `target` (rows; `labels` is read when there is
/// no `target`, as data.subsets' files name it) and optionally `columns` (d strings, the feature
/// names; else x<i>). Classes as for CSV files. Errors name the file and the problem.
[[nodiscard]] TabularDataset hdf5_tabular_dataset(const std::string& path, bool classification);

}  // namespace spexbench::tabular
