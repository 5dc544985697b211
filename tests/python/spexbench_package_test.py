"""The Python package (python/spexbench) against the C++ executable: runs cells with `spexbench
run --json`, then checks that read_results gives each cell's id, specs, status, query counts and
metrics as the executable reported them, and that read_explanation gives the terms `spexbench
show --json` gives in the stored basis, with the components named.

usage: spexbench_package_test.py SPEXBENCH WORK_DIR
"""
import json
import math
import os
import subprocess
import sys

import spexbench

binary, work = sys.argv[1], sys.argv[2]
os.makedirs(work, exist_ok=True)
path = os.path.join(work, "cells.h5")
if os.path.exists(path):
    os.remove(path)
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)


# A method served by this package (spexbench.serve), run by the executable as an external
# explainer: it sees the components' names and answers with the first-order Möbius terms.
method = os.path.join(work, "first_order_method.py")
with open(method, "w") as out:
    out.write("""import numpy as np
import spexbench

def explain(problem):
    if len(problem.names) != problem.n:
        raise ValueError(f"{len(problem.names)} names for n={problem.n}")
    empty = problem.query(np.zeros(problem.n, bool))[0]
    singles = problem.query(np.eye(problem.n, dtype=bool))
    terms = {(i,): value - empty for i, value in enumerate(singles)}
    terms[()] = empty
    return {"basis": "mobius", "terms": terms, "info": {"first_name": problem.names[0]}}

spexbench.serve(explain)
""")
external = f'external.explainer:command="{sys.executable} {method}"'

# Two cells on a task without names, one on a task whose components are named (data groups),
# one that fails (infeasible: the budget is below what the explainer needs), one by the method.
cells = [("synthetic.sparse_fourier:n=8,s=6,d=3", "exhaustive", 256),
         ("synthetic.sparse_fourier:n=8,s=6,d=3", "lasso", 128),
         ("data.subsets:n=6,points=3,features=4", "exhaustive", 64),
         ("synthetic.sparse_fourier:n=8,s=6,d=3", "faith_shap:order=3", 16),
         ("data.subsets:n=6,points=3,features=4", external, 64)]
reported = []
for task, explainer, budget in cells:
    run = subprocess.run([binary, "run", "--task", task, "--explainer", explainer, "--budget",
                          str(budget), "--holdout", "100", "--out", path, "--json"],
                         capture_output=True, text=True)
    reported.append(json.loads(run.stdout))

frame = spexbench.read_results(path)
check(len(frame) == len(cells), f"{len(frame)} rows for {len(cells)} cells")
for (task, explainer, budget), cell in zip(cells, reported):
    rows = frame[frame["id"] == cell["cell_id"]]
    if len(rows) != 1:
        failures.append(f"cell {cell['cell_id']} is in {len(rows)} rows")
        continue
    row = rows.iloc[0]
    check((row["task"], row["explainer"], row["budget"]) == (cell["task"], cell["explainer"], budget),
          f"{cell['cell_id']}: specs {row['task']}, {row['explainer']}, {row['budget']}")
    check(row["status"] == cell["status"], f"{cell['cell_id']}: status {row['status']}")
    check(row["queries_total"] == cell["queries_total"], f"{cell['cell_id']}: queries")
    for name, value in (cell.get("metrics") or {}).items():
        check(math.isclose(row[name], value, rel_tol=0, abs_tol=1e-12),
              f"{cell['cell_id']}: {name} {row[name]} != {value}")
    if cell["status"] != "ok":
        check(row["error"] != "" and math.isnan(row["r2"]), f"{cell['cell_id']}: the failed cell")
        try:
            spexbench.read_explanation(path, cell["cell_id"])
            failures.append("read_explanation of a failed cell did not raise")
        except ValueError as error:
            check("has no explanation" in str(error), str(error))
        continue
    # In the basis the explainer stored it in, which `show` is asked for.
    terms = spexbench.read_explanation(path, cell["cell_id"])
    check(terms.attrs["basis"] in ("fourier", "mobius"), f"basis {terms.attrs['basis']}")
    shown = json.loads(subprocess.run([binary, "show", path, cell["cell_id"], "--json", "--basis",
                                       terms.attrs["basis"]], capture_output=True, text=True).stdout)
    mine = {tuple(c): v for c, v in zip(terms["components"], terms["coefficient"])}
    for interaction in shown["interactions"]:
        key = tuple(interaction["components"])
        check(key in mine and math.isclose(mine[key], interaction["value"], abs_tol=1e-12),
              f"{cell['cell_id']}: term {key}")
    check(list(terms["coefficient"].abs()) == sorted(terms["coefficient"].abs(), reverse=True),
          "terms not largest first")

named = spexbench.read_explanation(path, reported[2]["cell_id"])
check(all(not name.startswith("x") for names in named["components"] for name in names),
      f"data.subsets components unnamed: {list(named['components'])[:3]}")
try:
    spexbench.read_explanation(path, "zzzz")
    failures.append("an unknown cell id did not raise")
except ValueError as error:
    check("no cell id starts with 'zzzz'" in str(error), str(error))
check(spexbench.read_provenance(path)["schema_version"] >= 5, "provenance")
served = reported[4]
check(served["status"] == "ok" and served["queries_total"] == 7,
      f"the served method: {served['status']} {served.get('error')}, {served['queries_total']} queries")
first_order = spexbench.read_explanation(path, served["cell_id"])
check(len(first_order) == 7 and all(len(c) <= 1 for c in first_order["components"]),
      f"the served method's terms: {list(first_order['components'])}")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"spexbench package: {len(cells)} cells read as the executable reported them")
