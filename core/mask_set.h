// A set of masks, for counting distinct queries and drawing distinct samples.
//
// Exact bitmap over {0,1}^n for n <= 26; above that, 128-bit fingerprints of the packed rows in an
// open-addressing table (the chance that two of q distinct masks collide is about q^2 / 2^129:
// negligible for any budget this suite can spend).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace spexbench {

class MaskSet {
 public:
  explicit MaskSet(int n);
  /// Adds a packed row (core/mask.h layout); true when it was not in the set yet.
  bool insert(std::span<const std::uint64_t> row);
  [[nodiscard]] bool contains(std::span<const std::uint64_t> row) const;
  [[nodiscard]] std::size_t size() const { return size_; }

 private:
  struct Fingerprint {
    std::uint64_t h1 = 0, h2 = 0;  // (0, 0) marks an empty slot
  };
  [[nodiscard]] static Fingerprint fingerprint(std::span<const std::uint64_t> row);
  [[nodiscard]] std::size_t slot_of(const Fingerprint& f) const;
  void grow();

  int n_;
  std::size_t size_ = 0;
  std::vector<std::uint64_t> bitmap_;  // n <= 26
  std::vector<Fingerprint> table_;     // n > 26
};

}  // namespace spexbench
