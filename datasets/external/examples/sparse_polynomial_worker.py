#!/usr/bin/env python3
"""A spexbench external worker in plain Python (no dependencies): the value of a sparse polynomial
read from a JSON file, {"n": N, "basis": "fourier"|"mobius", "terms": [[[i, j, ...], coef], ...]}.

usage: sparse_polynomial_worker.py POLYNOMIAL.json

The protocol (datasets/external/README.md): one JSON object per line on stdin and stdout.
"""
import json
import sys


def main(path):
    with open(path) as f:
        poly = json.load(f)
    n, basis, terms = poly["n"], poly["basis"], poly["terms"]

    hello = json.loads(sys.stdin.readline())
    if hello.get("protocol") != "spexbench-external" or hello.get("version") != 1:
        sys.exit(f"unsupported protocol: {hello}")
    print(json.dumps({"protocol": "spexbench-external", "version": 1, "num_features": n}), flush=True)

    for line in sys.stdin:  # one batch per line until spexbench closes our stdin
        masks = json.loads(line)["masks"]
        values = []
        for mask in masks:
            total = 0.0
            for features, coef in terms:
                if basis == "fourier":
                    odd = sum(mask[i] == "1" for i in features) % 2
                    total += -coef if odd else coef
                elif all(mask[i] == "1" for i in features):
                    total += coef
            values.append(total)
        print(json.dumps({"values": values}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
