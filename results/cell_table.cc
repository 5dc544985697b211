#include "results/cell_table.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/error.h"
#include "results/cell_fields.h"

namespace spexbench {
namespace {

using Cells = std::span<const CellResult* const>;
constexpr std::int64_t kIntMax = std::numeric_limits<int>::max();

/// A column of strings stored as each row's index into the column's distinct values
/// (`<name>_values`, in order of first use): a suite's cells share a few specs, statuses, hosts
/// and metric names.
class StringColumnWriter {
 public:
  void add(const std::string& text) {
    const auto [at, added] = index_.try_emplace(text, static_cast<std::uint32_t>(values_.size()));
    if (added) values_.push_back(text);
    rows_.push_back(at->second);
  }
  void write(const hdf5::Group& group, const std::string& name) const {
    group.write(name, std::span<const std::uint32_t>(rows_));
    group.write_strings(name + "_values", values_);
  }

 private:
  std::unordered_map<std::string, std::uint32_t> index_;
  std::vector<std::string> values_;
  std::vector<std::uint32_t> rows_;
};

/// The table is read kBlockRows cells at a time, each column a slice: memory holds one block,
/// whatever the file holds.
constexpr std::size_t kBlockRows = 4096;

/// Rows [first, first + count) of a table of `rows` cells.
struct Block {
  std::size_t first, count, rows;
};

void check_length(const hdf5::Group& group, const std::string& name, std::size_t rows) {
  const std::vector<std::size_t> shape = group.shape(name);
  SPEXBENCH_CHECK(shape.size() == 1 && shape[0] == rows, group.where(), ": column '", name,
                  "' does not have ", rows, " rows (corrupt or not written by spexbench)");
}

/// Values [first, first + count) of a column of `rows` values.
template <typename T>
std::vector<T> read_column(const hdf5::Group& group, const std::string& name, std::size_t rows,
                           std::size_t first, std::size_t count) {
  check_length(group, name, rows);
  if constexpr (std::is_same_v<T, double>) return group.read_doubles(name, first, count);
  if constexpr (std::is_same_v<T, std::int64_t>) return group.read_int64(name, first, count);
  if constexpr (std::is_same_v<T, std::uint64_t>) return group.read_uint64(name, first, count);
  if constexpr (std::is_same_v<T, std::uint32_t>) return group.read_uint32(name, first, count);
}

/// Values [first, first + count) of a string column of `rows` values (StringColumnWriter).
std::vector<std::string> read_string_column(const hdf5::Group& group, const std::string& name,
                                            std::size_t rows, std::size_t first,
                                            std::size_t count) {
  const std::vector<std::string> values = group.read_strings(name + "_values");
  std::vector<std::string> out;
  out.reserve(count);
  for (const std::uint32_t index : read_column<std::uint32_t>(group, name, rows, first, count)) {
    SPEXBENCH_CHECK(index < values.size(), group.where(), ": column '", name, "' names value ",
                    index, " of ", values.size(), " (corrupt or not written by spexbench)");
    out.push_back(values[index]);
  }
  return out;
}

/// Offsets of a part whose length varies by cell: the entries of cell i are [at[i], at[i + 1]).
class Offsets {
 public:
  Offsets() : at_{0} {}
  void close_row(std::size_t total) { at_.push_back(total); }
  void write(const hdf5::Group& group, const std::string& name) const {
    group.write(name, std::span<const std::uint64_t>(at_));
  }
  /// The offsets of a block's cells, checked: from 0, never decreasing, ending at `total`, the
  /// number of entries. Consecutive blocks share an offset, so checking each checks them all.
  static Offsets read(const hdf5::Group& group, const std::string& name, const Block& block,
                      std::size_t total) {
    Offsets offsets;
    offsets.at_ =
        read_column<std::uint64_t>(group, name, block.rows + 1, block.first, block.count + 1);
    const std::vector<std::uint64_t>& at = offsets.at_;
    SPEXBENCH_CHECK((block.first > 0 || at.front() == 0) && at.back() <= total &&
                        (block.first + block.count < block.rows || at.back() == total) &&
                        std::is_sorted(at.begin(), at.end()),
                    group.where(), ": offsets '", name, "' do not split ", total, " entries into ",
                    block.rows, " cells in order (corrupt or not written by spexbench)");
    return offsets;
  }
  /// Entries [begin(i), end(i)) belong to the block's cell i.
  [[nodiscard]] std::size_t begin(std::size_t i) const { return at_[i]; }
  [[nodiscard]] std::size_t end(std::size_t i) const { return at_[i + 1]; }
  /// The entries of the whole block.
  [[nodiscard]] std::size_t first() const { return at_.front(); }
  [[nodiscard]] std::size_t count() const { return at_.back() - at_.front(); }

 private:
  std::vector<std::uint64_t> at_;
};

/// The number of entries of a part: the length of its column `name`.
std::size_t entries(const hdf5::Group& group, const std::string& name) {
  const std::vector<std::size_t> shape = group.shape(name);
  SPEXBENCH_CHECK(shape.size() == 1, group.where(), ": column '", name, "' is not 1-D");
  return shape[0];
}

/// Name-value entries sorted by name, the order files of every schema read back in.
template <typename Entries>
std::vector<const typename Entries::value_type*> by_name(const Entries& entries) {
  std::vector<const typename Entries::value_type*> sorted;
  for (const auto& entry : entries) sorted.push_back(&entry);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto* a, const auto* b) { return a->first < b->first; });
  return sorted;
}

void check_names_in_order(const hdf5::Group& group, const std::string& id,
                          const std::string& previous, const std::string& name) {
  SPEXBENCH_CHECK(previous < name, group.where(), ": cell '", id, "' has entry '", name,
                  "' after '", previous,
                  "'; entries are unique and in name order (corrupt or not written by spexbench)");
}

using Polynomial = std::optional<SparsePolynomial> CellResult::*;

void write_polynomials(const hdf5::Group& table, const std::string& name, Cells cells,
                       Polynomial member) {
  const hdf5::Group group = table.create_group(name);
  StringColumnWriter basis, kind;
  std::vector<std::int64_t> num_features;
  Offsets cell_terms, feature_offsets;
  std::vector<std::uint32_t> features;
  std::vector<double> coefs;
  for (const CellResult* cell : cells) {
    const std::optional<SparsePolynomial>& poly = cell->*member;
    basis.add(poly ? std::string(basis_name(poly->basis())) : std::string());
    if (member == &CellResult::ground_truth)
      kind.add(poly ? std::string(truth_kind_name(cell->ground_truth_kind)) : std::string());
    num_features.push_back(poly ? poly->num_features() : 0);
    if (poly) {
      const std::span<const std::uint64_t> offsets = poly->offsets();
      const std::size_t base = features.size();
      for (std::size_t t = 1; t < offsets.size(); ++t) feature_offsets.close_row(base + offsets[t]);
      features.insert(features.end(), poly->features().begin(), poly->features().end());
      coefs.insert(coefs.end(), poly->coefs().begin(), poly->coefs().end());
    }
    cell_terms.close_row(coefs.size());
  }
  basis.write(group, "basis");
  if (member == &CellResult::ground_truth) kind.write(group, "kind");
  group.write("num_features", std::span<const std::int64_t>(num_features));
  cell_terms.write(group, "cell_terms");
  feature_offsets.write(group, "feature_offsets");
  group.write("features", std::span<const std::uint32_t>(features));
  group.write("coefs", std::span<const double>(coefs));
}

/// Gives the block's cells their polynomials `member` (write_polynomials).
void read_polynomials(const hdf5::Group& table, const std::string& name, const Block& block,
                      std::span<CellResult> cells, Polynomial member) {
  const hdf5::Group group = table.open_group(name);
  const std::size_t terms = entries(group, "coefs");
  const std::vector<std::string> basis =
      read_string_column(group, "basis", block.rows, block.first, block.count);
  const std::vector<std::int64_t> num_features =
      read_column<std::int64_t>(group, "num_features", block.rows, block.first, block.count);
  const bool truth = member == &CellResult::ground_truth;
  const std::vector<std::string> kind =
      truth ? read_string_column(group, "kind", block.rows, block.first, block.count)
            : std::vector<std::string>();
  const Offsets cell_terms = Offsets::read(group, "cell_terms", block, terms);
  const Block term_block{cell_terms.first(), cell_terms.count(), terms};
  const Offsets feature_offsets =
      Offsets::read(group, "feature_offsets", term_block, entries(group, "features"));
  const std::vector<std::uint32_t> features =
      group.read_uint32("features", feature_offsets.first(), feature_offsets.count());
  const std::vector<double> coefs = group.read_doubles("coefs", term_block.first, term_block.count);
  for (std::size_t i = 0; i < cells.size(); ++i) {
    // Terms and features of the block's cell i, counted from the block's first.
    const std::size_t first = cell_terms.begin(i) - term_block.first;
    const std::size_t last = cell_terms.end(i) - term_block.first;
    if (basis[i].empty()) {
      SPEXBENCH_CHECK(first == last, group.where(), ": cell '", cells[i].id,
                      "' has terms but no basis (corrupt or not written by spexbench)");
      continue;
    }
    SPEXBENCH_CHECK(num_features[i] >= 1 && num_features[i] <= kIntMax, group.where(), ": cell '",
                    cells[i].id, "' has a polynomial over n=", num_features[i]);
    const std::size_t from = feature_offsets.begin(first) - feature_offsets.first();
    const std::size_t to = feature_offsets.begin(last) - feature_offsets.first();
    std::vector<std::uint64_t> offsets;
    offsets.reserve(last - first + 1);
    for (std::size_t t = first; t <= last; ++t)
      offsets.push_back(feature_offsets.begin(t) - feature_offsets.first() - from);
    cells[i].*member = SparsePolynomial::from_csr(
        static_cast<int>(num_features[i]), parse_basis(basis[i]), std::move(offsets),
        std::vector<std::uint32_t>(features.begin() + static_cast<std::ptrdiff_t>(from),
                                   features.begin() + static_cast<std::ptrdiff_t>(to)),
        std::vector<double>(coefs.begin() + static_cast<std::ptrdiff_t>(first),
                            coefs.begin() + static_cast<std::ptrdiff_t>(last)));
    if (truth) cells[i].ground_truth_kind = parse_truth_kind(kind[i]);
  }
}

using Masks = MaskBatch CellResult::*;
using Values = std::vector<double> CellResult::*;

void write_masks(const hdf5::Group& table, const std::string& name, Cells cells, Masks masks_of,
                 Values values_of, bool only_when_logged) {
  const hdf5::Group group = table.create_group(name);
  std::vector<std::int64_t> num_features;
  Offsets cell_rows, cell_words;
  std::vector<std::uint64_t> words;
  std::vector<double> values;
  for (const CellResult* cell : cells) {
    const MaskBatch& masks = cell->*masks_of;
    const bool kept = masks.rows() > 0 && (!only_when_logged || cell->spec.log_queries);
    num_features.push_back(kept ? masks.num_features() : 0);
    if (kept) {
      words.insert(words.end(), masks.words().begin(), masks.words().end());
      const std::vector<double>& cell_values = cell->*values_of;
      values.insert(values.end(), cell_values.begin(), cell_values.end());
    }
    cell_rows.close_row(values.size());
    cell_words.close_row(words.size());
  }
  group.write("num_features", std::span<const std::int64_t>(num_features));
  cell_rows.write(group, "cell_rows");
  cell_words.write(group, "cell_words");
  group.write("masks", std::span<const std::uint64_t>(words));
  group.write("values", std::span<const double>(values));
}

void read_masks(const hdf5::Group& table, const std::string& name, const Block& block,
                std::span<CellResult> cells, Masks masks_of, Values values_of) {
  const hdf5::Group group = table.open_group(name);
  const std::vector<std::int64_t> num_features =
      read_column<std::int64_t>(group, "num_features", block.rows, block.first, block.count);
  const Offsets cell_rows = Offsets::read(group, "cell_rows", block, entries(group, "values"));
  const Offsets cell_words = Offsets::read(group, "cell_words", block, entries(group, "masks"));
  const std::vector<std::uint64_t> words =
      group.read_uint64("masks", cell_words.first(), cell_words.count());
  const std::vector<double> values =
      group.read_doubles("values", cell_rows.first(), cell_rows.count());
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const std::size_t count = cell_rows.end(i) - cell_rows.begin(i);
    if (count == 0) continue;
    const std::int64_t n = num_features[i];
    SPEXBENCH_CHECK(
        n >= 1 && n <= kIntMax &&
            cell_words.end(i) - cell_words.begin(i) == count * words_for(static_cast<int>(n)),
        group.where(), ": cell '", cells[i].id,
        "': masks and values disagree in size (corrupt or not written by spexbench)");
    MaskBatch masks(count, static_cast<int>(n));
    const auto word =
        words.begin() + static_cast<std::ptrdiff_t>(cell_words.begin(i) - cell_words.first());
    std::copy(word, word + static_cast<std::ptrdiff_t>(masks.words().size()),
              masks.words().begin());
    cells[i].*masks_of = std::move(masks);
    const auto value =
        values.begin() + static_cast<std::ptrdiff_t>(cell_rows.begin(i) - cell_rows.first());
    cells[i].*values_of = std::vector<double>(value, value + static_cast<std::ptrdiff_t>(count));
  }
}

using NamedEntries = std::vector<std::pair<std::string, std::string>> CellResult::*;

void write_named_entries(const hdf5::Group& table, const std::string& name, Cells cells,
                         NamedEntries member) {
  const hdf5::Group group = table.create_group(name);
  Offsets cell_entries;
  StringColumnWriter names, values;
  std::size_t total = 0;
  for (const CellResult* cell : cells) {
    for (const auto* entry : by_name(cell->*member)) {
      names.add(entry->first);
      values.add(entry->second);
      ++total;
    }
    cell_entries.close_row(total);
  }
  cell_entries.write(group, "cell_entries");
  names.write(group, "names");
  values.write(group, "values");
}

void read_named_entries(const hdf5::Group& table, const std::string& name, const Block& block,
                        std::span<CellResult> cells, NamedEntries member) {
  const hdf5::Group group = table.open_group(name);
  const std::size_t total = entries(group, "names");
  const Offsets cell_entries = Offsets::read(group, "cell_entries", block, total);
  const std::vector<std::string> names =
      read_string_column(group, "names", total, cell_entries.first(), cell_entries.count());
  const std::vector<std::string> values =
      read_string_column(group, "values", total, cell_entries.first(), cell_entries.count());
  for (std::size_t i = 0; i < cells.size(); ++i) {
    auto& out = cells[i].*member;
    for (std::size_t e = cell_entries.begin(i); e < cell_entries.end(i); ++e) {
      const std::size_t at = e - cell_entries.first();
      if (!out.empty()) check_names_in_order(group, cells[i].id, out.back().first, names[at]);
      out.emplace_back(names[at], values[at]);
    }
  }
}

void write_component_names(const hdf5::Group& table, Cells cells) {
  const hdf5::Group group = table.create_group("component_names");
  Offsets cell_entries;
  StringColumnWriter names;
  std::size_t total = 0;
  for (const CellResult* cell : cells) {
    // Stored only where the task names its components; x<i> otherwise.
    if (!are_generated_component_names(cell->component_names)) {
      for (const std::string& component : cell->component_names) names.add(component);
      total += cell->component_names.size();
    }
    cell_entries.close_row(total);
  }
  cell_entries.write(group, "cell_entries");
  names.write(group, "names");
}

void read_component_names(const hdf5::Group& table, const Block& block,
                          std::span<CellResult> cells) {
  const hdf5::Group group = table.open_group("component_names");
  const std::size_t total = entries(group, "names");
  const Offsets cell_entries = Offsets::read(group, "cell_entries", block, total);
  const std::vector<std::string> names =
      read_string_column(group, "names", total, cell_entries.first(), cell_entries.count());
  for (std::size_t i = 0; i < cells.size(); ++i) {
    CellResult& cell = cells[i];
    const std::size_t count = cell_entries.end(i) - cell_entries.begin(i);
    if (count == 0) {  // x<i>: stored only where the task names its components
      cell.component_names = generated_component_names(cell.num_features);
      continue;
    }
    SPEXBENCH_CHECK(count == static_cast<std::size_t>(cell.num_features), group.where(), ": ",
                    count, " component names for n=", cell.num_features, " in cell '", cell.id,
                    "'");
    const auto name =
        names.begin() + static_cast<std::ptrdiff_t>(cell_entries.begin(i) - cell_entries.first());
    cell.component_names.assign(name, name + static_cast<std::ptrdiff_t>(count));
  }
}

void write_metrics(const hdf5::Group& table, Cells cells) {
  const hdf5::Group group = table.create_group("metrics");
  Offsets cell_entries;
  StringColumnWriter names;
  std::vector<double> values;
  std::vector<std::int64_t> versions;
  for (const CellResult* cell : cells) {
    std::vector<const MetricValue*> sorted;
    for (const MetricValue& metric : cell->metrics) sorted.push_back(&metric);
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const MetricValue* a, const MetricValue* b) { return a->name < b->name; });
    for (const MetricValue* metric : sorted) {
      names.add(metric->name);
      values.push_back(metric->value);
      versions.push_back(metric->version);
    }
    cell_entries.close_row(values.size());
  }
  cell_entries.write(group, "cell_entries");
  names.write(group, "names");
  group.write("values", std::span<const double>(values));
  group.write("versions", std::span<const std::int64_t>(versions));
}

void read_metrics(const hdf5::Group& table, const Block& block, std::span<CellResult> cells) {
  const hdf5::Group group = table.open_group("metrics");
  const std::size_t total = entries(group, "values");
  const Offsets cell_entries = Offsets::read(group, "cell_entries", block, total);
  const std::size_t first = cell_entries.first(), count = cell_entries.count();
  const std::vector<std::string> names = read_string_column(group, "names", total, first, count);
  const std::vector<double> values = group.read_doubles("values", first, count);
  const std::vector<std::int64_t> versions =
      read_column<std::int64_t>(group, "versions", total, first, count);
  for (std::size_t i = 0; i < cells.size(); ++i) {
    std::vector<MetricValue>& metrics = cells[i].metrics;
    for (std::size_t e = cell_entries.begin(i) - first; e < cell_entries.end(i) - first; ++e) {
      if (!metrics.empty()) check_names_in_order(group, cells[i].id, metrics.back().name, names[e]);
      SPEXBENCH_CHECK(versions[e] >= 0 && versions[e] <= kIntMax, group.where(), ": metric '",
                      names[e], "' of cell '", cells[i].id, "' has version ", versions[e]);
      metrics.push_back({names[e], values[e], static_cast<int>(versions[e])});
    }
  }
}

/// The block's cells, whole.
std::vector<CellResult> read_block(const hdf5::Group& table, int schema,
                                   const std::vector<std::string>& ids, const Block& block) {
  std::vector<CellResult> cells(block.count);
  for (std::size_t i = 0; i < block.count; ++i) cells[i].id = ids[block.first + i];
  for (const StringField& field : string_fields()) {
    if (!stored_in(field, schema)) continue;
    std::vector<std::string> column =
        read_string_column(table, field.name, block.rows, block.first, block.count);
    for (std::size_t i = 0; i < block.count; ++i) field.set(cells[i], std::move(column[i]));
  }
  for (const IntField& field : int_fields()) {
    if (!stored_in(field, schema)) continue;
    const std::vector<std::int64_t> column =
        read_column<std::int64_t>(table, field.name, block.rows, block.first, block.count);
    for (std::size_t i = 0; i < block.count; ++i) {
      SPEXBENCH_CHECK(column[i] >= field.low && column[i] <= field.high, table.where(), ": cell '",
                      cells[i].id, "' has ", field.name, " = ", column[i], ", out of range [",
                      field.low, ", ", field.high, "] (corrupt or not written by spexbench)");
      field.set(cells[i], column[i]);
    }
  }
  for (const UintField& field : uint_fields()) {
    const std::vector<std::uint64_t> column =
        read_column<std::uint64_t>(table, field.name, block.rows, block.first, block.count);
    for (std::size_t i = 0; i < block.count; ++i) field.set(cells[i], column[i]);
  }
  for (const DoubleField& field : double_fields()) {
    const std::vector<double> column =
        read_column<double>(table, field.name, block.rows, block.first, block.count);
    for (std::size_t i = 0; i < block.count; ++i) field.set(cells[i], column[i]);
  }
  read_polynomials(table, "estimate", block, cells, &CellResult::estimate);
  read_polynomials(table, "ground_truth", block, cells, &CellResult::ground_truth);
  read_masks(table, "holdout", block, cells, &CellResult::holdout_masks,
             &CellResult::holdout_values);
  read_masks(table, "queries", block, cells, &CellResult::query_masks, &CellResult::query_values);
  read_named_entries(table, "explainer_info", block, cells, &CellResult::explainer_info);
  read_named_entries(table, "task_info", block, cells, &CellResult::task_info);
  read_component_names(table, block, cells);
  read_metrics(table, block, cells);
  return cells;
}

}  // namespace

void write_cell_table(const hdf5::Group& table, std::span<const CellResult* const> given,
                      const Provenance& writer) {
  std::vector<const CellResult*> sorted(given.begin(), given.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const CellResult* a, const CellResult* b) { return a->id < b->id; });
  for (std::size_t i = 1; i < sorted.size(); ++i)
    SPEXBENCH_CHECK(sorted[i - 1]->id != sorted[i]->id, "two cells with id '", sorted[i]->id,
                    "' to write in one results file");
  const Cells cells = sorted;
  table.set_attribute("count", static_cast<std::int64_t>(cells.size()));
  {
    std::vector<std::string> ids;
    ids.reserve(cells.size());
    for (const CellResult* cell : cells) ids.push_back(cell->id);
    table.write_strings("id", ids);
  }
  for (const StringField& field : string_fields()) {
    StringColumnWriter column;
    for (const CellResult* cell : cells) column.add(stored_value(field, *cell, writer));
    column.write(table, field.name);
  }
  for (const IntField& field : int_fields()) {
    std::vector<std::int64_t> column;
    column.reserve(cells.size());
    for (const CellResult* cell : cells) column.push_back(field.get(*cell));
    table.write(field.name, std::span<const std::int64_t>(column));
  }
  for (const UintField& field : uint_fields()) {
    std::vector<std::uint64_t> column;
    column.reserve(cells.size());
    for (const CellResult* cell : cells) column.push_back(field.get(*cell));
    table.write(field.name, std::span<const std::uint64_t>(column));
  }
  for (const DoubleField& field : double_fields()) {
    std::vector<double> column;
    column.reserve(cells.size());
    for (const CellResult* cell : cells) column.push_back(field.get(*cell));
    table.write(field.name, std::span<const double>(column));
  }
  write_polynomials(table, "estimate", cells, &CellResult::estimate);
  write_polynomials(table, "ground_truth", cells, &CellResult::ground_truth);
  write_masks(table, "holdout", cells, &CellResult::holdout_masks, &CellResult::holdout_values,
              false);
  write_masks(table, "queries", cells, &CellResult::query_masks, &CellResult::query_values, true);
  write_named_entries(table, "explainer_info", cells, &CellResult::explainer_info);
  write_named_entries(table, "task_info", cells, &CellResult::task_info);
  write_component_names(table, cells);
  write_metrics(table, cells);
}

void read_cell_table(const hdf5::Group& table, int schema,
                     const std::function<void(CellResult&&)>& each) {
  const std::int64_t count = table.int_attribute("count");
  const std::vector<std::string> ids = table.read_strings("id");
  SPEXBENCH_CHECK(count >= 0 && static_cast<std::size_t>(count) == ids.size(), table.where(), ": ",
                  ids.size(), " cell ids for a table of ", count,
                  " cells (corrupt or not written by spexbench)");
  for (std::size_t row = 1; row < ids.size(); ++row)
    SPEXBENCH_CHECK(ids[row - 1] < ids[row], table.where(), ": cell '", ids[row], "' follows '",
                    ids[row - 1],
                    "'; cells are unique and in id order (corrupt or not written by spexbench)");
  for (std::size_t first = 0; first < ids.size(); first += kBlockRows) {
    const Block block{first, std::min(kBlockRows, ids.size() - first), ids.size()};
    for (CellResult& cell : read_block(table, schema, ids, block)) each(std::move(cell));
  }
}

}  // namespace spexbench
