#include "results/cell_fields.h"

#include <limits>
#include <utility>

#include "core/interaction_index.h"

namespace spexbench {
namespace {

constexpr std::int64_t kIntMax = std::numeric_limits<int>::max();
constexpr std::int64_t kInt64Min = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();

const StringField kStringFields[] = {
    {"task_spec", [](const CellResult& c) { return c.spec.task; },
     [](CellResult& c, std::string v) { c.spec.task = std::move(v); }},
    {"explainer_spec", [](const CellResult& c) { return c.spec.explainer; },
     [](CellResult& c, std::string v) { c.spec.explainer = std::move(v); }},
    {"status", [](const CellResult& c) { return std::string(cell_status_name(c.status)); },
     [](CellResult& c, std::string v) { c.status = parse_cell_status(v); }},
    {"error", [](const CellResult& c) { return c.error; },
     [](CellResult& c, std::string v) { c.error = std::move(v); }},
    {"code_version", [](const CellResult& c) { return c.code_version; },
     [](CellResult& c, std::string v) { c.code_version = std::move(v); },
     &Provenance::git_describe},
    {"host", [](const CellResult& c) { return c.host; },
     [](CellResult& c, std::string v) { c.host = std::move(v); }, &Provenance::host},
    {"estimate_index", [](const CellResult& c) { return c.estimate_index; },
     [](CellResult& c, std::string v) {
       if (!v.empty()) (void)parse_index(v);  // throws for a name no index has
       c.estimate_index = std::move(v);
     },
     nullptr, 6},
};

const IntField kIntFields[] = {
    {"budget", [](const CellResult& c) { return c.spec.budget; },
     [](CellResult& c, std::int64_t v) { c.spec.budget = v; }, kInt64Min, kInt64Max},
    {"instance", [](const CellResult& c) -> std::int64_t { return c.spec.instance; },
     [](CellResult& c, std::int64_t v) { c.spec.instance = static_cast<int>(v); }, 0, kIntMax},
    {"repetition", [](const CellResult& c) -> std::int64_t { return c.spec.repetition; },
     [](CellResult& c, std::int64_t v) { c.spec.repetition = static_cast<int>(v); }, 0, kIntMax},
    {"holdout_count", [](const CellResult& c) -> std::int64_t { return c.spec.holdout; },
     [](CellResult& c, std::int64_t v) { c.spec.holdout = static_cast<int>(v); }, 0, kIntMax},
    {"log_queries", [](const CellResult& c) -> std::int64_t { return c.spec.log_queries; },
     [](CellResult& c, std::int64_t v) { c.spec.log_queries = v != 0; }, 0, 1},
    {"threads", [](const CellResult& c) -> std::int64_t { return c.spec.threads; },
     [](CellResult& c, std::int64_t v) { c.spec.threads = static_cast<int>(v); }, 1, kIntMax},
    {"num_features", [](const CellResult& c) -> std::int64_t { return c.num_features; },
     [](CellResult& c, std::int64_t v) { c.num_features = static_cast<int>(v); }, 0,
     kMaxComponents},
    {"rank", [](const CellResult& c) -> std::int64_t { return c.rank; },
     [](CellResult& c, std::int64_t v) { c.rank = static_cast<int>(v); }, 0, kIntMax},
    {"queries_total", [](const CellResult& c) { return c.counts.total; },
     [](CellResult& c, std::int64_t v) { c.counts.total = v; }, kInt64Min, kInt64Max},
    {"queries_unique", [](const CellResult& c) { return c.counts.unique; },
     [](CellResult& c, std::int64_t v) { c.counts.unique = v; }, kInt64Min, kInt64Max},
    {"batches", [](const CellResult& c) { return c.counts.batches; },
     [](CellResult& c, std::int64_t v) { c.counts.batches = v; }, kInt64Min, kInt64Max},
    {"cache_hits", [](const CellResult& c) { return c.counts.cache_hits; },
     [](CellResult& c, std::int64_t v) { c.counts.cache_hits = v; }, kInt64Min, kInt64Max},
    {"evaluation_queries", [](const CellResult& c) { return c.evaluation_queries; },
     [](CellResult& c, std::int64_t v) { c.evaluation_queries = v; }, kInt64Min, kInt64Max},
    {"estimate_index_order",
     [](const CellResult& c) -> std::int64_t { return c.estimate_index_order; },
     [](CellResult& c, std::int64_t v) { c.estimate_index_order = static_cast<int>(v); }, 0,
     kMaxIndexOrder, 6},
};

const UintField kUintFields[] = {
    {"master_seed", [](const CellResult& c) { return c.spec.seed; },
     [](CellResult& c, std::uint64_t v) { c.spec.seed = v; }},
    {"task_seed", [](const CellResult& c) { return c.task_seed; },
     [](CellResult& c, std::uint64_t v) { c.task_seed = v; }},
    {"explainer_seed", [](const CellResult& c) { return c.explainer_seed; },
     [](CellResult& c, std::uint64_t v) { c.explainer_seed = v; }},
};

const DoubleField kDoubleFields[] = {
    {"oracle_seconds", [](const CellResult& c) { return c.counts.model_seconds; },
     [](CellResult& c, double v) { c.counts.model_seconds = v; }},
    {"algorithm_seconds", [](const CellResult& c) { return c.algorithm_seconds; },
     [](CellResult& c, double v) { c.algorithm_seconds = v; }},
    {"wall_seconds", [](const CellResult& c) { return c.wall_seconds; },
     [](CellResult& c, double v) { c.wall_seconds = v; }},
};

}  // namespace

std::string stored_value(const StringField& field, const CellResult& cell,
                         const Provenance& writer) {
  std::string value = field.get(cell);
  if (value.empty() && field.from_writer != nullptr) value = writer.*field.from_writer;
  return value;
}

std::span<const StringField> string_fields() { return kStringFields; }
std::span<const IntField> int_fields() { return kIntFields; }
std::span<const UintField> uint_fields() { return kUintFields; }
std::span<const DoubleField> double_fields() { return kDoubleFields; }

}  // namespace spexbench
