#include "core/sparse_polynomial.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <numeric>

#include "core/error.h"
#include "core/rng.h"
#include "core/transforms.h"

namespace spexbench {
namespace {

constexpr int kDenseMaxFeatures = 24;
constexpr double kCancellationFloor = 1e-12;

/// In-place transpose of a 64x64 bit matrix: afterwards bit r of a[i] is the old bit i of a[r]
/// (least significant bit first, matching core/mask.h).
void transpose64(std::uint64_t* a) {
  std::uint64_t m = 0x00000000FFFFFFFFULL;
  for (int j = 32; j != 0; j >>= 1, m ^= m << j) {
    for (int k = 0; k < 64; k = ((k | j) + 1) & ~j) {
      const std::uint64_t t = ((a[k] >> j) ^ a[k | j]) & m;
      a[k | j] ^= t;
      a[k] ^= t << j;
    }
  }
}

/// kSigns[b][j] = (-1)^{bit j of b}: turns a byte of parities into eight signs without branches,
/// so the accumulation below vectorises.
struct SignTable {
  double signs[256][8];
  constexpr SignTable() : signs() {
    for (int b = 0; b < 256; ++b)
      for (int j = 0; j < 8; ++j) signs[b][j] = ((b >> j) & 1) ? -1.0 : 1.0;
  }
};
constexpr SignTable kSigns;

/// Index of the table entry for a term's set (n <= 24).
std::uint64_t term_bits(std::span<const std::uint32_t> features) {
  std::uint64_t bits = 0;
  for (const std::uint32_t f : features) bits |= std::uint64_t{1} << f;
  return bits;
}

/// Feature list of the set encoded by `bits`.
void bits_to_features(std::uint64_t bits, std::vector<std::uint32_t>& out) {
  out.clear();
  while (bits != 0) {
    out.push_back(static_cast<std::uint32_t>(std::countr_zero(bits)));
    bits &= bits - 1;
  }
}

bool term_less(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b) {
  if (a.size() != b.size()) return a.size() < b.size();
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end());
}

double max_abs(std::span<const double> values) {
  double m = 0;
  for (const double v : values) m = std::max(m, std::abs(v));
  return m;
}

}  // namespace

std::string_view basis_name(Basis basis) { return basis == Basis::kFourier ? "fourier" : "mobius"; }

Basis parse_basis(std::string_view name) {
  if (name == "fourier") return Basis::kFourier;
  if (name == "mobius") return Basis::kMobius;
  throw Error(str_cat("unknown basis '", name, "'; bases are: fourier mobius"));
}

std::uint64_t hash_term(std::span<const std::uint32_t> features) {
  std::uint64_t h = splitmix64(features.size());
  for (const std::uint32_t f : features) h = splitmix64(h ^ f);
  return h;
}

SparsePolynomial::SparsePolynomial(int n, Basis basis) : n_(n), basis_(basis) {
  SPEXBENCH_CHECK(n >= 1, "polynomial: n=", n, ", must be >= 1");
}

std::size_t SparsePolynomial::max_degree() const {
  std::size_t d = 0;
  for (std::size_t t = 0; t < size(); ++t) d = std::max(d, degree(t));
  return d;
}

void SparsePolynomial::add_term(std::span<const std::uint32_t> features, double coef) {
  for (std::size_t i = 0; i < features.size(); ++i) {
    SPEXBENCH_CHECK(features[i] < static_cast<std::uint32_t>(n_), "polynomial term: feature ",
                    features[i], " out of range for n=", n_);
    SPEXBENCH_CHECK(i == 0 || features[i - 1] < features[i],
                    "polynomial term: features must be strictly increasing");
  }
  features_.insert(features_.end(), features.begin(), features.end());
  offsets_.push_back(features_.size());
  coefs_.push_back(coef);
}

void SparsePolynomial::add_term_mask(std::span<const std::uint64_t> row, double coef) {
  SPEXBENCH_ASSERT(row.size() == words_for(n_));
  for (std::size_t w = 0; w < row.size(); ++w) {
    std::uint64_t bits = row[w];
    while (bits != 0) {
      features_.push_back(static_cast<std::uint32_t>(w * 64 + std::countr_zero(bits)));
      bits &= bits - 1;
    }
  }
  offsets_.push_back(features_.size());
  coefs_.push_back(coef);
}

void SparsePolynomial::canonicalize() {
  TermAccumulator merged(n_, basis_);
  for (std::size_t t = 0; t < size(); ++t) merged.add(term(t), coefs_[t]);
  *this = std::move(merged).finish();
}

SparsePolynomial SparsePolynomial::from_table(int n, Basis basis, std::span<const double> table,
                                              double threshold) {
  SPEXBENCH_ASSERT(n <= 63 && table.size() == (std::size_t{1} << n));
  SparsePolynomial out(n, basis);
  std::vector<std::uint32_t> features;
  for (std::uint64_t set = 0; set < table.size(); ++set) {
    if (!(std::abs(table[set]) > threshold)) continue;
    bits_to_features(set, features);
    out.add_term(features, table[set]);
  }
  out.canonicalize();  // from integer order to the canonical order
  return out;
}

SparsePolynomial SparsePolynomial::from_csr(int n, Basis basis, std::vector<std::uint64_t> offsets,
                                            std::vector<std::uint32_t> features,
                                            std::vector<double> coefs) {
  SPEXBENCH_CHECK(!offsets.empty() && offsets.front() == 0 && offsets.size() == coefs.size() + 1 &&
                      offsets.back() == features.size(),
                  "polynomial: inconsistent CSR arrays (", offsets.size(), " offsets, ",
                  features.size(), " features, ", coefs.size(), " coefficients)");
  SparsePolynomial poly(n, basis);
  for (std::size_t t = 0; t < coefs.size(); ++t) {
    SPEXBENCH_CHECK(offsets[t] <= offsets[t + 1] && offsets[t + 1] <= features.size(),
                    "polynomial: offsets decrease or pass the features at term ", t);
    SPEXBENCH_CHECK(std::isfinite(coefs[t]), "polynomial: coefficient of term ", t,
                    " is not finite");
    poly.add_term(std::span(features).subspan(offsets[t], offsets[t + 1] - offsets[t]), coefs[t]);
  }
  return poly;
}

std::vector<double> SparsePolynomial::evaluate(const MaskBatch& masks) const {
  std::vector<double> out(masks.rows());
  evaluate(masks, out);
  return out;
}

void SparsePolynomial::evaluate(const MaskBatch& masks, std::span<double> out) const {
  SPEXBENCH_CHECK(masks.num_features() == n_, "polynomial over n=", n_,
                  " evaluated on masks with n=", masks.num_features());
  SPEXBENCH_ASSERT(out.size() == masks.rows());
  const std::size_t rows = masks.rows();
  const bool fourier = basis_ == Basis::kFourier;

  // Dense path: one O(n 2^n) transform, then a lookup per mask.
  if (n_ <= kDenseMaxFeatures) {
    const double table_cost = static_cast<double>(n_ + 1) * std::ldexp(1.0, n_);
    const double sliced_cost =
        static_cast<double>((rows + 63) / 64) * static_cast<double>(size()) * 80.0;
    if (table_cost < sliced_cost) {
      std::vector<double> table(std::size_t{1} << n_, 0.0);
      for (std::size_t t = 0; t < size(); ++t) table[term_bits(term(t))] += coefs_[t];
      fourier ? fwht(table) : subset_sum(table);
      for (std::size_t r = 0; r < rows; ++r) out[r] = table[masks.row(r)[0]];
      return;
    }
  }

  // Bit-sliced path: transpose 64 masks so that column word i holds component i of each mask;
  // a term's parity (Fourier) or conjunction (Möbius) over 64 masks is then a few word operations.
  // When the terms name few components (fewer feature entries than n / 8: a sparse truth at
  // large n), only the columns they use are gathered, bit by bit, and the terms read them by
  // position in `used`: transposing every word would cost O(n) per mask.
  const std::size_t words = masks.words_per_row();
  // The choice costs O(1): a batch of one mask must not pay for sorting every term's features.
  const bool gather = features_.size() < words * 8;
  std::vector<std::uint32_t> used;
  std::vector<std::uint32_t> positions;  // features_ as indices into `used`
  if (gather) {
    used = features_;
    std::sort(used.begin(), used.end());
    used.erase(std::unique(used.begin(), used.end()), used.end());
    positions.reserve(features_.size());
    for (const std::uint32_t f : features_)
      positions.push_back(
          static_cast<std::uint32_t>(std::lower_bound(used.begin(), used.end(), f) - used.begin()));
  }
  const std::uint32_t* term_columns = gather ? positions.data() : features_.data();
  std::vector<std::uint64_t> columns(gather ? used.size() : words * 64);
  std::uint64_t block[64];
  for (std::size_t start = 0; start < rows; start += 64) {
    const std::size_t count = std::min<std::size_t>(64, rows - start);
    if (gather) {
      for (std::size_t u = 0; u < used.size(); ++u) {
        const std::size_t word = used[u] / 64, shift = used[u] % 64;
        std::uint64_t column = 0;
        for (std::size_t r = 0; r < count; ++r)
          column |= ((masks.row(start + r)[word] >> shift) & 1U) << r;
        columns[u] = column;
      }
    } else {
      for (std::size_t w = 0; w < words; ++w) {
        for (std::size_t r = 0; r < 64; ++r) block[r] = r < count ? masks.row(start + r)[w] : 0;
        transpose64(block);
        std::copy(block, block + 64, columns.begin() + static_cast<std::ptrdiff_t>(w * 64));
      }
    }
    double acc[64] = {};
    for (std::size_t t = 0; t < size(); ++t) {
      const std::span<const std::uint32_t> features(term_columns + offsets_[t],
                                                    offsets_[t + 1] - offsets_[t]);
      const double c = coefs_[t];
      if (fourier) {
        std::uint64_t parity = 0;
        for (const std::uint32_t f : features) parity ^= columns[f];
        for (int byte = 0; byte < 8; ++byte) {
          const double* signs = kSigns.signs[(parity >> (8 * byte)) & 0xff];
          double* a = acc + 8 * byte;
          for (int j = 0; j < 8; ++j) a[j] += c * signs[j];
        }
      } else {
        std::uint64_t all = ~std::uint64_t{0};
        for (const std::uint32_t f : features) all &= columns[f];
        while (all != 0) {
          acc[std::countr_zero(all)] += c;
          all &= all - 1;
        }
      }
    }
    std::copy(acc, acc + count, out.begin() + static_cast<std::ptrdiff_t>(start));
  }
}

SparsePolynomial SparsePolynomial::to_basis(Basis target) const {
  if (target == basis_) {
    SparsePolynomial copy = *this;
    copy.canonicalize();
    return copy;
  }
  const bool to_mobius = target == Basis::kMobius;
  const double floor = kCancellationFloor * max_abs(coefs_);

  double expansion = 0;
  for (std::size_t t = 0; t < size(); ++t)
    expansion += std::ldexp(1.0, static_cast<int>(degree(t)));

  if (n_ <= kDenseMaxFeatures && expansion > std::ldexp(2.0, n_)) {
    // Dense: superset sums over a 2^n table, then the per-set scale of the conversion formula.
    std::vector<double> table(std::size_t{1} << n_, 0.0);
    for (std::size_t t = 0; t < size(); ++t) {
      const double scale = to_mobius ? 1.0 : std::ldexp(1.0, -static_cast<int>(degree(t)));
      table[term_bits(term(t))] += coefs_[t] * scale;
    }
    superset_sum(table);
    for (std::uint64_t s = 0; s < table.size(); ++s) {
      const int k = std::popcount(s);
      table[s] =
          to_mobius ? table[s] * std::ldexp(k % 2 ? -1.0 : 1.0, k) : (k % 2 ? -table[s] : table[s]);
    }
    return from_table(n_, target, table, floor);
  }

  // Sparse: each term spreads over all its subsets.
  SPEXBENCH_CHECK(expansion <= kMaxBasisChangeTerms, "polynomial: changing ", size(),
                  " terms of degree up to ", max_degree(), " to the ", basis_name(target),
                  " basis makes up to ", expansion, " terms, over the limit of ",
                  kMaxBasisChangeTerms);
  TermAccumulator acc(n_, target);
  std::vector<std::uint32_t> subset;
  for (std::size_t t = 0; t < size(); ++t) {
    const auto features = term(t);
    const int d = static_cast<int>(features.size());
    SPEXBENCH_CHECK(d <= 40, "basis conversion: term of degree ", d,
                    " has too many subsets to expand; use n <= 24 for dense conversion");
    const double base = to_mobius ? coefs_[t] : coefs_[t] * std::ldexp(1.0, -d);
    for (std::uint64_t sub = 0; sub < (std::uint64_t{1} << d); ++sub) {
      subset.clear();
      for (int i = 0; i < d; ++i)
        if ((sub >> i) & 1U) subset.push_back(features[static_cast<std::size_t>(i)]);
      const int k = std::popcount(sub);
      const double value =
          to_mobius ? base * std::ldexp(k % 2 ? -1.0 : 1.0, k) : (k % 2 ? -base : base);
      acc.add(subset, value);
    }
  }
  SparsePolynomial out = std::move(acc).finish();
  return out.pruned(floor);
}

SparsePolynomial SparsePolynomial::top_k(std::size_t k) const {
  SparsePolynomial canonical = *this;
  canonical.canonicalize();
  std::vector<std::size_t> order(canonical.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::abs(canonical.coefs_[a]) > std::abs(canonical.coefs_[b]);
  });
  order.resize(std::min(k, order.size()));
  std::sort(order.begin(), order.end());  // back to canonical order
  SparsePolynomial out(n_, basis_);
  for (const std::size_t t : order) out.add_term(canonical.term(t), canonical.coefs_[t]);
  return out;
}

SparsePolynomial SparsePolynomial::pruned(double threshold) const {
  SparsePolynomial out(n_, basis_);
  for (std::size_t t = 0; t < size(); ++t)
    if (std::abs(coefs_[t]) > threshold) out.add_term(term(t), coefs_[t]);
  return out;
}

std::optional<double> SparsePolynomial::find(std::span<const std::uint32_t> features) const {
  for (std::size_t t = 0; t < size(); ++t) {
    const auto candidate = term(t);
    if (std::equal(candidate.begin(), candidate.end(), features.begin(), features.end()))
      return coefs_[t];
  }
  return std::nullopt;
}

TermIndex::TermIndex(const SparsePolynomial& poly) : poly_(poly), slots_(16, 0) {
  for (std::size_t t = 0; t < poly.size(); ++t) insert(t);
}

std::size_t TermIndex::slot_of(std::span<const std::uint32_t> features) const {
  const std::size_t mask = slots_.size() - 1;
  std::size_t slot = hash_term(features) & mask;
  while (slots_[slot] != 0) {
    const auto existing = poly_.term(slots_[slot] - 1);
    if (std::equal(existing.begin(), existing.end(), features.begin(), features.end())) break;
    slot = (slot + 1) & mask;
  }
  return slot;
}

std::optional<std::size_t> TermIndex::find(std::span<const std::uint32_t> features) const {
  const std::size_t slot = slot_of(features);
  if (slots_[slot] == 0) return std::nullopt;
  return slots_[slot] - 1;
}

void TermIndex::insert(std::size_t t) {
  if (2 * (used_ + 1) > slots_.size()) grow();
  const std::size_t slot = slot_of(poly_.term(t));
  SPEXBENCH_ASSERT(slots_[slot] == 0, "term inserted twice into a TermIndex");
  SPEXBENCH_ASSERT(t < 0xffffffffULL, "too many terms for a TermIndex");
  slots_[slot] = static_cast<std::uint32_t>(t + 1);
  ++used_;
}

void TermIndex::grow() {
  std::vector<std::uint32_t> old = std::move(slots_);
  slots_.assign(old.size() * 2, 0);
  for (const std::uint32_t entry : old) {
    if (entry == 0) continue;
    slots_[slot_of(poly_.term(entry - 1))] = entry;
  }
}

void TermAccumulator::add(std::span<const std::uint32_t> features, double coef) {
  if (const auto t = index_.find(features)) {
    poly_.coefs()[*t] += coef;
    return;
  }
  poly_.add_term(features, coef);
  index_.insert(poly_.size() - 1);
}

SparsePolynomial TermAccumulator::finish() && {
  std::vector<std::size_t> order;
  for (std::size_t t = 0; t < poly_.size(); ++t)
    if (poly_.coef(t) != 0.0) order.push_back(t);
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return term_less(poly_.term(a), poly_.term(b)); });
  SparsePolynomial out(poly_.num_features(), poly_.basis());
  for (const std::size_t t : order) out.add_term(poly_.term(t), poly_.coef(t));
  return out;
}

}  // namespace spexbench
