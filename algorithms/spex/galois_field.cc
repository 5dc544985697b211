#include "algorithms/spex/galois_field.h"

#include "core/error.h"

namespace spexbench::spex {
namespace {

// A primitive polynomial of each degree, x^m term included (standard tables; verified below by
// checking that a has full multiplicative order).
constexpr std::uint32_t kPrimitive[GaloisField::kMaxDegree + 1] = {
    0,     0,     0x7,    0xB,    0x13,   0x25,   0x43,    0x83,    0x11D,   0x211,
    0x409, 0x805, 0x1053, 0x201B, 0x4443, 0x8003, 0x1100B, 0x20009, 0x40081, 0x80027};

}  // namespace

GaloisField::GaloisField(int m) : m_(m) {
  SPEXBENCH_CHECK(m >= 2 && m <= kMaxDegree, "GF(2^m): m=", m, " outside [2, ", kMaxDegree, "]");
  order_ = (std::uint32_t{1} << m) - 1;
  exp_.resize(2 * static_cast<std::size_t>(order_));
  log_.assign(std::size_t{1} << m, 0);
  std::uint32_t x = 1;
  for (std::uint32_t e = 0; e < order_; ++e) {
    SPEXBENCH_ASSERT(e == 0 || x != 1, "polynomial for m=", m, " is not primitive");
    exp_[e] = x;
    log_[x] = e;
    x <<= 1;
    if (x >> m) x ^= kPrimitive[m];
  }
  SPEXBENCH_ASSERT(x == 1, "polynomial for m=", m, " is not primitive");
  for (std::uint32_t e = order_; e < 2 * order_; ++e) exp_[e] = exp_[e - order_];
}

}  // namespace spexbench::spex
