#include "results/per_cell_groups.h"

#include <algorithm>
#include <charconv>
#include <string>
#include <vector>

#include "core/error.h"

namespace spexbench {
namespace {

/// Schema 4's buckets: the first 3 characters of the ids of the cells they hold.
constexpr std::size_t kCellBucketChars = 3;

SparsePolynomial read_polynomial(const hdf5::Group& parent, const std::string& name) {
  const hdf5::Group group = parent.open_group(name);
  return SparsePolynomial::from_csr(
      group.int_attribute_in("num_features", 1), parse_basis(group.string_attribute("basis")),
      group.read_uint64("offsets"), group.read_uint32("features"), group.read_doubles("coefs"));
}

void read_masks(const hdf5::Group& group, MaskBatch& masks, std::vector<double>& values) {
  const int n = group.int_attribute_in("num_features", 1);
  values = group.read_doubles("values");
  const std::vector<std::uint64_t> words = group.read_uint64("masks");
  SPEXBENCH_CHECK(words.size() == values.size() * words_for(n), group.where(),
                  ": masks and values disagree in size");
  masks = MaskBatch(values.size(), n);
  std::copy(words.begin(), words.end(), masks.words().begin());
}

CellResult read_cell(const hdf5::Group& cells, const std::string& id) {
  const hdf5::Group group = cells.open_group(id);
  CellResult cell;
  cell.id = id;
  CellSpec& spec = cell.spec;
  spec.task = group.string_attribute("task_spec");
  spec.explainer = group.string_attribute("explainer_spec");
  spec.budget = group.int_attribute("budget");
  spec.seed = group.uint_attribute("master_seed");
  spec.instance = group.int_attribute_in("instance", 0);
  spec.repetition = group.int_attribute_in("repetition", 0);
  spec.holdout = group.int_attribute_in("holdout_count", 0);
  spec.log_queries = group.int_attribute("log_queries") != 0;
  spec.threads = group.int_attribute_in("threads", 1);
  cell.task_seed = group.uint_attribute("task_seed");
  cell.explainer_seed = group.uint_attribute("explainer_seed");
  cell.num_features = group.int_attribute_in("num_features", 0, kMaxComponents);
  cell.status = parse_cell_status(group.string_attribute("status"));
  cell.error = group.string_attribute("error");
  cell.counts.total = group.int_attribute("queries_total");
  cell.counts.unique = group.int_attribute("queries_unique");
  cell.counts.batches = group.int_attribute("batches");
  if (group.has_attribute("cache_hits")) cell.counts.cache_hits = group.int_attribute("cache_hits");
  cell.counts.model_seconds = group.double_attribute("oracle_seconds");
  cell.algorithm_seconds = group.double_attribute("algorithm_seconds");
  cell.wall_seconds = group.double_attribute("wall_seconds");
  if (group.has_attribute("code_version"))
    cell.code_version = group.string_attribute("code_version");
  if (group.has_attribute("host")) cell.host = group.string_attribute("host");
  if (group.has_attribute("rank")) cell.rank = group.int_attribute_in("rank", 0);
  if (group.has("estimate")) cell.estimate = read_polynomial(group, "estimate");
  if (group.has("ground_truth")) {
    cell.ground_truth = read_polynomial(group, "ground_truth");
    const hdf5::Group truth = group.open_group("ground_truth");
    if (truth.has_attribute("kind"))
      cell.ground_truth_kind = parse_truth_kind(truth.string_attribute("kind"));
  }
  if (group.has("holdout"))
    read_masks(group.open_group("holdout"), cell.holdout_masks, cell.holdout_values);
  if (group.has("queries"))
    read_masks(group.open_group("queries"), cell.query_masks, cell.query_values);
  const hdf5::Group info = group.open_group("explainer_info");
  for (const std::string& name : info.attribute_names())
    cell.explainer_info.emplace_back(name, info.string_attribute(name));
  // Stored only where the task names its components; x<i> otherwise and in older files.
  cell.component_names = group.has("component_names")
                             ? group.read_strings("component_names")
                             : generated_component_names(cell.num_features);
  SPEXBENCH_CHECK(static_cast<int>(cell.component_names.size()) == cell.num_features, group.where(),
                  ": ", cell.component_names.size(), " component names for n=", cell.num_features);
  if (group.has("task_info")) {  // absent when the task reports nothing, and in older files
    const hdf5::Group task_info = group.open_group("task_info");
    for (const std::string& name : task_info.attribute_names())
      cell.task_info.emplace_back(name, task_info.string_attribute(name));
  }
  if (group.has_attribute("evaluation_queries")) {
    cell.evaluation_queries = group.int_attribute("evaluation_queries");
  } else {  // files before the attribute kept the removal test's queries in explainer_info
    const auto old =
        std::find_if(cell.explainer_info.begin(), cell.explainer_info.end(),
                     [](const auto& entry) { return entry.first == "removal_queries"; });
    if (old != cell.explainer_info.end()) {
      const std::string& text = old->second;
      const auto parsed =
          std::from_chars(text.data(), text.data() + text.size(), cell.evaluation_queries);
      SPEXBENCH_CHECK(parsed.ec == std::errc() && parsed.ptr == text.data() + text.size(),
                      group.where(), ": removal_queries is '", text, "', not a count");
      cell.explainer_info.erase(old);
    }
  }
  const hdf5::Group metrics = group.open_group("metrics");
  for (const std::string& name : metrics.children()) {
    cell.metrics.push_back({name, metrics.read_scalar(name),
                            metrics.dataset_attributes(name).int_attribute_in("version", 0)});
  }
  return cell;
}

}  // namespace

void read_per_cell_groups(const hdf5::Group& cells, int schema_version,
                          const std::function<void(CellResult&&)>& each) {
  if (schema_version < 4) {  // every cell straight under /cells
    for (const std::string& id : cells.children()) each(read_cell(cells, id));
    return;
  }
  for (const std::string& name : cells.children()) {
    const hdf5::Group bucket = cells.open_group(name);
    for (const std::string& id : bucket.children()) {
      const std::string belongs = id.substr(0, kCellBucketChars);
      SPEXBENCH_CHECK(belongs == name, bucket.where(), ": cell '", id, "' belongs in bucket '",
                      belongs, "' (corrupt or not written by spexbench)");
      each(read_cell(bucket, id));
    }
  }
}

}  // namespace spexbench
