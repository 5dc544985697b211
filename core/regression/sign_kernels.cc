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
  double edges = 0;
  std::int64_t i = begin;
  for (; i < end && i % 8 != 0; ++i) edges += sign_at(bits, i) * v[i];
  double body = 0;
  switch (isa) {
#if defined(SPEXBENCH_AVX2_KERNELS)
    case Isa::kAvx2:
      body = dot_bytes_avx2(bits, v, i, end);
      break;
#endif
#if defined(__SSE2__)
    case Isa::kSse2:
      body = dot_bytes_sse2(bits, v, i, end);
      break;
#endif
    default:
      body = dot_bytes_portable(bits, v, i, end);
  }
  for (; i < end; ++i) edges += sign_at(bits, i) * v[i];
  return body + edges;
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

}  // namespace spexbench::sign_kernels
