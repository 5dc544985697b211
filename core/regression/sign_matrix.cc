#include "core/regression/sign_matrix.h"

#include <bit>

#include "core/error.h"

namespace spexbench {
namespace {

/// Bits of `word` at positions [from, to) of its 64, the rest cleared.
std::uint64_t bits_between(std::uint64_t word, std::int64_t from, std::int64_t to) {
  const std::uint64_t high = to >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << to) - 1;
  const std::uint64_t low = (std::uint64_t{1} << from) - 1;
  return word & high & ~low;
}

/// Set bits of (a xor b) over rows [begin, end) (b null: of a alone). The popcnt instruction
/// where the CPU has it: the portable build's software popcount is several times slower, and this
/// loop is the whole cost of a Gram matrix. Exact either way.
template <bool kWithB>
#if defined(__GNUC__)
__attribute__((always_inline))  // into the popcnt-target copy below, where it gets popcnt
#endif
inline std::int64_t
count_differing(const std::uint64_t* a, const std::uint64_t* b, std::int64_t begin,
                std::int64_t end) {
  const auto word = [&](std::int64_t w) { return kWithB ? a[w] ^ b[w] : a[w]; };
  const std::int64_t first = begin / 64, last = (end - 1) / 64;
  if (first == last) return std::popcount(bits_between(word(first), begin % 64, end - 64 * first));
  std::int64_t out = std::popcount(bits_between(word(first), begin % 64, 64));
  for (std::int64_t w = first + 1; w < last; ++w) out += std::popcount(word(w));
  return out + std::popcount(bits_between(word(last), 0, end - 64 * last));
}

#if defined(__x86_64__) && defined(__GNUC__)
template <bool kWithB>
__attribute__((target("popcnt"))) std::int64_t count_differing_popcnt(const std::uint64_t* a,
                                                                      const std::uint64_t* b,
                                                                      std::int64_t begin,
                                                                      std::int64_t end) {
  return count_differing<kWithB>(a, b, begin, end);
}
#endif

template <bool kWithB>
std::int64_t dispatch(const std::uint64_t* a, const std::uint64_t* b, std::int64_t begin,
                      std::int64_t end) {
#if defined(__x86_64__) && defined(__GNUC__)
  static const bool popcnt = __builtin_cpu_supports("popcnt");
  if (popcnt) return count_differing_popcnt<kWithB>(a, b, begin, end);
#endif
  return count_differing<kWithB>(a, b, begin, end);
}

}  // namespace

std::int64_t SignMatrix::differing(std::int64_t a, std::int64_t b, std::int64_t begin,
                                   std::int64_t end) const {
  SPEXBENCH_ASSERT(0 <= begin && begin <= end && end <= rows_);
  SPEXBENCH_ASSERT(0 <= a && a < columns_ && (b == kOnes || (0 <= b && b < columns_)));
  if (begin == end) return 0;
  if (b == kOnes) return dispatch<false>(column_words(a), nullptr, begin, end);
  return dispatch<true>(column_words(a), column_words(b), begin, end);
}

}  // namespace spexbench
