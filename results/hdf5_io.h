// A thin RAII layer over the HDF5 C API: the only header of the project that includes hdf5.h.
// Every failure becomes a spexbench::Error naming the file and the object; HDF5's own error stack
// printing is switched off.
#pragma once

#include <hdf5.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace spexbench::hdf5 {

/// Owns one hid_t and closes it with the matching H5?close.
class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle() = default;
  Handle(hid_t id, Closer closer) : id_(id), closer_(closer) {}
  Handle(Handle&& other) noexcept : id_(other.id_), closer_(other.closer_) { other.id_ = -1; }
  Handle& operator=(Handle&& other) noexcept;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle();
  [[nodiscard]] hid_t get() const { return id_; }
  /// Closes now and returns the closer's status (a destructor cannot report a failed close).
  herr_t close();

 private:
  hid_t id_ = -1;
  Closer closer_ = nullptr;
};

/// A group (or the file's root group) and the path used in error messages.
class Group {
 public:
  Group(Handle handle, std::string where) : handle_(std::move(handle)), where_(std::move(where)) {}

  /// A new group. Given how many links it will hold and their names' length, HDF5 sizes its
  /// object header for them at once; grown one link at a time, each growth walks the header's
  /// chunks (a 10,000-cell merge into 4,096 groups: 48.8 s without the estimate, 19.1 s with).
  [[nodiscard]] Group create_group(const std::string& name, std::size_t expected_links = 0,
                                   std::size_t expected_name_chars = 0) const;
  [[nodiscard]] Group open_group(const std::string& name) const;
  [[nodiscard]] bool has(const std::string& name) const;
  [[nodiscard]] std::vector<std::string> children() const;
  [[nodiscard]] const std::string& where() const { return where_; }
  /// For the root group of a file made by create_memory_file, with no other object of it open: the
  /// file's bytes. Closes the file.
  [[nodiscard]] std::vector<char> take_image();

  void set_attribute(const std::string& name, const std::string& value) const;
  void set_attribute(const std::string& name, std::int64_t value) const;
  void set_attribute(const std::string& name, std::uint64_t value) const;
  void set_attribute(const std::string& name, double value) const;
  [[nodiscard]] bool has_attribute(const std::string& name) const;
  [[nodiscard]] std::vector<std::string> attribute_names() const;
  [[nodiscard]] std::string string_attribute(const std::string& name) const;
  [[nodiscard]] std::int64_t int_attribute(const std::string& name) const;
  /// An int attribute, checked to lie in [low, high] before it is narrowed: a damaged file gives an
  /// error naming it, not a wrapped value.
  [[nodiscard]] int int_attribute_in(const std::string& name, int low,
                                     int high = std::numeric_limits<int>::max()) const;
  [[nodiscard]] std::uint64_t uint_attribute(const std::string& name) const;
  [[nodiscard]] double double_attribute(const std::string& name) const;

  /// 1-D dataset, or 2-D when columns > 0 (row-major, rows = size / columns); chunked and
  /// deflate-compressed when large.
  void write(const std::string& name, std::span<const double> data, std::size_t columns = 0) const;
  void write(const std::string& name, std::span<const std::uint64_t> data,
             std::size_t columns = 0) const;
  void write(const std::string& name, std::span<const std::uint32_t> data,
             std::size_t columns = 0) const;
  void write(const std::string& name, std::span<const std::int64_t> data,
             std::size_t columns = 0) const;
  /// A 1-D dataset of variable-length UTF-8 strings (h5py reads it as a list of bytes/str).
  void write_strings(const std::string& name, std::span<const std::string> data) const;
  /// A scalar double dataset (used for metric values, which carry attributes of their own).
  void write_scalar(const std::string& name, double value) const;
  [[nodiscard]] Group dataset_attributes(const std::string& name) const;

  [[nodiscard]] std::vector<double> read_doubles(const std::string& name) const;
  [[nodiscard]] std::vector<std::uint64_t> read_uint64(const std::string& name) const;
  [[nodiscard]] std::vector<std::uint32_t> read_uint32(const std::string& name) const;
  [[nodiscard]] std::vector<std::int64_t> read_int64(const std::string& name) const;
  /// Values [first, first + count) of a 1-D dataset: a large dataset is read a block at a time.
  /// Error when the dataset is not 1-D or ends before them.
  [[nodiscard]] std::vector<double> read_doubles(const std::string& name, std::size_t first,
                                                 std::size_t count) const;
  [[nodiscard]] std::vector<std::uint64_t> read_uint64(const std::string& name, std::size_t first,
                                                       std::size_t count) const;
  [[nodiscard]] std::vector<std::uint32_t> read_uint32(const std::string& name, std::size_t first,
                                                       std::size_t count) const;
  [[nodiscard]] std::vector<std::int64_t> read_int64(const std::string& name, std::size_t first,
                                                     std::size_t count) const;
  [[nodiscard]] double read_scalar(const std::string& name) const;
  /// A 1-D dataset of variable-length strings; Error when it holds anything else.
  [[nodiscard]] std::vector<std::string> read_strings(const std::string& name) const;
  /// Dimensions of a dataset.
  [[nodiscard]] std::vector<std::size_t> shape(const std::string& name) const;

 private:
  void write_raw(const std::string& name, hid_t type, const void* data, std::size_t size,
                 std::size_t columns) const;
  /// The dataset `name`; Error naming it when it is missing or does not open.
  [[nodiscard]] Handle open_dataset(const std::string& name) const;
  [[nodiscard]] std::vector<std::size_t> shape_of(hid_t dataset, const std::string& name) const;
  /// The number of values a dataset declares, after checking that the file is large enough to
  /// hold them.
  [[nodiscard]] std::size_t checked_count(hid_t dataset, const std::string& name,
                                          std::size_t element_bytes) const;
  /// Reads exactly `size` values of `type`; Error when the dataset holds another number.
  void read_raw(hid_t dataset, const std::string& name, hid_t type, void* data,
                std::size_t size) const;
  template <typename T>
  [[nodiscard]] std::vector<T> read_vector(const std::string& name, hid_t type) const;
  template <typename T>
  [[nodiscard]] std::vector<T> read_slice(const std::string& name, hid_t type, std::size_t first,
                                          std::size_t count) const;

  Handle handle_;
  std::string where_;
};

/// Creates (truncating) a file; its root group.
[[nodiscard]] Group create_file(const std::string& path);
/// A new HDF5 file held in memory only (`name` for messages): HDF5 never writes to the disk, so a
/// full disk cannot leave it with a half-closed file; Group::take_image gives its bytes, for a
/// writer that checks every write itself.
[[nodiscard]] Group create_memory_file(const std::string& name);
/// Opens a file read-only; its root group. Throws a clear Error for missing or corrupt files.
[[nodiscard]] Group open_file(const std::string& path);
/// "1.10.8"
[[nodiscard]] std::string library_version();

}  // namespace spexbench::hdf5
