#!/usr/bin/env python3
"""Paper-style figures from a spexbench results file (results/README.md schema), with h5py and
matplotlib only. Every figure is written as PNG and PDF together with the CSV of the data it plots.

usage: make_figures.py FILE.h5 --out DIR [--target 0.9]

  faithfulness_vs_queries   mean R^2 against mean queries, one panel per task and n bucket (powers
                            of two)
  r2_vs_n                   mean R^2 against n, one line per (task, explainer, budget) seen at
                            several n
  time_vs_n                 mean algorithm seconds against n, per task and explainer
  removal                   Rem(r) against r, when the file holds rem_r metrics
  queries_to_target         fewest mean queries reaching mean R^2 >= target, per task, explainer, n

Means are over a task's instances and seeds only: cells of different tasks (the task spec without n)
are never averaged together.
"""
import argparse
import collections
import csv
import math
import os
import re
import sys

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

# Twenty distinct colours: boards often compare more than ten explainers.
plt.rcParams["axes.prop_cycle"] = plt.cycler(color=plt.get_cmap("tab20").colors)


def legend(ax):
    ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.02, 0.5), frameon=False)


def text(value):
    """A string attribute as str: schema 2 stores fixed-length UTF-8, which h5py reads as bytes."""
    return value.decode() if isinstance(value, bytes) else str(value)


def column(table, name):
    """A column of the cell table (schema 5 on): string columns hold indices into <name>_values."""
    data = table[name][()]
    if name + "_values" not in table:
        return data
    values = [text(value) for value in table[name + "_values"][()]]
    return [values[index] for index in data]


def load_table(table):
    """The rows of a cell table, read a column at a time (schema 5 on)."""
    task, explainer, status = (column(table, name) for name in ("task_spec", "explainer_spec", "status"))
    budget, n, queries, seconds = (table[name][()] for name in (
        "budget", "num_features", "queries_total", "algorithm_seconds"))
    metrics = table["metrics"]
    at, names, values = metrics["cell_entries"][()], column(metrics, "names"), metrics["values"][()]
    return [{"task": task[i], "explainer": explainer[i], "budget": int(budget[i]), "n": int(n[i]),
             "status": status[i], "queries": int(queries[i]), "seconds": float(seconds[i]),
             "metrics": {names[e]: float(values[e]) for e in range(at[i], at[i + 1])}}
            for i in range(len(task))]


def cell_groups(f):
    """Every cell group of a file of schema 1 to 4: schema 4 keeps them in buckets,
    /cells/<first 3 id chars>/<id>; earlier schemas straight under /cells."""
    if f.attrs["schema_version"] < 4:
        return list(f["cells"].values())
    return [cell for bucket in f["cells"].values() for cell in bucket.values()]


def load(path):
    rows = []
    with h5py.File(path, "r") as f:
        if f.attrs["schema_version"] >= 5:
            return load_table(f["cells"])
        for cell in cell_groups(f):
            a = cell.attrs
            metrics = {name: float(ds[()]) for name, ds in cell["metrics"].items()}
            rows.append({
                "task": text(a["task_spec"]), "explainer": text(a["explainer_spec"]),
                "budget": int(a["budget"]), "n": int(a["num_features"]), "status": text(a["status"]),
                "queries": int(a["queries_total"]), "seconds": float(a["algorithm_seconds"]),
                "metrics": metrics})
    return rows


def task_family(task):
    """The task spec without n, so one line spans several n."""
    return re.sub(r"(^|[:,])n=\d+,?", r"\1", task).rstrip(":,")


def mean(values):
    return sum(values) / len(values) if values else float("nan")


def save(fig, out, name, header, data):
    for ext in ("png", "pdf"):
        fig.savefig(os.path.join(out, f"{name}.{ext}"), bbox_inches="tight", dpi=120)
    plt.close(fig)
    with open(os.path.join(out, f"{name}.csv"), "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(data)
    print(f"{name}: {len(data)} points")


def groups(rows, key):
    out = collections.defaultdict(list)
    for row in rows:
        out[key(row)].append(row)
    return out


def line_label(family, explainer, families):
    """A line's legend: the explainer, and its task family when the file holds several."""
    return explainer if len(families) == 1 else f"{explainer} on {family}"


def faithfulness_vs_queries(ok, out):
    """One panel per task family and n bucket: cells of different tasks are never averaged. An
    explainer keeps its colour in every panel, and one legend serves them all."""
    panels = sorted({(task_family(r["task"]), 2 ** int(math.log2(r["n"]))) for r in ok})
    explainers = sorted({r["explainer"] for r in ok})
    palette = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    colour = {e: palette[i % len(palette)] for i, e in enumerate(explainers)}
    columns = min(3, len(panels))
    rows = math.ceil(len(panels) / columns)
    fig, axes = plt.subplots(rows, columns, figsize=(4.5 * columns, 3.6 * rows), squeeze=False)
    data = []
    handles = {}
    for ax, (family, bucket) in zip(axes.flat, panels):
        inside = [r for r in ok if task_family(r["task"]) == family and bucket <= r["n"] < 2 * bucket
                  and "r2" in r["metrics"]]
        for explainer, rs in sorted(groups(inside, lambda r: r["explainer"]).items()):
            points = sorted((mean([r["queries"] for r in g]), mean([r["metrics"]["r2"] for r in g]))
                            for g in groups(rs, lambda r: r["budget"]).values())
            (handles[explainer],) = ax.plot([p[0] for p in points], [p[1] for p in points],
                                            marker="o", color=colour[explainer], label=explainer)
            data += [[family, bucket, explainer, q, r2] for q, r2 in points]
        ax.set_xscale("log")
        sizes = sorted({r["n"] for r in inside})
        span = f"n = {sizes[0]}" if len(sizes) == 1 else f"n in [{bucket}, {2 * bucket})"
        ax.set_title(f"{family}, {span}", fontsize=8)
        ax.set_xlabel("queries")
        ax.set_ylabel("R^2")
        ax.grid(alpha=0.3)
    for ax in list(axes.flat)[len(panels):]:
        ax.set_visible(False)
    fig.tight_layout()
    fig.legend([handles[e] for e in explainers if e in handles],
               [e for e in explainers if e in handles], fontsize=7, loc="center left",
               bbox_to_anchor=(1.0, 0.5), frameon=False)
    save(fig, out, "faithfulness_vs_queries", ["task", "n_bucket", "explainer", "queries", "r2"],
         data)


def r2_vs_n(ok, out):
    fig, ax = plt.subplots(figsize=(5.5, 3.8))
    data = []
    families = {task_family(r["task"]) for r in ok}
    for (family, explainer, budget), rs in sorted(
            groups(ok, lambda r: (task_family(r["task"]), r["explainer"], r["budget"])).items()):
        by_n = groups([r for r in rs if "r2" in r["metrics"]], lambda r: r["n"])
        if len(by_n) < 2:
            continue
        points = sorted((n, mean([r["metrics"]["r2"] for r in g])) for n, g in by_n.items())
        ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=f"{line_label(family, explainer, families)} @{budget}")
        data += [[family, explainer, budget, n, r2] for n, r2 in points]
    ax.set_xscale("log", base=2)
    ax.set_xlabel("n")
    ax.set_ylabel("R^2")
    ax.grid(alpha=0.3)
    if data:
        legend(ax)
    save(fig, out, "r2_vs_n", ["task", "explainer", "budget", "n", "r2"], data)


def by_family_and_explainer(ok):
    families = {task_family(r["task"]) for r in ok}
    lines = groups(ok, lambda r: (task_family(r["task"]), r["explainer"]))
    return [(family, explainer, line_label(family, explainer, families), rs)
            for (family, explainer), rs in sorted(lines.items())]


def time_vs_n(ok, out):
    fig, ax = plt.subplots(figsize=(5.5, 3.8))
    data = []
    for family, explainer, label, rs in by_family_and_explainer(ok):
        points = sorted((n, mean([r["seconds"] for r in g])) for n, g in groups(rs, lambda r: r["n"]).items())
        ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=label)
        data += [[family, explainer, n, s] for n, s in points]
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xlabel("n")
    ax.set_ylabel("algorithm seconds")
    ax.grid(alpha=0.3)
    legend(ax)
    save(fig, out, "time_vs_n", ["task", "explainer", "n", "algorithm_seconds"], data)


def removal(ok, out):
    names = sorted({m for r in ok for m in r["metrics"] if re.fullmatch(r"rem_\d+", m)},
                   key=lambda m: int(m[4:]))
    if not names:
        return
    fig, ax = plt.subplots(figsize=(5.5, 3.8))
    data = []
    for family, explainer, label, rs in by_family_and_explainer(ok):
        points = [(int(m[4:]), mean([r["metrics"][m] for r in rs if m in r["metrics"]])) for m in names
                  if any(m in r["metrics"] for r in rs)]
        if not points:
            continue
        ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=label)
        data += [[family, explainer, r, v] for r, v in points]
    ax.set_xlabel("features removed r")
    ax.set_ylabel("Rem(r)")
    ax.grid(alpha=0.3)
    legend(ax)
    save(fig, out, "removal", ["task", "explainer", "r", "rem"], data)


def queries_to_target(ok, out, target):
    fig, ax = plt.subplots(figsize=(5.5, 3.8))
    data = []
    for family, explainer, label, rs in by_family_and_explainer(ok):
        points = []
        for n, g in sorted(groups(rs, lambda r: r["n"]).items()):
            reached = [mean([r["queries"] for r in b]) for b in groups(g, lambda r: r["budget"]).values()
                       if mean([r["metrics"].get("r2", -math.inf) for r in b]) >= target]
            if reached:
                points.append((n, min(reached)))
        if points:
            ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=label)
        data += [[family, explainer, n, q] for n, q in points]
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xlabel("n")
    ax.set_ylabel(f"queries to R^2 >= {target}")
    ax.grid(alpha=0.3)
    if data:
        legend(ax)
    save(fig, out, "queries_to_target", ["task", "explainer", "n", "queries"], data)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("file")
    parser.add_argument("--out", required=True)
    parser.add_argument("--target", type=float, default=0.9)
    args = parser.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    ok = [r for r in load(args.file) if r["status"] == "ok"]
    if not ok:
        print("no successful cells to plot", file=sys.stderr)
        return 2
    faithfulness_vs_queries(ok, args.out)
    r2_vs_n(ok, args.out)
    time_vs_n(ok, args.out)
    removal(ok, args.out)
    queries_to_target(ok, args.out, args.target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
