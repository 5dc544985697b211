"""spexbench results in Python: read_results(path) gives one row per cell, read_explanation(path,
cell) one cell's explanation with its components named. Pure Python over h5py, NumPy and pandas;
it reads results files of schema 5 and later (results/README.md in the spexbench tree)."""
from .explanation import read_explanation
from .results import read_provenance, read_results

__all__ = ["read_explanation", "read_provenance", "read_results"]
