#include "results/cell_record.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/component_names.h"
#include "core/error.h"
#include "results/cell_fields.h"

namespace spexbench {
namespace {

// Numbers are copied as they lie in memory, which is little-endian on every machine spexbench
// builds for (x86-64, AArch64); a big-endian build would need byte swaps here.
static_assert(std::endian::native == std::endian::little, "cell records are little-endian");

constexpr std::int64_t kIntMax = std::numeric_limits<int>::max();

class Encoder {
 public:
  template <typename T>
  void put(T value) {
    static_assert(std::is_arithmetic_v<T>);
    bytes_.append(reinterpret_cast<const char*>(&value), sizeof(T));
  }
  template <typename T>
  void put_all(std::span<const T> values) {
    put<std::uint64_t>(values.size());
    bytes_.append(reinterpret_cast<const char*>(values.data()), values.size_bytes());
  }
  void put(const std::string& text) { put_all(std::span<const char>(text)); }
  std::string take() { return std::move(bytes_); }

 private:
  std::string bytes_;
};

class Decoder {
 public:
  explicit Decoder(std::span<const char> bytes) : bytes_(bytes) {}

  template <typename T>
  T get(const char* what) {
    static_assert(std::is_arithmetic_v<T>);
    T value;
    std::memcpy(&value, take(sizeof(T), what), sizeof(T));
    return value;
  }
  /// A count of items of `size` bytes each that the rest of the record can hold (checked before
  /// anything is allocated for them).
  std::size_t count(std::size_t size, const char* what) {
    const auto n = get<std::uint64_t>(what);
    SPEXBENCH_CHECK(n <= (bytes_.size() - at_) / std::max<std::size_t>(size, 1),
                    "cell record: ", what, " has ", n, " entries, more than the record holds");
    return static_cast<std::size_t>(n);
  }
  template <typename T>
  std::vector<T> get_all(const char* what) {
    const std::size_t n = count(sizeof(T), what);
    std::vector<T> values(n);
    if (n > 0) std::memcpy(values.data(), take(n * sizeof(T), what), n * sizeof(T));
    return values;
  }
  std::string text(const char* what) {
    const std::size_t n = count(1, what);
    return std::string(take(n, what), n);
  }
  std::int64_t int_in(std::int64_t low, std::int64_t high, const char* what) {
    const auto value = get<std::int64_t>(what);
    SPEXBENCH_CHECK(value >= low && value <= high, "cell record: ", what, " = ", value,
                    " is out of range [", low, ", ", high, "]");
    return value;
  }
  void check_end() const {
    SPEXBENCH_CHECK(at_ == bytes_.size(), "cell record: ", bytes_.size() - at_,
                    " bytes after the cell's end");
  }

 private:
  const char* take(std::size_t n, const char* what) {
    SPEXBENCH_CHECK(n <= bytes_.size() - at_, "cell record: ends inside ", what, " (", n,
                    " bytes needed, ", bytes_.size() - at_, " left)");
    const char* out = bytes_.data() + at_;
    at_ += n;
    return out;
  }

  std::span<const char> bytes_;
  std::size_t at_ = 0;
};

using Polynomial = std::optional<SparsePolynomial> CellResult::*;
using Masks = MaskBatch CellResult::*;
using Values = std::vector<double> CellResult::*;
using NamedEntries = std::vector<std::pair<std::string, std::string>> CellResult::*;

void put_polynomial(Encoder& out, const std::optional<SparsePolynomial>& poly) {
  out.put<std::uint8_t>(poly ? 1 : 0);
  if (!poly) return;
  out.put(std::string(basis_name(poly->basis())));
  out.put<std::int64_t>(poly->num_features());
  out.put_all(poly->offsets());
  out.put_all(poly->features());
  out.put_all(std::span<const double>(poly->coefs()));
}

std::optional<SparsePolynomial> get_polynomial(Decoder& in) {
  if (in.get<std::uint8_t>("polynomial flag") == 0) return std::nullopt;
  const Basis basis = parse_basis(in.text("basis"));
  const auto n = static_cast<int>(in.int_in(1, kIntMax, "polynomial n"));
  std::vector<std::uint64_t> offsets = in.get_all<std::uint64_t>("term offsets");
  std::vector<std::uint32_t> features = in.get_all<std::uint32_t>("term features");
  std::vector<double> coefs = in.get_all<double>("coefficients");
  return SparsePolynomial::from_csr(n, basis, std::move(offsets), std::move(features),
                                    std::move(coefs));
}

void put_masks(Encoder& out, const MaskBatch& masks, const std::vector<double>& values, bool kept) {
  out.put<std::int64_t>(kept ? masks.num_features() : 0);
  out.put_all(kept ? masks.words() : std::span<const std::uint64_t>());
  out.put_all(kept ? std::span<const double>(values) : std::span<const double>());
}

void get_masks(Decoder& in, MaskBatch& masks, std::vector<double>& values) {
  const std::int64_t n = in.int_in(0, kIntMax, "mask n");
  std::vector<std::uint64_t> words = in.get_all<std::uint64_t>("mask words");
  values = in.get_all<double>("mask values");
  if (values.empty() && words.empty()) return;
  SPEXBENCH_CHECK(n >= 1 && words.size() == values.size() * words_for(static_cast<int>(n)),
                  "cell record: ", values.size(), " values for ", words.size(),
                  " mask words at n=", n);
  masks = MaskBatch(values.size(), static_cast<int>(n));
  std::copy(words.begin(), words.end(), masks.words().begin());
}

/// Entries in name order, as a results file keeps them.
void put_entries(Encoder& out, const std::vector<std::pair<std::string, std::string>>& entries) {
  std::vector<const std::pair<std::string, std::string>*> sorted;
  for (const auto& entry : entries) sorted.push_back(&entry);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto* a, const auto* b) { return a->first < b->first; });
  out.put<std::uint64_t>(sorted.size());
  for (const auto* entry : sorted) {
    out.put(entry->first);
    out.put(entry->second);
  }
}

void get_entries(Decoder& in, std::vector<std::pair<std::string, std::string>>& entries) {
  const std::size_t count = in.count(16, "named entries");
  for (std::size_t e = 0; e < count; ++e) {
    std::string name = in.text("entry name");
    entries.emplace_back(std::move(name), in.text("entry value"));
  }
}

}  // namespace

std::string encode_cell(const CellResult& cell, const Provenance& writer) {
  Encoder out;
  out.put<std::uint32_t>(kCellRecordVersion);
  out.put(cell.id);
  for (const StringField& field : string_fields()) out.put(stored_value(field, cell, writer));
  for (const IntField& field : int_fields()) out.put<std::int64_t>(field.get(cell));
  for (const UintField& field : uint_fields()) out.put<std::uint64_t>(field.get(cell));
  for (const DoubleField& field : double_fields()) out.put<double>(field.get(cell));
  put_polynomial(out, cell.estimate);
  put_polynomial(out, cell.ground_truth);
  out.put(std::string(truth_kind_name(cell.ground_truth_kind)));
  put_masks(out, cell.holdout_masks, cell.holdout_values, cell.holdout_masks.rows() > 0);
  put_masks(out, cell.query_masks, cell.query_values,
            cell.query_masks.rows() > 0 && cell.spec.log_queries);
  put_entries(out, cell.explainer_info);
  put_entries(out, cell.task_info);
  out.put<std::uint64_t>(cell.component_names.size());
  for (const std::string& name : cell.component_names) out.put(name);
  std::vector<const MetricValue*> metrics;
  for (const MetricValue& metric : cell.metrics) metrics.push_back(&metric);
  std::stable_sort(metrics.begin(), metrics.end(),
                   [](const MetricValue* a, const MetricValue* b) { return a->name < b->name; });
  out.put<std::uint64_t>(metrics.size());
  for (const MetricValue* metric : metrics) {
    out.put(metric->name);
    out.put<double>(metric->value);
    out.put<std::int64_t>(metric->version);
  }
  return out.take();
}

CellResult decode_cell(std::span<const char> bytes) {
  Decoder in(bytes);
  const auto version = in.get<std::uint32_t>("version");
  SPEXBENCH_CHECK(version == 1 || version == kCellRecordVersion, "cell record of version ", version,
                  "; this build reads versions 1 and ", kCellRecordVersion);
  const int schema = version == 1 ? 5 : 6;  // the results schema of the record's fields
  CellResult cell;
  cell.id = in.text("id");
  for (const StringField& field : string_fields())
    if (stored_in(field, schema)) field.set(cell, in.text(field.name));
  for (const IntField& field : int_fields())
    if (stored_in(field, schema)) field.set(cell, in.int_in(field.low, field.high, field.name));
  for (const UintField& field : uint_fields()) field.set(cell, in.get<std::uint64_t>(field.name));
  for (const DoubleField& field : double_fields()) field.set(cell, in.get<double>(field.name));
  cell.estimate = get_polynomial(in);
  cell.ground_truth = get_polynomial(in);
  cell.ground_truth_kind = parse_truth_kind(in.text("truth kind"));
  get_masks(in, cell.holdout_masks, cell.holdout_values);
  get_masks(in, cell.query_masks, cell.query_values);
  get_entries(in, cell.explainer_info);
  get_entries(in, cell.task_info);
  const std::size_t names = in.count(8, "component names");
  for (std::size_t i = 0; i < names; ++i) cell.component_names.push_back(in.text("component name"));
  if (cell.component_names.empty())
    cell.component_names = generated_component_names(cell.num_features);
  SPEXBENCH_CHECK(cell.component_names.size() == static_cast<std::size_t>(cell.num_features),
                  "cell record: ", cell.component_names.size(),
                  " component names for n=", cell.num_features);
  const std::size_t metrics = in.count(24, "metrics");
  for (std::size_t i = 0; i < metrics; ++i) {
    MetricValue metric;
    metric.name = in.text("metric name");
    metric.value = in.get<double>("metric value");
    metric.version = static_cast<int>(in.int_in(0, kIntMax, "metric version"));
    cell.metrics.push_back(std::move(metric));
  }
  in.check_end();
  return cell;
}

}  // namespace spexbench
