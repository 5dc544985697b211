#include "results/hdf5_io.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <limits>

#include "core/error.h"

namespace spexbench::hdf5 {
namespace {

// Silence HDF5's automatic error-stack printing once per process: we report errors ourselves.
const bool kErrorPrintingOff = [] {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  return true;
}();

void check(herr_t status, const std::string& what) { SPEXBENCH_CHECK(status >= 0, "HDF5: ", what); }

hid_t check_id(hid_t id, const std::string& what) {
  SPEXBENCH_CHECK(id >= 0, "HDF5: ", what);
  return id;
}

constexpr std::size_t kChunkThreshold = 4096;  // elements; smaller datasets stay contiguous

/// HDF5 moves the links of a group with more than 8 members, and the attributes of an object with
/// more than 8, out of the object header into a fractal heap whose blocks carry no checksum. Kept
/// in the (checksummed) object header up to HDF5's limit of 65,535 instead; only beyond it (a file
/// of more cells than that) do they move.
constexpr unsigned kMaxCompact = 65535;

/// Creation properties of `kind` (group, dataset or file) keeping attributes, and for groups and
/// files links, in the object header.
Handle compact_creation(hid_t kind, bool has_links) {
  Handle properties(check_id(H5Pcreate(kind), "creation properties"), H5Pclose);
  if (has_links)
    check(H5Pset_link_phase_change(properties.get(), kMaxCompact, kMaxCompact), "compact links");
  check(H5Pset_attr_phase_change(properties.get(), kMaxCompact, kMaxCompact), "compact attributes");
  return properties;
}

Handle group_creation() { return compact_creation(H5P_GROUP_CREATE, true); }
Handle dataset_creation() { return compact_creation(H5P_DATASET_CREATE, false); }
Handle file_creation() { return compact_creation(H5P_FILE_CREATE, true); }

/// File access properties that write the 1.8 format or later: superblock version 2 and version 2
/// object headers, whose metadata HDF5 checksums and checks on every read (hdf5_guard.h). HDF5
/// 1.8 and later (h5py, MATLAB, R's hdf5r) read it.
Handle checksummed_access() {
  Handle access(check_id(H5Pcreate(H5P_FILE_ACCESS), "file access properties"), H5Pclose);
  check(H5Pset_libver_bounds(access.get(), H5F_LIBVER_V18, H5F_LIBVER_LATEST), "format bounds");
  return access;
}

}  // namespace

Handle& Handle::operator=(Handle&& other) noexcept {
  if (this != &other) {
    if (id_ >= 0 && closer_ != nullptr) closer_(id_);
    id_ = other.id_;
    closer_ = other.closer_;
    other.id_ = -1;
  }
  return *this;
}

Handle::~Handle() {
  if (id_ >= 0 && closer_ != nullptr) closer_(id_);
}

herr_t Handle::close() {
  const herr_t status = id_ >= 0 && closer_ != nullptr ? closer_(id_) : 0;
  id_ = -1;
  return status;
}

namespace {

// Exported by libhdf5 (since 1.8.7) though declared only in its private headers: the checksum
// (Jenkins' lookup3) that HDF5 puts on metadata.
extern "C" std::uint32_t H5_checksum_metadata(const void* data, std::size_t length,
                                              std::uint32_t initial);

/// H5Fget_file_image clears the superblock's "open for writing" flag in the image it returns but
/// keeps the checksum computed with the flag set (HDF5 1.10), so the image would not open. The
/// checksum is recomputed over the superblock as the image has it.
void reseal_superblock(std::vector<char>& image, const std::string& where) {
  SPEXBENCH_CHECK(image.size() >= 12 && std::memcmp(image.data(), "\x89HDF\r\n\x1a\n", 8) == 0,
                  "the image of ", where, " does not start with a superblock");
  const auto version = static_cast<unsigned char>(image[8]);
  if (version < 2) return;  // versions 0 and 1 have no checksum
  const std::size_t offsets = static_cast<unsigned char>(image[9]);
  const std::size_t length =
      12 + 4 * offsets;  // signature, 4 bytes of sizes and flags, 4 addresses
  SPEXBENCH_CHECK(image.size() >= length + 4, "the image of ", where, " is truncated");
  const std::uint32_t checksum = H5_checksum_metadata(image.data(), length, 0);
  for (int i = 0; i < 4; ++i)
    image[length + i] = static_cast<char>((checksum >> (8 * i)) & 0xff);  // little-endian
}

}  // namespace

std::vector<char> Group::take_image() {
  check(H5Fflush(handle_.get(), H5F_SCOPE_GLOBAL), "cannot flush " + where_);
  const ssize_t size = H5Fget_file_image(handle_.get(), nullptr, 0);
  SPEXBENCH_CHECK(size > 0, "cannot take the image of ", where_);
  std::vector<char> image(static_cast<std::size_t>(size));
  SPEXBENCH_CHECK(H5Fget_file_image(handle_.get(), image.data(), image.size()) == size,
                  "cannot take the image of ", where_);
  check(handle_.close(), "cannot close " + where_);
  reseal_superblock(image, where_);
  return image;
}

Group create_file(const std::string& path) {
  (void)kErrorPrintingOff;
  const Handle access = checksummed_access();
  const hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, file_creation().get(), access.get());
  SPEXBENCH_CHECK(file >= 0, "cannot create results file '", path, "'");
  return Group(Handle(file, H5Fclose), path + ":/");
}

Group create_memory_file(const std::string& name) {
  (void)kErrorPrintingOff;
  const Handle access = checksummed_access();
  check(H5Pset_fapl_core(access.get(), std::size_t{1} << 20, 0), "in-memory file driver");
  const hid_t file = H5Fcreate(name.c_str(), H5F_ACC_TRUNC, file_creation().get(), access.get());
  SPEXBENCH_CHECK(file >= 0, "cannot create results file '", name, "' in memory");
  return Group(Handle(file, H5Fclose), name + ":/");
}

Group open_file(const std::string& path) {
  (void)kErrorPrintingOff;
  SPEXBENCH_CHECK(std::filesystem::exists(path), "results file '", path, "' does not exist");
  SPEXBENCH_CHECK(H5Fis_hdf5(path.c_str()) > 0, "'", path,
                  "' is not an HDF5 file (corrupt or truncated?)");
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  SPEXBENCH_CHECK(file >= 0, "cannot open results file '", path, "' (corrupt or truncated?)");
  return Group(Handle(file, H5Fclose), path + ":/");
}

std::string library_version() {
  unsigned major = 0, minor = 0, release = 0;
  H5get_libversion(&major, &minor, &release);
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(release);
}

Group Group::create_group(const std::string& name, std::size_t expected_links,
                          std::size_t expected_name_chars) const {
  const Handle creation = group_creation();
  if (expected_links > 0) {
    // Clamped to HDF5's limits (links kept compact, 16-bit estimates); an estimate only sizes
    // the header, so a larger group still works.
    const auto clamp = [](std::size_t value, std::size_t high) {
      return static_cast<unsigned>(std::min(value, high));
    };
    check(H5Pset_est_link_info(creation.get(), clamp(expected_links, kMaxCompact),
                               clamp(std::max<std::size_t>(expected_name_chars, 1), 65535)),
          "link estimate");
  }
  const hid_t id =
      check_id(H5Gcreate2(handle_.get(), name.c_str(), H5P_DEFAULT, creation.get(), H5P_DEFAULT),
               "cannot create group '" + name + "' in " + where_);
  return Group(Handle(id, H5Gclose), where_ + name + "/");
}

Group Group::open_group(const std::string& name) const {
  // Opened first and looked up only on failure: a lookup scans the group's links, as the open does.
  const hid_t id = H5Gopen2(handle_.get(), name.c_str(), H5P_DEFAULT);
  if (id < 0) {
    SPEXBENCH_CHECK(has(name), where_, ": missing group '", name, "'");
    throw Error(str_cat("HDF5: cannot open group '", name, "' in ", where_));
  }
  return Group(Handle(id, H5Gclose), where_ + name + "/");
}

bool Group::has(const std::string& name) const {
  return H5Lexists(handle_.get(), name.c_str(), H5P_DEFAULT) > 0;
}

std::vector<std::string> Group::children() const {
  // One pass over the links in name order (by index, each lookup would sort them all again).
  std::vector<std::string> names;
  auto collect = [](hid_t, const char* name, const H5L_info_t*, void* out) -> herr_t {
    static_cast<std::vector<std::string>*>(out)->emplace_back(name);
    return 0;
  };
  hsize_t index = 0;
  check(H5Literate(handle_.get(), H5_INDEX_NAME, H5_ITER_INC, &index, collect, &names),
        "cannot list " + where_);
  return names;
}

namespace {

void write_attribute(hid_t object, const std::string& where, const std::string& name, hid_t type,
                     const void* value) {
  Handle space(check_id(H5Screate(H5S_SCALAR), "dataspace"), H5Sclose);
  if (H5Aexists(object, name.c_str()) > 0) H5Adelete(object, name.c_str());
  Handle attribute(
      check_id(H5Acreate2(object, name.c_str(), type, space.get(), H5P_DEFAULT, H5P_DEFAULT),
               "cannot create attribute '" + name + "' on " + where),
      H5Aclose);
  check(H5Awrite(attribute.get(), type, value), "cannot write attribute '" + name + "'");
}

/// Every attribute the project reads holds one value: one of any other shape is a corrupt or
/// foreign file, and reading it into one value would write past it.
Handle open_attribute(hid_t object, const std::string& where, const std::string& name) {
  SPEXBENCH_CHECK(H5Aexists(object, name.c_str()) > 0, where, ": missing attribute '", name, "'");
  Handle attribute(check_id(H5Aopen(object, name.c_str(), H5P_DEFAULT),
                            "cannot open attribute '" + name + "' on " + where),
                   H5Aclose);
  const Handle space(
      check_id(H5Aget_space(attribute.get()), "dataspace of attribute '" + name + "'"), H5Sclose);
  const hssize_t points = H5Sget_simple_extent_npoints(space.get());
  SPEXBENCH_CHECK(points == 1, where, ": attribute '", name, "' holds ", points,
                  " values where one is expected (corrupt or not written by spexbench)");
  return attribute;
}

}  // namespace

void Group::set_attribute(const std::string& name, const std::string& value) const {
  // Fixed length, not variable: variable-length strings live in HDF5's global heap, the one
  // metadata structure without a checksum.
  Handle type(check_id(H5Tcopy(H5T_C_S1), "string type"), H5Tclose);
  check(H5Tset_size(type.get(), std::max<std::size_t>(value.size(), 1)), "string type");
  check(H5Tset_strpad(type.get(), H5T_STR_NULLPAD), "string type");
  check(H5Tset_cset(type.get(), H5T_CSET_UTF8), "string type");
  std::string padded = value;
  padded.resize(std::max<std::size_t>(value.size(), 1), '\0');
  write_attribute(handle_.get(), where_, name, type.get(), padded.data());
}

void Group::set_attribute(const std::string& name, std::int64_t value) const {
  write_attribute(handle_.get(), where_, name, H5T_NATIVE_INT64, &value);
}

void Group::set_attribute(const std::string& name, std::uint64_t value) const {
  write_attribute(handle_.get(), where_, name, H5T_NATIVE_UINT64, &value);
}

void Group::set_attribute(const std::string& name, double value) const {
  write_attribute(handle_.get(), where_, name, H5T_NATIVE_DOUBLE, &value);
}

bool Group::has_attribute(const std::string& name) const {
  return H5Aexists(handle_.get(), name.c_str()) > 0;
}

std::vector<std::string> Group::attribute_names() const {
  std::vector<std::string> names;
  auto collect = [](hid_t, const char* name, const H5A_info_t*, void* out) -> herr_t {
    static_cast<std::vector<std::string>*>(out)->emplace_back(name);
    return 0;
  };
  hsize_t index = 0;
  check(H5Aiterate2(handle_.get(), H5_INDEX_NAME, H5_ITER_INC, &index, collect, &names),
        "cannot list attributes of " + where_);
  return names;
}

std::string Group::string_attribute(const std::string& name) const {
  const Handle attribute = open_attribute(handle_.get(), where_, name);
  Handle file_type(check_id(H5Aget_type(attribute.get()), "attribute type"), H5Tclose);
  SPEXBENCH_CHECK(H5Tget_class(file_type.get()) == H5T_STRING, where_, ": attribute '", name,
                  "' is not a string");
  if (H5Tis_variable_str(file_type.get()) > 0) {
    // Read with the file's own string type: HDF5 does not convert between character sets.
    Handle type(check_id(H5Tcopy(file_type.get()), "string type"), H5Tclose);
    char* text = nullptr;
    check(H5Aread(attribute.get(), type.get(), &text), "cannot read attribute '" + name + "'");
    std::string value = text != nullptr ? text : "";
    Handle space(check_id(H5Aget_space(attribute.get()), "dataspace"), H5Sclose);
    H5Dvlen_reclaim(type.get(), space.get(), H5P_DEFAULT, &text);
    return value;
  }
  const std::size_t size = H5Tget_size(file_type.get());
  std::string value(size, '\0');
  check(H5Aread(attribute.get(), file_type.get(), value.data()),
        "cannot read attribute '" + name + "'");
  while (!value.empty() && value.back() == '\0') value.pop_back();
  return value;
}

std::int64_t Group::int_attribute(const std::string& name) const {
  std::int64_t value = 0;
  const Handle attribute = open_attribute(handle_.get(), where_, name);
  check(H5Aread(attribute.get(), H5T_NATIVE_INT64, &value), "cannot read attribute '" + name + "'");
  return value;
}

int Group::int_attribute_in(const std::string& name, int low, int high) const {
  const std::int64_t value = int_attribute(name);
  SPEXBENCH_CHECK(value >= low && value <= high, where_, ": attribute '", name, "' = ", value,
                  " is out of range [", low, ", ", high, "] (corrupt or not written by spexbench)");
  return static_cast<int>(value);
}

std::uint64_t Group::uint_attribute(const std::string& name) const {
  std::uint64_t value = 0;
  const Handle attribute = open_attribute(handle_.get(), where_, name);
  check(H5Aread(attribute.get(), H5T_NATIVE_UINT64, &value),
        "cannot read attribute '" + name + "'");
  return value;
}

double Group::double_attribute(const std::string& name) const {
  double value = 0;
  const Handle attribute = open_attribute(handle_.get(), where_, name);
  check(H5Aread(attribute.get(), H5T_NATIVE_DOUBLE, &value),
        "cannot read attribute '" + name + "'");
  return value;
}

namespace {

/// Creation properties of a dataset of `dims` (rank 1 or 2) whose rows take `row_bytes`. Its data
/// is checksummed like HDF5's metadata, so that a damaged byte anywhere in a file is an error on
/// reading, not a wrong value: a small dataset is kept in its (checksummed) object header; a large
/// one is chunked, deflated and given a Fletcher-32 checksum per chunk. (Chunking a small one
/// would cost about 1.8 kB of file each: a one-cell file grew from 30 to 164 kB.)
Handle checksummed_dataset(int rank, const hsize_t* dims, std::size_t row_bytes,
                           std::size_t elements) {
  Handle properties = dataset_creation();
  if (dims[0] == 0 || (rank == 2 && dims[1] == 0)) return properties;  // no data to damage
  constexpr std::size_t kCompactBytes = 8192;
  if (dims[0] * row_bytes <= kCompactBytes) {
    check(H5Pset_layout(properties.get(), H5D_COMPACT), "compact layout");
    return properties;
  }
  constexpr std::size_t kChunkBytes = std::size_t{1} << 19;
  hsize_t chunk[2] = {
      std::clamp<hsize_t>(kChunkBytes / std::max<std::size_t>(row_bytes, 1), 1, dims[0]),
      rank == 2 ? dims[1] : 1};
  check(H5Pset_chunk(properties.get(), rank, chunk), "chunking");
  if (elements >= kChunkThreshold) check(H5Pset_deflate(properties.get(), 4), "compression");
  check(H5Pset_fletcher32(properties.get()), "checksum");
  return properties;
}

}  // namespace

void Group::write_raw(const std::string& name, hid_t type, const void* data, std::size_t size,
                      std::size_t columns) const {
  hsize_t dims[2] = {static_cast<hsize_t>(columns > 0 ? size / columns : size),
                     static_cast<hsize_t>(columns)};
  const int rank = columns > 0 ? 2 : 1;
  Handle space(check_id(H5Screate_simple(rank, dims, nullptr), "dataspace"), H5Sclose);
  const Handle properties =
      checksummed_dataset(rank, dims, H5Tget_size(type) * std::max<std::size_t>(columns, 1), size);
  Handle dataset(check_id(H5Dcreate2(handle_.get(), name.c_str(), type, space.get(), H5P_DEFAULT,
                                     properties.get(), H5P_DEFAULT),
                          "cannot create dataset '" + name + "' in " + where_),
                 H5Dclose);
  if (size > 0)
    check(H5Dwrite(dataset.get(), type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data),
          "cannot write dataset '" + name + "' in " + where_);
}

void Group::write(const std::string& name, std::span<const double> data,
                  std::size_t columns) const {
  write_raw(name, H5T_NATIVE_DOUBLE, data.data(), data.size(), columns);
}
void Group::write(const std::string& name, std::span<const std::uint64_t> data,
                  std::size_t columns) const {
  write_raw(name, H5T_NATIVE_UINT64, data.data(), data.size(), columns);
}
void Group::write(const std::string& name, std::span<const std::uint32_t> data,
                  std::size_t columns) const {
  write_raw(name, H5T_NATIVE_UINT32, data.data(), data.size(), columns);
}
void Group::write(const std::string& name, std::span<const std::int64_t> data,
                  std::size_t columns) const {
  write_raw(name, H5T_NATIVE_INT64, data.data(), data.size(), columns);
}

void Group::write_strings(const std::string& name, std::span<const std::string> data) const {
  // Fixed length, like the string attributes (set_attribute): no global heap.
  std::size_t width = 1;
  for (const std::string& text : data) width = std::max(width, text.size());
  Handle type(check_id(H5Tcopy(H5T_C_S1), "string type"), H5Tclose);
  check(H5Tset_size(type.get(), width), "string type");
  check(H5Tset_strpad(type.get(), H5T_STR_NULLPAD), "string type");
  check(H5Tset_cset(type.get(), H5T_CSET_UTF8), "string type");
  std::string packed(data.size() * width, '\0');
  for (std::size_t i = 0; i < data.size(); ++i) packed.replace(i * width, data[i].size(), data[i]);
  const hsize_t extent = data.size();
  Handle space(check_id(H5Screate_simple(1, &extent, nullptr), "dataspace"), H5Sclose);
  const Handle properties = checksummed_dataset(1, &extent, width, data.size());
  Handle dataset(check_id(H5Dcreate2(handle_.get(), name.c_str(), type.get(), space.get(),
                                     H5P_DEFAULT, properties.get(), H5P_DEFAULT),
                          "cannot create dataset '" + name + "' in " + where_),
                 H5Dclose);
  if (!data.empty())
    check(H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, packed.data()),
          "cannot write dataset '" + name + "'");
}

std::vector<std::string> Group::read_strings(const std::string& name) const {
  const Handle dataset = open_dataset(name);
  SPEXBENCH_CHECK(shape_of(dataset.get(), name).size() == 1, where_, ": dataset '", name,
                  "' is not 1-D");
  Handle file_type(check_id(H5Dget_type(dataset.get()), "dataset type"), H5Tclose);
  SPEXBENCH_CHECK(
      H5Tget_class(file_type.get()) == H5T_STRING && H5Tis_variable_str(file_type.get()) == 0,
      where_, ": dataset '", name, "' does not hold fixed-length strings");
  const std::size_t width = H5Tget_size(file_type.get());
  SPEXBENCH_CHECK(width > 0, where_, ": dataset '", name, "' has strings of no size");
  const std::size_t count = checked_count(dataset.get(), name, width);
  std::string packed(count * width, '\0');
  if (count > 0) {
    // Read with the file's own string type: HDF5 does not convert between character sets.
    check(H5Dread(dataset.get(), file_type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, packed.data()),
          "cannot read dataset '" + name + "'");
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < count; ++i) {
    std::string text = packed.substr(i * width, width);
    text.resize(std::min(text.size(), text.find('\0')));
    out.push_back(std::move(text));
  }
  return out;
}

void Group::write_scalar(const std::string& name, double value) const {
  Handle space(check_id(H5Screate(H5S_SCALAR), "dataspace"), H5Sclose);
  Handle dataset(check_id(H5Dcreate2(handle_.get(), name.c_str(), H5T_NATIVE_DOUBLE, space.get(),
                                     H5P_DEFAULT, dataset_creation().get(), H5P_DEFAULT),
                          "cannot create dataset '" + name + "' in " + where_),
                 H5Dclose);
  check(H5Dwrite(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, &value),
        "cannot write dataset '" + name + "'");
}

Group Group::dataset_attributes(const std::string& name) const {
  return Group(open_dataset(name), where_ + name + "@");
}

Handle Group::open_dataset(const std::string& name) const {
  // Opened first and looked up only on failure: a lookup scans the group's links, as the open does.
  const hid_t id = H5Dopen2(handle_.get(), name.c_str(), H5P_DEFAULT);
  if (id < 0) {
    SPEXBENCH_CHECK(has(name), where_, ": missing dataset '", name, "'");
    throw Error(str_cat("HDF5: cannot open dataset '", name, "' in ", where_));
  }
  return Handle(id, H5Dclose);
}

std::vector<std::size_t> Group::shape_of(hid_t dataset, const std::string& name) const {
  Handle space(check_id(H5Dget_space(dataset), "dataspace"), H5Sclose);
  const int rank = H5Sget_simple_extent_ndims(space.get());
  SPEXBENCH_CHECK(rank >= 0 && rank <= 2, where_, ": dataset '", name, "' has rank ", rank);
  hsize_t dims[2] = {0, 0};
  H5Sget_simple_extent_dims(space.get(), dims, nullptr);
  std::vector<std::size_t> out;
  for (int i = 0; i < rank; ++i) out.push_back(static_cast<std::size_t>(dims[i]));
  return out;
}

std::vector<std::size_t> Group::shape(const std::string& name) const {
  return shape_of(open_dataset(name).get(), name);
}

std::size_t Group::checked_count(hid_t dataset, const std::string& name,
                                 std::size_t element_bytes) const {
  // A damaged file can declare extents whose product wraps around 2^64 to a small count; that
  // count would pass every later size check while the extents themselves index far past it.
  std::size_t count = 1;
  for (const std::size_t d : shape_of(dataset, name)) {
    SPEXBENCH_CHECK(d == 0 || count <= std::numeric_limits<std::size_t>::max() / d, where_,
                    ": dataset '", name, "' declares more values than 2^64 (corrupt?)");
    count *= d;
  }
  // What a dataset declares is checked against what the file holds before memory is set aside
  // for it: deflate shrinks data at most about 1,032 times, so a dataset that declares more than
  // that over the file's size is corrupt (or hostile), not large.
  Handle file(check_id(H5Iget_file_id(dataset), "file of dataset '" + name + "'"), H5Fclose);
  hsize_t file_bytes = 0;
  check(H5Fget_filesize(file.get(), &file_bytes), "size of " + where_);
  const long double declared = static_cast<long double>(count) * element_bytes;
  SPEXBENCH_CHECK(declared <= 1100.0L * static_cast<long double>(file_bytes) + 65536.0L, where_,
                  ": dataset '", name, "' declares ", count, " values, more than a file of ",
                  file_bytes, " bytes can hold (corrupt or truncated?)");
  return count;
}

void Group::read_raw(hid_t dataset, const std::string& name, hid_t type, void* data,
                     std::size_t size) const {
  const Handle space(check_id(H5Dget_space(dataset), "dataspace of dataset '" + name + "'"),
                     H5Sclose);
  const hssize_t points = H5Sget_simple_extent_npoints(space.get());
  SPEXBENCH_CHECK(points >= 0 && static_cast<std::size_t>(points) == size, where_, ": dataset '",
                  name, "' holds ", points, " values, not ", size,
                  " (corrupt or not written by spexbench)");
  if (size > 0)
    check(H5Dread(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data),
          "cannot read dataset '" + name + "' in " + where_ + " (corrupt or truncated?)");
}

template <typename T>
std::vector<T> Group::read_vector(const std::string& name, hid_t type) const {
  const Handle dataset = open_dataset(name);
  std::vector<T> out(checked_count(dataset.get(), name, sizeof(T)));
  read_raw(dataset.get(), name, type, out.data(), out.size());
  return out;
}

template <typename T>
std::vector<T> Group::read_slice(const std::string& name, hid_t type, std::size_t first,
                                 std::size_t count) const {
  const Handle dataset = open_dataset(name);
  SPEXBENCH_CHECK(shape_of(dataset.get(), name).size() == 1, where_, ": dataset '", name,
                  "' is not 1-D");
  const std::size_t size = checked_count(dataset.get(), name, sizeof(T));
  SPEXBENCH_CHECK(first <= size && count <= size - first, where_, ": dataset '", name, "' holds ",
                  size, " values, not [", first, ", ", first + count,
                  ") (corrupt or not written by spexbench)");
  std::vector<T> out(count);
  if (count == 0) return out;
  const Handle file_space(check_id(H5Dget_space(dataset.get()), "dataspace"), H5Sclose);
  const hsize_t start = first, extent = count;
  check(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, &start, nullptr, &extent, nullptr),
        "selection in dataset '" + name + "'");
  const Handle memory_space(check_id(H5Screate_simple(1, &extent, nullptr), "dataspace"), H5Sclose);
  check(H5Dread(dataset.get(), type, memory_space.get(), file_space.get(), H5P_DEFAULT, out.data()),
        "cannot read dataset '" + name + "' in " + where_ + " (corrupt or truncated?)");
  return out;
}

std::vector<double> Group::read_doubles(const std::string& name, std::size_t first,
                                        std::size_t count) const {
  return read_slice<double>(name, H5T_NATIVE_DOUBLE, first, count);
}
std::vector<std::uint64_t> Group::read_uint64(const std::string& name, std::size_t first,
                                              std::size_t count) const {
  return read_slice<std::uint64_t>(name, H5T_NATIVE_UINT64, first, count);
}
std::vector<std::uint32_t> Group::read_uint32(const std::string& name, std::size_t first,
                                              std::size_t count) const {
  return read_slice<std::uint32_t>(name, H5T_NATIVE_UINT32, first, count);
}
std::vector<std::int64_t> Group::read_int64(const std::string& name, std::size_t first,
                                            std::size_t count) const {
  return read_slice<std::int64_t>(name, H5T_NATIVE_INT64, first, count);
}

std::vector<double> Group::read_doubles(const std::string& name) const {
  return read_vector<double>(name, H5T_NATIVE_DOUBLE);
}
std::vector<std::uint64_t> Group::read_uint64(const std::string& name) const {
  return read_vector<std::uint64_t>(name, H5T_NATIVE_UINT64);
}
std::vector<std::uint32_t> Group::read_uint32(const std::string& name) const {
  return read_vector<std::uint32_t>(name, H5T_NATIVE_UINT32);
}
std::vector<std::int64_t> Group::read_int64(const std::string& name) const {
  return read_vector<std::int64_t>(name, H5T_NATIVE_INT64);
}
double Group::read_scalar(const std::string& name) const {
  double value = 0;
  read_raw(open_dataset(name).get(), name, H5T_NATIVE_DOUBLE, &value, 1);
  return value;
}

}  // namespace spexbench::hdf5
