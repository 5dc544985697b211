#!/usr/bin/env python3
"""The cheapest method there is, for measuring the protocol's cost per query: it spends the whole
budget on uniform masks, `--batch` masks per message, and returns their mean as the Fourier
constant term (an unbiased estimate of it).

    spexbench run --task synthetic.soum:n=10 --budget 100000 \\
        --explainer 'external.explainer:command="python3 baselines/external/examples/uniform_mean.py --batch 1024"'
"""
import argparse
import sys
from pathlib import Path

import numpy as np

try:
    import spexbench
except ImportError:  # run from the spexbench tree without PYTHONPATH
    sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "python"))
    import spexbench


def explain(problem, batch):
    rng = np.random.default_rng(problem.seed)
    total, count = 0.0, 0
    while problem.remaining > 0:
        k = min(batch, problem.remaining)
        total += problem.query(rng.integers(0, 2, (k, problem.n))).sum()
        count += k
    return {"basis": "fourier", "terms": {(): total / count}}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--batch", type=int, default=1024)
    batch = parser.parse_args().batch
    spexbench.serve(lambda problem: explain(problem, batch))
