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


def column(table, name):
    """A column of the cell table: string columns hold each row's index into <name>_values."""
    data = table[name][()]
    if name + "_values" not in table:
        return data
    values = [text(value) for value in table[name + "_values"][()]]
    return [values[index] for index in data]


def polynomials(table, name):
    """The polynomials `name` (estimate, ground_truth) of every cell: basis, a list of feature
    arrays and the coefficients, or None where a cell has none."""
    group = table[name]
    basis, cell_terms = column(group, "basis"), group["cell_terms"][()]
    offsets, features, coefs = group["feature_offsets"][()], group["features"][()], group["coefs"][()]
    out = []
    for i, b in enumerate(basis):
        terms = range(cell_terms[i], cell_terms[i + 1])
        out.append((b, [features[offsets[t]:offsets[t + 1]] for t in terms], coefs[terms.start:terms.stop])
                   if b else None)
    return out


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


def main(path):
    ok = True
    with h5py.File(path, "r") as f:
        print(f"schema {f.attrs['schema_version']}  spexbench {text(f.attrs['spexbench_version'])} "
              f"({text(f.attrs['git_describe'])})  {text(f.attrs['started_utc'])}")
        if f.attrs["schema_version"] < 5:
            print("  a file of schema 1 to 4 (a group per cell): read it with spexbench, or an older copy "
                  "of this script")
            return 1
        t = f["cells"]
        ids = [text(i) for i in t["id"][()]]
        status, task, explainer = (column(t, c) for c in ("status", "task_spec", "explainer_spec"))
        n, queries = t["num_features"][()], t["queries_total"][()]
        m = t["metrics"]
        at, names, values = m["cell_entries"][()], column(m, "names"), m["values"][()]
        c = t["component_names"]
        name_at, component_names = c["cell_entries"][()], column(c, "names")
        h = t["holdout"]
        rows_at, words_at, words, y_all = (h[k][()] for k in ("cell_rows", "cell_words", "masks", "values"))
        estimates = polynomials(t, "estimate")
        for i, cell_id in enumerate(ids):
            metrics = {names[e]: float(values[e]) for e in range(at[i], at[i + 1])}
            print(f"{cell_id}  {status[i]:<16} {explainer[i]} on {task[i]}: {queries[i]} queries, {metrics}")
            # Stored where the task names its components; x0, x1, ... otherwise.
            names_i = component_names[name_at[i]:name_at[i + 1]] or [f"x{j}" for j in range(n[i])]
            if len(names_i) != n[i]:
                print(f"  {len(names_i)} component names for n={n[i]}")
                ok = False
            rows = rows_at[i + 1] - rows_at[i]
            if estimates[i] and rows > 0 and "r2" in metrics:
                masks = unpack_masks(words[words_at[i]:words_at[i + 1]].reshape(rows, -1), n[i])
                y = y_all[rows_at[i]:rows_at[i + 1]]
                yhat = evaluate(*estimates[i], masks)
                r2 = 1 - np.sum((y - yhat) ** 2) / np.sum((y - y.mean()) ** 2)
                if abs(r2 - metrics["r2"]) > 1e-9:
                    print(f"  r2 recomputed in NumPy: {r2} != stored {metrics['r2']}")
                    ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
