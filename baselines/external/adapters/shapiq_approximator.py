#!/usr/bin/env python3
"""Any shapiq approximator (shapiq 1.4 or later) as an external explainer: the spexbench task is
the shapiq game, and every coalition shapiq evaluates goes through the cell's oracle. Not packaged
for Debian, so not tested in CI; baselines/external/README.md says how it was checked.

    spexbench run --task synthetic.soum:n=12 --budget 2000 --explainer \\
        'external.explainer:command="python3 baselines/external/adapters/shapiq_approximator.py KernelSHAPIQ --index k-SII --max-order 2"'

Arguments: the approximator's class name in shapiq (KernelSHAPIQ, SVARMIQ, SHAPIQ, SPEX,
PermutationSamplingSII, RegressionFSII, KernelSHAP, ...), then --index and --max-order where it
takes them, and --set NAME=VALUE for any other constructor argument (VALUE read as JSON when it
parses, else as text). n and random_state come from the cell: random_state is the cell's seed
modulo 2^32.

The answer is shapiq's interaction values, tagged with their index and order: spexbench stores
them as an index output and scores them against the exact index of the task's truth
(index_mse:index=ksii and the other index metrics).
"""
import argparse
import json
import sys
from pathlib import Path

import numpy as np

try:
    import spexbench
except ImportError:  # run from the spexbench tree without PYTHONPATH
    sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "python"))
    import spexbench

import shapiq


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("approximator", help="the class name in shapiq")
    parser.add_argument("--index", help="the interaction index (k-SII, SII, STII, FSII, FBII, SV)")
    parser.add_argument("--max-order", type=int, help="the interaction order")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="another constructor argument")
    return parser.parse_args()


def constructor_arguments(arguments, problem):
    kwargs = {"n": problem.n, "random_state": problem.seed % 2**32}
    if arguments.index is not None:
        kwargs["index"] = arguments.index
    if arguments.max_order is not None:
        kwargs["max_order"] = arguments.max_order
    for setting in arguments.set:
        name, _, text = setting.partition("=")
        try:
            kwargs[name] = json.loads(text)
        except json.JSONDecodeError:
            kwargs[name] = text
    return kwargs


def explain(problem, arguments):
    approximator_class = getattr(shapiq, arguments.approximator, None)
    if approximator_class is None:
        raise ValueError(f"shapiq {getattr(shapiq, '__version__', '')} has no approximator "
                         f"'{arguments.approximator}'")
    approximator = approximator_class(**constructor_arguments(arguments, problem))
    problem.progress(f"shapiq {arguments.approximator} with a budget of {problem.budget}")

    def game(coalitions):
        return problem.query(np.asarray(coalitions, dtype=bool))

    values = approximator.approximate(budget=problem.budget, game=game)
    terms = {tuple(int(i) for i in interaction): float(values.values[position])
             for interaction, position in values.interaction_lookup.items()}
    if () not in terms:
        terms[()] = float(values.baseline_value)
    return {"index": values.index, "order": values.max_order, "terms": terms,
            "info": {"shapiq_version": getattr(shapiq, "__version__", "unknown")}}


if __name__ == "__main__":
    arguments = parse_arguments()
    spexbench.serve(lambda problem: explain(problem, arguments))
