// Damaged HDF5 files are errors naming the file, never a crash or a hang inside libhdf5: files this
// project writes carry checksummed metadata, and files without checksums are read in a child first.
#include "results/hdf5_guard.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

#include "core/cell.h"
#include "core/error.h"
#include "core/task.h"
#include "results/hdf5_io.h"
#include "results/results_file.h"
#include "tests/scratch_folder.h"

namespace spexbench {
namespace {

namespace fs = std::filesystem;

class Hdf5GuardTest : public testing::ScratchFolderTest {};

std::vector<char> bytes_of(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const fs::path& path, const std::vector<char>& bytes) {
  std::ofstream(path, std::ios::binary)
      .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

fs::path small_results_file(const fs::path& dir) {
  const CellResult cell = run_cell({.task = "synthetic.soum:n=6,s=3,d=2",
                                    .explainer = "exhaustive",
                                    .budget = 64,
                                    .holdout = 8,
                                    .metrics = {"r2"}});
  const fs::path path = dir / "cell.h5";
  write_results(path, Provenance::collect("test"), std::span(&cell, 1));
  return path;
}

TEST_F(Hdf5GuardTest, ResultsFilesAreWrittenWithChecksummedMetadata) {
  EXPECT_TRUE(hdf5::has_checksummed_metadata(small_results_file(dir_).string()));
  write_bytes(dir_ / "text.h5", {'n', 'o', 't', ' ', 'h', 'd', 'f', '5'});
  EXPECT_FALSE(hdf5::has_checksummed_metadata((dir_ / "text.h5").string()));
}

TEST_F(Hdf5GuardTest, EveryDamagedByteOfAResultsFileIsAnErrorOrHarmless) {
  // Each byte in turn is flipped: the read either fails with an Error or returns the file (a
  // damaged value in raw data), and never crashes the test or runs past its time.
  const fs::path good = small_results_file(dir_);
  const std::vector<char> bytes = bytes_of(good);
  const fs::path damaged = dir_ / "damaged.h5";
  int errors = 0, reads = 0;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    std::vector<char> copy = bytes;
    copy[i] = static_cast<char>(copy[i] ^ 0x5a);
    write_bytes(damaged, copy);
    try {
      (void)read_results(damaged);
      ++reads;
    } catch (const Error&) {
      ++errors;
    }
  }
  EXPECT_GT(errors, 0);
  EXPECT_GT(reads + errors, 100);
}

/// A results file as schema 1 wrote it: HDF5's earliest format, a variable-length string in the
/// global heap.
fs::path old_format_file(const fs::path& dir) {
  const fs::path path = dir / "old.h5";
  const hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  const hid_t type = H5Tcopy(H5T_C_S1);
  H5Tset_size(type, H5T_VARIABLE);
  const hid_t space = H5Screate(H5S_SCALAR);
  const hid_t attribute = H5Acreate2(file, "format", type, space, H5P_DEFAULT, H5P_DEFAULT);
  const char* text = "spexbench.results";
  H5Awrite(attribute, type, &text);
  H5Aclose(attribute);
  H5Sclose(space);
  H5Tclose(type);
  H5Fclose(file);
  return path;
}

TEST_F(Hdf5GuardTest, AnOldFormatFileThatHangsLibhdf5IsAnErrorInBoundedTime) {
  const fs::path path = old_format_file(dir_);
  EXPECT_FALSE(hdf5::has_checksummed_metadata(path.string()));
  // The global heap's first object gets a size that wraps its length to zero: libhdf5 1.10 then
  // walks the heap forever.
  std::vector<char> bytes = bytes_of(path);
  const auto heap = std::search(bytes.begin(), bytes.end(), "GCOL", "GCOL" + 4);
  ASSERT_NE(heap, bytes.end());
  const std::size_t size_field = static_cast<std::size_t>(heap - bytes.begin()) + 16 + 8;
  const std::uint64_t wrapping = ~std::uint64_t{0} - 15;
  std::memcpy(bytes.data() + size_field, &wrapping, sizeof(wrapping));
  write_bytes(path, bytes);

  const auto start = std::chrono::steady_clock::now();
  try {
    (void)read_results(path);
    FAIL() << "a damaged global heap was read";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos) << e.what();
  }
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 60.0);
}

TEST_F(Hdf5GuardTest, AnOldFormatFileStillReads) {
  // The schema-1 reference of the regression gate, written before files had checksums.
  const fs::path reference = fs::path(SPEXBENCH_SOURCE_DIR) / "results/reference/regression.h5";
  ASSERT_FALSE(hdf5::has_checksummed_metadata(reference.string()));
  const ResultsFile file = read_results(reference);
  EXPECT_EQ(file.schema_version, 1);
  EXPECT_GT(file.cells.size(), 10u);
}

/// Declares a chunked double dataset of the given extents and writes none of its chunks: a few KB
/// on disk, whatever it declares.
void declare_dataset(hid_t file, const char* name, std::initializer_list<hsize_t> extents) {
  const std::vector<hsize_t> dims(extents);
  std::vector<hsize_t> chunk(dims.size());
  for (std::size_t d = 0; d < dims.size(); ++d) chunk[d] = std::min<hsize_t>(dims[d], 1024);
  const hid_t space = H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr);
  ASSERT_GE(space, 0);
  const hid_t properties = H5Pcreate(H5P_DATASET_CREATE);
  H5Pset_chunk(properties, static_cast<int>(chunk.size()), chunk.data());
  const hid_t dataset =
      H5Dcreate2(file, name, H5T_NATIVE_DOUBLE, space, H5P_DEFAULT, properties, H5P_DEFAULT);
  ASSERT_GE(dataset, 0);
  H5Dclose(dataset);
  H5Pclose(properties);
  H5Sclose(space);
}

/// The error data.subsets gives for an HDF5 file of features and labels; empty when it reads.
std::string data_subsets_error(const fs::path& path) {
  try {
    (void)TaskRegistry::global().create("data.subsets:n=5,source=hdf5,hdf5=" + path.string(),
                                        {.seed = 1});
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST_F(Hdf5GuardTest, ADatasetDeclaringMoreValuesThanTheFileHoldsIsAnError) {
  const fs::path path = dir_ / "huge.h5";
  const hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  ASSERT_GE(file, 0);
  declare_dataset(file, "features", {hsize_t{1} << 40, 2});
  declare_dataset(file, "labels", {hsize_t{1} << 40});
  H5Fclose(file);
  const std::string error = data_subsets_error(path);
  EXPECT_NE(error.find("more than a file of"), std::string::npos) << error;
}

TEST_F(Hdf5GuardTest, ADatasetWhoseExtentsWrapAround2To64IsAnError) {
  // 4 x 2^62 values: the product wraps to 0, which a file of any size could hold, while each row
  // would span 2^62 values.
  const fs::path path = dir_ / "wrapping.h5";
  const hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  ASSERT_GE(file, 0);
  declare_dataset(file, "features", {4, hsize_t{1} << 62});
  declare_dataset(file, "labels", {4});
  H5Fclose(file);
  const std::string error = data_subsets_error(path);
  EXPECT_NE(error.find("more values than 2^64"), std::string::npos) << error;
}

}  // namespace
}  // namespace spexbench
