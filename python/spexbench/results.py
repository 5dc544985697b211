"""read_results: one row per cell of a results file, as a pandas DataFrame."""
import numpy as np
import pandas as pd

from .cell_table import column, open_table, text

# (DataFrame column, cell table column)
SCALARS = [("id", "id"), ("task", "task_spec"), ("explainer", "explainer_spec"), ("budget", "budget"),
           ("seed", "master_seed"), ("instance", "instance"), ("repetition", "repetition"),
           ("n", "num_features"), ("status", "status"), ("error", "error"),
           ("queries_total", "queries_total"), ("queries_unique", "queries_unique"),
           ("batches", "batches"), ("cache_hits", "cache_hits"),
           ("algorithm_seconds", "algorithm_seconds"), ("oracle_seconds", "oracle_seconds"),
           ("wall_seconds", "wall_seconds"), ("code_version", "code_version"), ("host", "host"),
           ("rank", "rank")]


def read_provenance(path):
    """The file's provenance (version, git describe, build, host, CPU, start time, ...) as a dict."""
    f, _ = open_table(path)
    with f:
        return {key: (text(value) if isinstance(value, (bytes, str)) else value.item()
                      if hasattr(value, "item") else value) for key, value in f.attrs.items()}


def read_results(path):
    """One row per cell: its specs, status and error, query counts, times, where it ran, what its
    estimate is (estimate_index: "" for a surrogate of the function, else the interaction index its
    values are, of estimate_index_order), and a column per metric (NaN where a cell has none)."""
    f, table = open_table(path)
    with f:
        frame = pd.DataFrame({name: column(table, source) for name, source in SCALARS})
        # Schema 6 on; before it every estimate was a surrogate.
        index_output = "estimate_index" in table
        frame["estimate_index"] = column(table, "estimate_index") if index_output else ""
        frame["estimate_index_order"] = (table["estimate_index_order"][()] if index_output
                                         else np.zeros(len(frame), dtype=np.int64))
        metrics = table["metrics"]
        at = metrics["cell_entries"][()]
        names, values = column(metrics, "names"), metrics["values"][()]
    cells = np.repeat(np.arange(len(frame)), np.diff(at.astype(np.int64)))
    names = np.array(names, dtype=object)
    for name in sorted(set(names)):
        column_values = np.full(len(frame), np.nan)
        entries = names == name
        column_values[cells[entries]] = values[entries]
        frame[name] = column_values
    return frame
