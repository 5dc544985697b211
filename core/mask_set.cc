#include "core/mask_set.h"

#include "core/rng.h"

namespace spexbench {
namespace {
constexpr int kBitmapMaxFeatures = 26;
}  // namespace

MaskSet::MaskSet(int n) : n_(n) {
  if (n_ <= kBitmapMaxFeatures) bitmap_.assign(((std::size_t{1} << n_) + 63) / 64, 0);
}

MaskSet::Fingerprint MaskSet::fingerprint(std::span<const std::uint64_t> row) {
  Fingerprint f{0x243f6a8885a308d3ULL, 0x13198a2e03707344ULL};
  for (const std::uint64_t w : row) {
    f.h1 = splitmix64(f.h1 ^ w);
    f.h2 = splitmix64(f.h2 + w);
  }
  if (f.h1 == 0 && f.h2 == 0) f.h1 = 1;
  return f;
}

std::size_t MaskSet::slot_of(const Fingerprint& f) const {
  const std::size_t mask = table_.size() - 1;
  std::size_t slot = f.h1 & mask;
  while ((table_[slot].h1 | table_[slot].h2) != 0 &&
         (table_[slot].h1 != f.h1 || table_[slot].h2 != f.h2))
    slot = (slot + 1) & mask;
  return slot;
}

void MaskSet::grow() {
  std::vector<Fingerprint> old = std::move(table_);
  table_.assign(std::max<std::size_t>(64, old.size() * 2), Fingerprint{});
  for (const Fingerprint& f : old)
    if ((f.h1 | f.h2) != 0) table_[slot_of(f)] = f;
}

bool MaskSet::insert(std::span<const std::uint64_t> row) {
  if (!bitmap_.empty()) {
    const std::uint64_t x = row[0];
    std::uint64_t& word = bitmap_[x / 64];
    const std::uint64_t bit = std::uint64_t{1} << (x % 64);
    if ((word & bit) != 0) return false;
    word |= bit;
    ++size_;
    return true;
  }
  if (2 * (size_ + 1) > table_.size()) grow();
  const Fingerprint f = fingerprint(row);
  Fingerprint& slot = table_[slot_of(f)];
  if ((slot.h1 | slot.h2) != 0) return false;
  slot = f;
  ++size_;
  return true;
}

bool MaskSet::contains(std::span<const std::uint64_t> row) const {
  if (!bitmap_.empty()) return (bitmap_[row[0] / 64] >> (row[0] % 64)) & 1U;
  if (table_.empty()) return false;
  const Fingerprint& slot = table_[slot_of(fingerprint(row))];
  return (slot.h1 | slot.h2) != 0;
}

}  // namespace spexbench
