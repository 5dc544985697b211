#!/usr/bin/env python3
"""Regression on uniform masks of order l as an external explainer, NumPy only: the polynomial of
degree <= l closest to f in least squares over uniform masks, which estimates the Faith-Banzhaf
index of order l (Tsai, Yeh, Ravikumar, JMLR 2023). The estimator of spexbench's native
faith_banzhaf:order=l,regularization=none: every mask once when 2^n fits the budget (then it is
the exact index), else `budget` uniform masks drawn from the cell's seed.

    spexbench run --task synthetic.soum:n=10 --budget 1024 \\
        --explainer 'external.explainer:command="python3 baselines/external/examples/uniform_regression.py --order 2"'
"""
import argparse
import itertools
import sys
from math import comb
from pathlib import Path

import numpy as np

try:
    import spexbench
except ImportError:  # run from the spexbench tree without PYTHONPATH
    sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "python"))
    import spexbench

MASKS_PER_MESSAGE = 4096


def explain(problem, order):
    n = problem.n
    subsets = [s for k in range(order + 1) for s in itertools.combinations(range(n), k)]
    if problem.budget < len(subsets):
        raise spexbench.Infeasible(f"order {order} at n={n} has {len(subsets)} coefficients, "
                                   f"more than the budget of {problem.budget}")
    if n <= 62 and 2 ** n <= problem.budget:
        codes = np.arange(2 ** n, dtype=np.uint64)
        masks = ((codes[:, None] >> np.arange(n, dtype=np.uint64)) & 1).astype(bool)
    else:
        masks = np.random.default_rng(problem.seed).integers(0, 2, (problem.budget, n)).astype(bool)
    values = np.concatenate([problem.query(masks[k:k + MASKS_PER_MESSAGE])
                             for k in range(0, len(masks), MASKS_PER_MESSAGE)])
    problem.progress(f"least squares on {len(masks)} masks and {len(subsets)} Möbius features")
    design = np.ones((len(masks), len(subsets)))
    for column, subset in enumerate(subsets):
        for i in subset:
            design[:, column] *= masks[:, i]
    coefficients, *_ = np.linalg.lstsq(design, values, rcond=None)
    return {"basis": "mobius", "terms": dict(zip(subsets, coefficients)),
            "info": {"masks": len(masks), "features": len(subsets)}}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--order", type=int, default=2)
    order = parser.parse_args().order
    spexbench.serve(lambda problem: explain(problem, order))
