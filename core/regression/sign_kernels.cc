#include "core/regression/sign_kernels.h"

#include <bit>

#include "core/error.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define SPEXBENCH_AVX2_KERNELS 1  // compiled beside the SSE2 ones with a target attribute
#endif

namespace spexbench::sign_kernels {
namespace {

int sign_at(const std::uint8_t* bits, std::int64_t i) {
  return (bits[i / 8] >> (i % 8)) & 1U ? -1 : 1;
}

/// For each byte of a column, the sign-bit masks of its eight entries.
struct SignMasks {
  alignas(64) std::uint64_t of[256][8];
  SignMasks() {
    for (int byte = 0; byte < 256; ++byte)
      for (int k = 0; k < 8; ++k) of[byte][k] = (byte >> k) & 1 ? 0x8000000000000000ULL : 0;
  }
};
const SignMasks kSignMasks;

double flip(double v, std::uint64_t mask) {
  return std::bit_cast<double>(std::bit_cast<std::uint64_t>(v) ^ mask);
}

// The whole-byte parts: from i (a multiple of 8) while eight entries remain; i is advanced.

double dot_bytes_portable(const std::uint8_t* bits, const double* v, std::int64_t& i,
                          std::int64_t end) {
  double acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  for (; i + 8 <= end; i += 8)
    for (int k = 0; k < 8; ++k) acc[k] += flip(v[i + k], kSignMasks.of[bits[i / 8]][k]);
  return ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
}

void subtract_bytes_portable(const std::uint8_t* bits, double delta, double* v, std::int64_t& i,
                             std::int64_t rows) {
  for (; i + 8 <= rows; i += 8)
    for (int k = 0; k < 8; ++k) v[i + k] -= flip(delta, kSignMasks.of[bits[i / 8]][k]);
}

#if defined(__SSE2__)
/// Four accumulators of two lanes: a0 holds partial sums (s0, s1), a1 (s2, s3), a2 (s4, s5),
/// a3 (s6, s7); reduced as ((s0 + s2) + (s4 + s6)) + ((s1 + s3) + (s5 + s7)).
double dot_bytes_sse2(const std::uint8_t* bits, const double* v, std::int64_t& i,
                      std::int64_t end) {
  __m128d a0 = _mm_setzero_pd(), a1 = a0, a2 = a0, a3 = a0;
  for (; i + 8 <= end; i += 8) {
    const auto* m = reinterpret_cast<const __m128i*>(kSignMasks.of[bits[i / 8]]);
    a0 = _mm_add_pd(a0, _mm_xor_pd(_mm_loadu_pd(v + i), _mm_castsi128_pd(_mm_load_si128(m))));
    a1 = _mm_add_pd(a1,
                    _mm_xor_pd(_mm_loadu_pd(v + i + 2), _mm_castsi128_pd(_mm_load_si128(m + 1))));
    a2 = _mm_add_pd(a2,
                    _mm_xor_pd(_mm_loadu_pd(v + i + 4), _mm_castsi128_pd(_mm_load_si128(m + 2))));
    a3 = _mm_add_pd(a3,
                    _mm_xor_pd(_mm_loadu_pd(v + i + 6), _mm_castsi128_pd(_mm_load_si128(m + 3))));
  }
  alignas(16) double lanes[2];
  _mm_store_pd(lanes, _mm_add_pd(_mm_add_pd(a0, a1), _mm_add_pd(a2, a3)));
  return lanes[0] + lanes[1];
}

void subtract_bytes_sse2(const std::uint8_t* bits, double delta, double* v, std::int64_t& i,
                         std::int64_t rows) {
  const __m128d d = _mm_set1_pd(delta);
  for (; i + 8 <= rows; i += 8) {
    const auto* m = reinterpret_cast<const __m128i*>(kSignMasks.of[bits[i / 8]]);
    for (int k = 0; k < 4; ++k) {
      const __m128d signed_delta = _mm_xor_pd(d, _mm_castsi128_pd(_mm_load_si128(m + k)));
      _mm_storeu_pd(v + i + 2 * k, _mm_sub_pd(_mm_loadu_pd(v + i + 2 * k), signed_delta));
    }
  }
}
#endif

#if defined(SPEXBENCH_AVX2_KERNELS)
/// Two accumulators of four lanes: a0 holds (s0, s1, s2, s3), a1 (s4, s5, s6, s7); adding each
/// one's halves gives (s0 + s2, s1 + s3) and (s4 + s6, s5 + s7), then the SSE2 order.
__attribute__((target("avx2"))) double dot_bytes_avx2(const std::uint8_t* bits, const double* v,
                                                      std::int64_t& i, std::int64_t end) {
  __m256d a0 = _mm256_setzero_pd(), a1 = a0;
  for (; i + 8 <= end; i += 8) {
    const auto* m = reinterpret_cast<const __m256i*>(kSignMasks.of[bits[i / 8]]);
    a0 = _mm256_add_pd(
        a0, _mm256_xor_pd(_mm256_loadu_pd(v + i), _mm256_castsi256_pd(_mm256_load_si256(m))));
    a1 = _mm256_add_pd(a1, _mm256_xor_pd(_mm256_loadu_pd(v + i + 4),
                                         _mm256_castsi256_pd(_mm256_load_si256(m + 1))));
  }
  const __m128d low = _mm_add_pd(_mm256_castpd256_pd128(a0), _mm256_extractf128_pd(a0, 1));
  const __m128d high = _mm_add_pd(_mm256_castpd256_pd128(a1), _mm256_extractf128_pd(a1, 1));
  alignas(16) double lanes[2];
  _mm_store_pd(lanes, _mm_add_pd(low, high));
  return lanes[0] + lanes[1];
}

__attribute__((target("avx2"))) void subtract_bytes_avx2(const std::uint8_t* bits, double delta,
                                                         double* v, std::int64_t& i,
                                                         std::int64_t rows) {
  const __m256d d = _mm256_set1_pd(delta);
  for (; i + 8 <= rows; i += 8) {
    const auto* m = reinterpret_cast<const __m256i*>(kSignMasks.of[bits[i / 8]]);
    for (int k = 0; k < 2; ++k) {
      const __m256d signed_delta = _mm256_xor_pd(d, _mm256_castsi256_pd(_mm256_load_si256(m + k)));
      _mm256_storeu_pd(v + i + 4 * k, _mm256_sub_pd(_mm256_loadu_pd(v + i + 4 * k), signed_delta));
    }
  }
}
#endif

/// dot()'s split of [begin, end): the entries before the first multiple of 8, the whole bytes,
/// and the rest.
Rows body_of(Rows range) {
  std::int64_t i = range.begin;
  while (i < range.end && i % 8 != 0) ++i;
  return {i, i + (range.end - i) / 8 * 8};
}

double edges_of(const std::uint8_t* bits, const double* v, Rows range, Rows body) {
  double edges = 0;
  for (std::int64_t i = range.begin; i < body.begin; ++i) edges += sign_at(bits, i) * v[i];
  for (std::int64_t i = body.end; i < range.end; ++i) edges += sign_at(bits, i) * v[i];
  return edges;
}

#if defined(SPEXBENCH_AVX2_KERNELS)
/// Entries [i, i + 8): v -= delta s (subtract_bits' signs), then, with `acc`, acc += s' v
/// (dot_bits' signs) as dot_bytes_avx2 adds them.
__attribute__((target("avx2"), always_inline)) inline void subtract_dot_block_avx2(
    const std::uint8_t* subtract_bits, __m256d delta, const std::uint8_t* dot_bits, double* v,
    std::int64_t i, __m256d* acc) {
  const auto* m = reinterpret_cast<const __m256i*>(kSignMasks.of[subtract_bits[i / 8]]);
  const __m256d v0 = _mm256_sub_pd(_mm256_loadu_pd(v + i),
                                   _mm256_xor_pd(delta, _mm256_castsi256_pd(_mm256_load_si256(m))));
  const __m256d v1 =
      _mm256_sub_pd(_mm256_loadu_pd(v + i + 4),
                    _mm256_xor_pd(delta, _mm256_castsi256_pd(_mm256_load_si256(m + 1))));
  _mm256_storeu_pd(v + i, v0);
  _mm256_storeu_pd(v + i + 4, v1);
  if (acc == nullptr) return;
  const auto* s = reinterpret_cast<const __m256i*>(kSignMasks.of[dot_bits[i / 8]]);
  acc[0] = _mm256_add_pd(acc[0], _mm256_xor_pd(v0, _mm256_castsi256_pd(_mm256_load_si256(s))));
  acc[1] = _mm256_add_pd(acc[1], _mm256_xor_pd(v1, _mm256_castsi256_pd(_mm256_load_si256(s + 1))));
}

/// subtract_bytes_avx2 over the whole bytes of [0, rows) and, in the same pass, dot_bytes_avx2's
/// sums over two whole-byte bodies (multiples of 8, in order: body[0].end <= body[1].begin).
__attribute__((target("avx2"))) void subtract_dot_bytes_avx2(
    const std::uint8_t* subtract_bits, double delta, const std::uint8_t* dot_bits, double* v,
    std::int64_t rows, const Rows (&body)[2], double (&sums)[2]) {
  const __m256d d = _mm256_set1_pd(delta);
  __m256d acc[2][2] = {{_mm256_setzero_pd(), _mm256_setzero_pd()},
                       {_mm256_setzero_pd(), _mm256_setzero_pd()}};
  const std::int64_t begin0 = body[0].begin, end0 = body[0].end;
  const std::int64_t begin1 = body[1].begin, end1 = body[1].end;
  std::int64_t i = 0;
  for (; i < begin0; i += 8) subtract_dot_block_avx2(subtract_bits, d, dot_bits, v, i, nullptr);
  for (; i < end0; i += 8) subtract_dot_block_avx2(subtract_bits, d, dot_bits, v, i, acc[0]);
  for (; i < begin1; i += 8) subtract_dot_block_avx2(subtract_bits, d, dot_bits, v, i, nullptr);
  for (; i < end1; i += 8) subtract_dot_block_avx2(subtract_bits, d, dot_bits, v, i, acc[1]);
  for (; i + 8 <= rows; i += 8) subtract_dot_block_avx2(subtract_bits, d, dot_bits, v, i, nullptr);
  for (int r = 0; r < 2; ++r) {  // dot_bytes_avx2's reduction
    const __m128d low =
        _mm_add_pd(_mm256_castpd256_pd128(acc[r][0]), _mm256_extractf128_pd(acc[r][0], 1));
    const __m128d high =
        _mm_add_pd(_mm256_castpd256_pd128(acc[r][1]), _mm256_extractf128_pd(acc[r][1], 1));
    alignas(16) double lanes[2];
    _mm_store_pd(lanes, _mm_add_pd(low, high));
    sums[r] = lanes[0] + lanes[1];
  }
}
#endif

bool available(Isa isa) {
  switch (isa) {
    case Isa::kPortable:
      return true;
    case Isa::kSse2:
#if defined(__SSE2__)
      return true;
#else
      return false;
#endif
    case Isa::kAvx2:
#if defined(SPEXBENCH_AVX2_KERNELS)
      return __builtin_cpu_supports("avx2");
#else
      return false;
#endif
  }
  return false;
}

}  // namespace

Isa best_isa() {
  static const Isa best = available(Isa::kAvx2)   ? Isa::kAvx2
                          : available(Isa::kSse2) ? Isa::kSse2
                                                  : Isa::kPortable;
  return best;
}

double dot(const std::uint8_t* bits, const double* v, std::int64_t begin, std::int64_t end,
           Isa isa) {
  SPEXBENCH_ASSERT(isa <= best_isa());  // each set's CPUs have the ones before it
  const Rows range{begin, end}, body = body_of(range);
  std::int64_t i = body.begin;
  double sum = 0;
  switch (isa) {
#if defined(SPEXBENCH_AVX2_KERNELS)
    case Isa::kAvx2:
      sum = dot_bytes_avx2(bits, v, i, body.end);
      break;
#endif
#if defined(__SSE2__)
    case Isa::kSse2:
      sum = dot_bytes_sse2(bits, v, i, body.end);
      break;
#endif
    default:
      sum = dot_bytes_portable(bits, v, i, body.end);
  }
  return sum + edges_of(bits, v, range, body);
}

void subtract(const std::uint8_t* bits, double delta, double* v, std::int64_t rows, Isa isa) {
  SPEXBENCH_ASSERT(isa <= best_isa());
  std::int64_t i = 0;
  switch (isa) {
#if defined(SPEXBENCH_AVX2_KERNELS)
    case Isa::kAvx2:
      subtract_bytes_avx2(bits, delta, v, i, rows);
      break;
#endif
#if defined(__SSE2__)
    case Isa::kSse2:
      subtract_bytes_sse2(bits, delta, v, i, rows);
      break;
#endif
    default:
      subtract_bytes_portable(bits, delta, v, i, rows);
  }
  for (; i < rows; ++i) v[i] -= delta * sign_at(bits, i);
}

double subtract_then_dot(const std::uint8_t* subtract_bits, double delta,
                         const std::uint8_t* dot_bits, double* v, std::int64_t rows, Rows first,
                         Rows second, Isa isa) {
  SPEXBENCH_ASSERT(isa <= best_isa());
#if defined(SPEXBENCH_AVX2_KERNELS)
  const Rows body[2] = {body_of(first), body_of(second)};
  // An empty body may start anywhere: the pass puts it where its segments stay in order and on
  // whole bytes.
  Rows pass[2] = {body[0], body[1]};
  if (pass[0].begin == pass[0].end) pass[0] = {0, 0};
  if (pass[1].begin == pass[1].end) pass[1] = {pass[0].end, pass[0].end};
  if (isa == Isa::kAvx2 && pass[0].end <= pass[1].begin) {
    double sums[2];
    subtract_dot_bytes_avx2(subtract_bits, delta, dot_bits, v, rows, pass, sums);
    for (std::int64_t i = rows / 8 * 8; i < rows; ++i) v[i] -= delta * sign_at(subtract_bits, i);
    return (sums[0] + edges_of(dot_bits, v, first, body[0])) +
           (sums[1] + edges_of(dot_bits, v, second, body[1]));
  }
#endif
  subtract(subtract_bits, delta, v, rows, isa);
  return dot(dot_bits, v, first.begin, first.end, isa) +
         dot(dot_bits, v, second.begin, second.end, isa);
}

}  // namespace spexbench::sign_kernels
