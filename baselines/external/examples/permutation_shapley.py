#!/usr/bin/env python3
"""Monte Carlo permutation Shapley values (Castro, Gomez, Tejada 2009) as an external explainer,
NumPy only: the estimator of spexbench's native permutation_shapley, at the same query cost.

phi_i is the mean over random permutations of f(predecessors of i, and i) - f(predecessors of i).
f(empty) and f(all) are queried once; each permutation adds its n - 1 inner prefixes, so
m = (budget - 2) // (n - 1) permutations fit. The explanation is the Möbius surrogate
f(empty) + sum_i phi_i x_i.

    spexbench run --task synthetic.soum:n=12 --budget 2000 \\
        --explainer 'external.explainer:command="python3 baselines/external/examples/permutation_shapley.py"'
"""
import sys
from pathlib import Path

import numpy as np

try:
    import spexbench
except ImportError:  # run from the spexbench tree without PYTHONPATH
    sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "python"))
    import spexbench

PERMUTATIONS_PER_MESSAGE = 256


def explain(problem):
    n = problem.n
    if problem.budget < n + 1:
        raise spexbench.Infeasible(f"needs f(empty), f(all) and one permutation: {n + 1} queries")
    rng = np.random.default_rng(problem.seed)
    empty, full = problem.query(np.array([np.zeros(n, bool), np.ones(n, bool)]))
    permutations = 1 if n == 1 else (problem.budget - 2) // (n - 1)
    phi = np.zeros(n)
    for start in range(0, permutations, PERMUTATIONS_PER_MESSAGE):
        orders = np.array([rng.permutation(n)
                           for _ in range(min(PERMUTATIONS_PER_MESSAGE, permutations - start))])
        # Row k of a permutation keeps its first k + 1 elements, k = 0 .. n - 2.
        ranks = np.argsort(orders, axis=1)  # ranks[p, i]: where i stands in permutation p
        prefixes = ranks[:, None, :] <= np.arange(n - 1)[None, :, None]
        values = problem.query(prefixes.reshape(-1, n)).reshape(len(orders), n - 1)
        chain = np.concatenate([np.full((len(orders), 1), empty), values,
                                np.full((len(orders), 1), full)], axis=1)
        gains = np.diff(chain, axis=1)  # gains[p, k]: what element orders[p, k] added
        np.add.at(phi, orders, gains)
    phi /= permutations
    terms = {(): empty}
    terms.update({(i,): phi[i] for i in range(n)})
    return {"basis": "mobius", "terms": terms, "info": {"permutations": permutations}}


if __name__ == "__main__":
    spexbench.serve(explain)
