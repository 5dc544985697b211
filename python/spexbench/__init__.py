"""spexbench in Python. serve(explain) runs a method as an external explainer (every query goes
through the cell's oracle); read_results(path) gives one row per cell, read_explanation(path, cell)
one cell's explanation with its components named. Pure Python over NumPy (serve) and h5py and
pandas (the readers); they read results files of schema 5 and later (results/README.md in the
spexbench tree)."""

__all__ = ["BudgetExceeded", "Infeasible", "Problem", "read_explanation", "read_provenance",
           "read_results", "serve"]


def __getattr__(name):
    # Imported on first use, so that spexbench.cell_table needs h5py and NumPy only: the figure
    # script reads files with it where pandas is not installed.
    if name in ("read_results", "read_provenance"):
        from . import results
        return getattr(results, name)
    if name in ("serve", "Problem", "BudgetExceeded", "Infeasible"):
        from . import method_server
        return getattr(method_server, name)
    if name == "read_explanation":
        from .explanation import read_explanation
        return read_explanation
    raise AttributeError(f"module 'spexbench' has no attribute '{name}'")
