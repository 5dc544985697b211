// A mask's value must not depend on the batch it comes in (Task::evaluate). On the CPU, libtorch's
// matrix products go to the BLAS, and OpenBLAS (Debian's) takes a separate small-matrix kernel,
// with a different rounding, when a product's rows x columns is at most 1,200: the same input
// row then gives a slightly different output in a batch of 1 than in a batch of 64. Forward
// passes therefore get enough rows that no layer is ever that small: a short batch is padded
// with copies of its last item, whose outputs are discarded.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

namespace spexbench::llm {

/// Items a forward pass needs so that every matrix product has more than 1,200 rows x columns,
/// for a model whose layers see `rows_per_item` rows per item and whose narrowest layer has
/// `narrowest_layer` outputs.
[[nodiscard]] constexpr std::int64_t min_items_per_forward(std::int64_t rows_per_item,
                                                           std::int64_t narrowest_layer) {
  constexpr std::int64_t kSmallProduct = 1200;
  const std::int64_t per_item = rows_per_item * narrowest_layer;
  return kSmallProduct / per_item + 1;
}

/// Evaluates `rows` masks in forward passes of at most `batch` masks each: calls
/// forward(first, count, items), which runs masks first..first + count padded to `items` >=
/// `min_items` and returns the first `count` values, and writes them to out.
template <class Forward>
void evaluate_in_batches(std::size_t rows, std::size_t batch, std::size_t min_items,
                         std::span<double> out, Forward&& forward) {
  for (std::size_t first = 0; first < rows; first += batch) {
    const std::size_t count = std::min(batch, rows - first);
    const std::vector<double> values = forward(first, count, std::max(count, min_items));
    std::copy(values.begin(), values.end(), out.begin() + static_cast<std::ptrdiff_t>(first));
  }
}

}  // namespace spexbench::llm
