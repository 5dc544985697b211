// The scalar fields of a cell, one descriptor each, shared by every form a cell is stored in (the
// table of a results file, results/cell_table.h, and the records of a shard log,
// results/cell_record.h): a field added here is written and read by both, so the forms cannot
// drift apart.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "core/cell.h"
#include "results/provenance.h"

namespace spexbench {

struct StringField {
  const char* name;
  std::string (*get)(const CellResult&);
  void (*set)(CellResult&, std::string);  ///< throws Error for a value the field cannot take
  /// What a cell written without a value takes from the writer's provenance (the code version and
  /// host of a cell are those of the run that first writes it); null: nothing.
  std::string Provenance::*from_writer = nullptr;
  /// The results schema that added the field: a file or record of an earlier one lacks it, and
  /// its cells keep the CellResult default.
  int since_schema = 0;
};
struct IntField {
  const char* name;
  std::int64_t (*get)(const CellResult&);
  void (*set)(CellResult&, std::int64_t);
  std::int64_t low, high;  ///< checked on reading, before narrowing
  int since_schema = 0;    ///< as StringField::since_schema
};
struct UintField {
  const char* name;
  std::uint64_t (*get)(const CellResult&);
  void (*set)(CellResult&, std::uint64_t);
};
struct DoubleField {
  const char* name;
  double (*get)(const CellResult&);
  void (*set)(CellResult&, double);
};

/// The value `field` stores for `cell` when `writer` writes it.
[[nodiscard]] std::string stored_value(const StringField& field, const CellResult& cell,
                                       const Provenance& writer);

/// Whether a file or record of `schema` holds the field.
template <class Field>
[[nodiscard]] bool stored_in(const Field& field, int schema) {
  return schema >= field.since_schema;
}

/// task_spec, explainer_spec, status, error, code_version, host, estimate_index.
[[nodiscard]] std::span<const StringField> string_fields();
/// The spec's budget, instance, repetition, holdout count, log_queries and threads; n, rank, the
/// oracle counts, the evaluation queries and estimate_index_order.
[[nodiscard]] std::span<const IntField> int_fields();
/// The master, task and explainer seeds.
[[nodiscard]] std::span<const UintField> uint_fields();
/// Oracle, algorithm and wall seconds.
[[nodiscard]] std::span<const DoubleField> double_fields();

}  // namespace spexbench
