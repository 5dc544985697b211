#!/usr/bin/env python3
"""Paper-style figures from a spexbench results file (results/README.md schema), with h5py and
matplotlib only. Every figure is written as PNG and PDF together with the CSV of the data it plots.

usage: make_figures.py FILE.h5 --out DIR [--target 0.9] [--metric r2] [--paper]

  faithfulness_vs_queries   mean R^2 (--metric: METRIC_vs_queries) against mean queries, one panel
                            per task and n bucket (powers of two)
  r2_vs_n                   mean R^2 (METRIC_vs_n) against n, one panel per task, one line per
                            (explainer, budget) seen at several n
  time_vs_n                 mean algorithm seconds against n, per task and explainer
  removal                   Rem(r) against r, when the file holds rem_r metrics
  queries_to_target         fewest mean queries reaching mean R^2 >= target, per task, explainer, n

Means are over a task's instances and seeds only: cells of different tasks (the task spec without n)
are never averaged together. Every curve carries a 95% percentile bootstrap band of its means
(seeded, so the same file draws the same band), each explainer looks the same in every figure
(explainer_style.py), and R^2 axes stop at -0.2: a mean below it is drawn at -0.2 as an open
triangle, while the CSV keeps its value.
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
import numpy

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from explainer_style import LINE_STYLES, style  # noqa: E402

try:  # the Python package, installed or in the source tree beside this script
    from spexbench.cell_table import column, text
except ImportError:
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
    from spexbench.cell_table import column, text  # noqa: E402

R2_FLOOR = -0.2
PNG_DPI = 120
SCALE = 1.0  # of every figure's size; --paper makes them fit a paper's column


def paper_style():
    """What a paper's figures need: fonts embedded as TrueType in the PDF (venues refuse Type 3
    fonts), serif text at caption size, smaller figures and 300 dpi PNG."""
    global PNG_DPI, SCALE
    PNG_DPI, SCALE = 300, 0.75
    plt.rcParams.update({"pdf.fonttype": 42, "ps.fonttype": 42, "font.family": "serif",
                         "font.size": 8, "axes.titlesize": 8, "axes.labelsize": 8,
                         "legend.fontsize": 6, "xtick.labelsize": 7, "ytick.labelsize": 7})


def figure(width, height, rows=1, columns=1):
    """plt.subplots at width x height inches (scaled for --paper), axes always as a 2-D array."""
    return plt.subplots(rows, columns, figsize=(width * SCALE, height * SCALE), squeeze=False)


def band(values, seed=0, resamples=1000):
    """The 95% percentile bootstrap interval of the mean of values."""
    values = numpy.asarray(values, dtype=float)
    if len(values) < 2:
        return float(values.mean()), float(values.mean())
    draws = numpy.random.default_rng(seed).integers(0, len(values), (resamples, len(values)))
    means = values[draws].mean(axis=1)
    return float(numpy.percentile(means, 2.5)), float(numpy.percentile(means, 97.5))


def curve(ax, explainer, points, label, r2=False, linestyle=None):
    """One explainer's line with its band: points are (x, mean, low, high). On an R^2 axis, means
    and bands below R2_FLOOR are drawn at it, the clipped means as open downward triangles."""
    look = style(explainer)
    if linestyle:
        look["linestyle"] = linestyle
    xs = [p[0] for p in points]
    clip = (lambda y: max(y, R2_FLOOR)) if r2 else (lambda y: y)
    ys, lows, highs = ([clip(p[i]) for p in points] for i in (1, 2, 3))
    ax.fill_between(xs, lows, highs, color=look["color"], alpha=0.15, linewidth=0)
    (handle,) = ax.plot(xs, ys, label=label, **look)
    clipped = [(x, p[1]) for x, p in zip(xs, points) if r2 and p[1] < R2_FLOOR]
    if clipped:
        ax.plot([c[0] for c in clipped], [R2_FLOOR] * len(clipped), linestyle="none", marker="v",
                markersize=9, markerfacecolor="white", markeredgecolor=look["color"])
    return handle, bool(clipped)


def value_axis(ax, metric, clipped):
    """The metric's axis; R^2's has its floor, and a note when a mean fell below it."""
    ax.set_ylabel("R^2" if metric == "r2" else metric)
    if metric != "r2":
        return
    bottom, top = ax.get_ylim()
    ax.set_ylim(max(bottom, R2_FLOOR - 0.05), max(top, R2_FLOOR + 0.1))
    if clipped:
        ax.annotate(f"open triangles: mean R^2 below {R2_FLOOR}", xy=(0.01, 0.01),
                    xycoords="axes fraction", fontsize=6, color="#555555")


def legend(ax):
    ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.02, 0.5), frameon=False)


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


def natural_key(text):
    """Runs of digits compare by value: s=16 before s=64 before s=256."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def task_family(task):
    """The task spec without n, so one line spans several n."""
    return re.sub(r"(^|[:,])n=\d+,?", r"\1", task).rstrip(":,")


def mean(values):
    return sum(values) / len(values) if values else float("nan")


def save(fig, out, name, header, data):
    for ext in ("png", "pdf"):
        fig.savefig(os.path.join(out, f"{name}.{ext}"), bbox_inches="tight", dpi=PNG_DPI)
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


def faithfulness_vs_queries(ok, out, metric="r2"):
    """One panel per task family and n bucket: cells of different tasks are never averaged. An
    explainer looks the same in every panel, and one legend serves them all."""
    panels = sorted({(task_family(r["task"]), 2 ** int(math.log2(r["n"]))) for r in ok},
                    key=lambda panel: (natural_key(panel[0]), panel[1]))
    explainers = sorted({r["explainer"] for r in ok})
    columns = min(3, len(panels))
    rows = math.ceil(len(panels) / columns)
    fig, axes = figure(4.5 * columns, 3.6 * rows, rows, columns)
    data = []
    handles = {}
    for ax, (family, bucket) in zip(axes.flat, panels):
        inside = [r for r in ok if task_family(r["task"]) == family and bucket <= r["n"] < 2 * bucket
                  and metric in r["metrics"]]
        clipped = False
        for explainer, rs in sorted(groups(inside, lambda r: r["explainer"]).items()):
            points = []
            for g in groups(rs, lambda r: r["budget"]).values():
                values = [r["metrics"][metric] for r in g]
                points.append((mean([r["queries"] for r in g]), mean(values), *band(values)))
            points.sort()
            handles[explainer], below = curve(ax, explainer, points, explainer, r2=metric == "r2")
            clipped |= below
            data += [[family, bucket, explainer, *p] for p in points]
        ax.set_xscale("log")
        sizes = sorted({r["n"] for r in inside})
        span = f"n = {sizes[0]}" if len(sizes) == 1 else f"n in [{bucket}, {2 * bucket})"
        ax.set_title(f"{family}, {span}", fontsize=8)
        ax.set_xlabel("queries")
        value_axis(ax, metric, clipped)
        ax.grid(alpha=0.3)
    for ax in list(axes.flat)[len(panels):]:
        ax.set_visible(False)
    fig.tight_layout()
    fig.legend([handles[e] for e in explainers if e in handles],
               [e for e in explainers if e in handles], fontsize=7, loc="center left",
               bbox_to_anchor=(1.0, 0.5), frameon=False)
    save(fig, out, "faithfulness_vs_queries" if metric == "r2" else f"{metric}_vs_queries",
         ["task", "n_bucket", "explainer", "queries", metric, f"{metric}_low", f"{metric}_high"], data)


def metric_vs_n(ok, out, metric="r2"):
    """One panel per task family, a line per (explainer, budget) seen at several n; an explainer's
    budgets differ in line style."""
    rows = [r for r in ok if metric in r["metrics"]]
    lines = {key: rs for key, rs in groups(rows, lambda r: (task_family(r["task"]), r["explainer"],
                                                               r["budget"])).items()
             if len({r["n"] for r in rs}) >= 2}
    families = sorted({key[0] for key in lines}, key=natural_key) or [""]
    columns = min(3, len(families))
    rows = math.ceil(len(families) / columns)
    fig, axes = figure(4.5 * columns, 3.6 * rows, rows, columns)
    budgets = sorted({key[2] for key in lines})
    data = []
    for ax, family in zip(axes.flat, families):
        clipped = False
        for (line_family, explainer, budget), rs in sorted(lines.items()):
            if line_family != family:
                continue
            points = []
            for n, g in sorted(groups(rs, lambda r: r["n"]).items()):
                values = [r["metrics"][metric] for r in g]
                points.append((n, mean(values), *band(values)))
            line = LINE_STYLES[budgets.index(budget) % len(LINE_STYLES)] if len(budgets) > 1 else None
            _, below = curve(ax, explainer, points, f"{explainer} @{budget}", r2=metric == "r2", linestyle=line)
            clipped |= below
            data += [[family, explainer, budget, *p] for p in points]
        ax.set_xscale("log", base=2)
        ax.set_title(family, fontsize=8)
        ax.set_xlabel("n")
        value_axis(ax, metric, clipped)
        ax.grid(alpha=0.3)
        if data:
            legend(ax)
    for ax in list(axes.flat)[len(families):]:
        ax.set_visible(False)
    fig.tight_layout()
    save(fig, out, f"{metric}_vs_n",
         ["task", "explainer", "budget", "n", metric, f"{metric}_low", f"{metric}_high"], data)


def by_family_and_explainer(ok):
    """(family, explainer, label, line style, rows) per line; with several task families, each
    family has its own line style."""
    families = sorted({task_family(r["task"]) for r in ok})
    lines = groups(ok, lambda r: (task_family(r["task"]), r["explainer"]))
    return [(family, explainer, line_label(family, explainer, families),
             LINE_STYLES[families.index(family) % len(LINE_STYLES)] if len(families) > 1 else None, rs)
            for (family, explainer), rs in sorted(lines.items())]


def time_vs_n(ok, out):
    fig, ((ax,),) = figure(5.5, 3.8)
    data = []
    for family, explainer, label, line, rs in by_family_and_explainer(ok):
        points = []
        for n, g in sorted(groups(rs, lambda r: r["n"]).items()):
            seconds = [r["seconds"] for r in g]
            points.append((n, mean(seconds), *band(seconds)))
        curve(ax, explainer, points, label, linestyle=line)
        data += [[family, explainer, *p] for p in points]
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xlabel("n")
    ax.set_ylabel("algorithm seconds")
    ax.grid(alpha=0.3)
    legend(ax)
    save(fig, out, "time_vs_n",
         ["task", "explainer", "n", "algorithm_seconds", "seconds_low", "seconds_high"], data)


def removal(ok, out):
    names = sorted({m for r in ok for m in r["metrics"] if re.fullmatch(r"rem_\d+", m)},
                   key=lambda m: int(m[4:]))
    if not names:
        return
    fig, ((ax,),) = figure(5.5, 3.8)
    data = []
    for family, explainer, label, line, rs in by_family_and_explainer(ok):
        points = []
        for m in names:
            values = [r["metrics"][m] for r in rs if m in r["metrics"]]
            if values:
                points.append((int(m[4:]), mean(values), *band(values)))
        if not points:
            continue
        curve(ax, explainer, points, label, linestyle=line)
        data += [[family, explainer, *p] for p in points]
    ax.set_xlabel("features removed r")
    ax.set_ylabel("Rem(r)")
    ax.grid(alpha=0.3)
    legend(ax)
    save(fig, out, "removal", ["task", "explainer", "r", "rem", "rem_low", "rem_high"], data)


def queries_to_target(ok, out, target):
    fig, ((ax,),) = figure(5.5, 3.8)
    data = []
    for family, explainer, label, line, rs in by_family_and_explainer(ok):
        points = []
        for n, g in sorted(groups(rs, lambda r: r["n"]).items()):
            reached = [mean([r["queries"] for r in b]) for b in groups(g, lambda r: r["budget"]).values()
                       if mean([r["metrics"].get("r2", -math.inf) for r in b]) >= target]
            if reached:
                points.append((n, min(reached)))
        if points:
            look = style(explainer)
            if line:
                look["linestyle"] = line
            ax.plot([p[0] for p in points], [p[1] for p in points], label=label, **look)
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
    parser.add_argument("--metric", default="r2")
    parser.add_argument("--paper", action="store_true")
    args = parser.parse_args(argv)
    if args.paper:
        paper_style()
    os.makedirs(args.out, exist_ok=True)
    ok = [r for r in load(args.file) if r["status"] == "ok"]
    if not ok:
        print("no successful cells to plot", file=sys.stderr)
        return 2
    if not any(args.metric in r["metrics"] for r in ok):
        known = sorted({m for r in ok for m in r["metrics"]})
        print(f"no successful cell has the metric '{args.metric}'; they have: {', '.join(known)}",
              file=sys.stderr)
        return 2
    faithfulness_vs_queries(ok, args.out, args.metric)
    metric_vs_n(ok, args.out, args.metric)
    time_vs_n(ok, args.out)
    removal(ok, args.out)
    queries_to_target(ok, args.out, args.target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
