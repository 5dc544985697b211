// Fast transforms over dense tables of 2^n values, indexed by masks read as integers (entry x is
// the mask whose bit i is bit i of x; see core/mask.h). All run in place in O(n 2^n).
//
//   Walsh-Hadamard:  fwht(a)[k] = sum_x (-1)^{|k & x|} a[x]     (unnormalised; fwht∘fwht = 2^n)
//     so the Fourier coefficients of f are F = fwht(f) / 2^n and f = fwht(F).
//   Subset sum (zeta): subset_sum(a)[S] = sum_{T ⊆ S} a[T]       Möbius coefficients -> values
//   Möbius:  mobius(a)[S] = sum_{T ⊆ S} (-1)^{|S|-|T|} a[T]      values -> Möbius coefficients
//   Superset sum:  superset_sum(a)[S] = sum_{T ⊇ S} a[T]         used by basis conversions
#pragma once

#include <span>

namespace spexbench {

void fwht(std::span<double> a);
void subset_sum(std::span<double> a);
void mobius(std::span<double> a);
void superset_sum(std::span<double> a);

/// Fourier coefficients of a table of values: fwht then division by the size.
void values_to_fourier(std::span<double> a);

}  // namespace spexbench
