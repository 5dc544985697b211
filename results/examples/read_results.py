#!/usr/bin/env python3
"""Read a spexbench results file with h5py alone (no C++): the example in results/README.md.

usage: read_results.py FILE.h5

Prints the provenance, then one line per cell with its status, query counts and metrics, and
re-evaluates each cell's explanation on its stored held-out masks to recompute R^2 in NumPy,
checking it against the stored metric (exit status 1 on a mismatch).
"""
import sys

import h5py
import numpy as np


def text(value):
    """A string as str: schema 2 and later store fixed-length UTF-8, which h5py reads as bytes."""
    return value.decode() if isinstance(value, bytes) else str(value)


def read_polynomial(group):
    """The sparse polynomial of a group: basis, and a list of (features, coefficient)."""
    offsets = group["offsets"][()]
    features = group["features"][()]
    coefs = group["coefs"][()]
    terms = [features[offsets[t]:offsets[t + 1]] for t in range(len(coefs))]
    return text(group.attrs["basis"]), terms, coefs


def unpack_masks(words, n):
    """(rows, ceil(n/64)) uint64 words -> (rows, n) 0/1 array; bit i in word i // 64, LSB first."""
    bits = np.unpackbits(words.astype("<u8").view(np.uint8).reshape(len(words), -1),
                         axis=1, bitorder="little")
    return bits[:, :n]


def evaluate(basis, terms, coefs, masks):
    values = np.zeros(len(masks))
    for term, coef in zip(terms, coefs):
        selected = masks[:, term].astype(np.int64)
        if basis == "fourier":
            values += coef * (1 - 2 * (selected.sum(axis=1) % 2))
        else:
            values += coef * selected.all(axis=1)
    return values


def cells(f):
    """(id, group) of every cell: schema 4 keeps them in buckets, /cells/<first 3 id chars>/<id>;
    earlier schemas straight under /cells."""
    if f.attrs["schema_version"] < 4:
        yield from f["cells"].items()
        return
    for bucket in f["cells"].values():
        yield from bucket.items()


def main(path):
    ok = True
    with h5py.File(path, "r") as f:
        print(f"schema {f.attrs['schema_version']}  spexbench {text(f.attrs['spexbench_version'])} "
              f"({text(f.attrs['git_describe'])})  {text(f.attrs['started_utc'])}")
        for cell_id, cell in cells(f):
            metrics = {name: float(ds[()]) for name, ds in cell["metrics"].items()}
            print(f"{cell_id}  {text(cell.attrs['status']):<16} {text(cell.attrs['explainer_spec'])} on "
                  f"{text(cell.attrs['task_spec'])}: {cell.attrs['queries_total']} queries, {metrics}")
            n = int(cell.attrs["num_features"])
            # Stored where the task names its components; x0, x1, ... otherwise.
            names = ([text(name) for name in cell["component_names"][()]]
                     if "component_names" in cell else [f"x{i}" for i in range(n)])
            if len(names) != n:
                print(f"  {len(names)} component names for n={n}")
                ok = False
            if "estimate" in cell and "holdout" in cell and "r2" in metrics:
                masks = unpack_masks(cell["holdout/masks"][()], n)
                y = cell["holdout/values"][()]
                yhat = evaluate(*read_polynomial(cell["estimate"]), masks)
                r2 = 1 - np.sum((y - yhat) ** 2) / np.sum((y - y.mean()) ** 2)
                if abs(r2 - metrics["r2"]) > 1e-9:
                    print(f"  r2 recomputed in NumPy: {r2} != stored {metrics['r2']}")
                    ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
