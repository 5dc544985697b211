"""The cell table of a results file (schema 5 on): one row per cell under /cells, string columns as
indices into <name>_values, and the parts of varying length concatenated with per-cell offsets."""
import h5py
import numpy as np

FIRST_TABLE_SCHEMA = 5


def text(value):
    """A string as str: the schema stores fixed-length UTF-8, which h5py reads as bytes."""
    return value.decode() if isinstance(value, bytes) else str(value)


def open_table(path):
    """The file, open for reading, and its cell table; ValueError for a file of an older schema."""
    f = h5py.File(path, "r")
    schema = int(f.attrs["schema_version"])
    if schema < FIRST_TABLE_SCHEMA:
        f.close()
        raise ValueError(f"{path}: results schema {schema} keeps a group per cell; this package "
                         f"reads schema {FIRST_TABLE_SCHEMA} and later (spexbench evaluate rewrites "
                         "a file in the current schema)")
    return f, f["cells"]


def column(table, name):
    """A column: numbers as a NumPy array, strings as a list of str."""
    data = table[name][()]
    if name + "_values" not in table:
        return [text(value) for value in data] if data.dtype.kind in "SO" else data
    values = [text(value) for value in table[name + "_values"][()]]
    return [values[index] for index in data]


def per_cell(group, name, cell):
    """Cell `cell`'s slice of the concatenated column `name` of `group` (offsets in cell_entries)."""
    at = group["cell_entries"]
    first, last = int(at[cell]), int(at[cell + 1])
    values = column(group, name)
    return values[first:last]


def polynomial(table, name, cell):
    """Cell `cell`'s polynomial `name` (estimate, ground_truth): its basis and a list of (feature
    indices, coefficient), or None where the cell has none."""
    group = table[name]
    basis = column(group, "basis")[cell]
    if not basis:
        return None
    cell_terms = group["cell_terms"]
    first, last = int(cell_terms[cell]), int(cell_terms[cell + 1])
    offsets = group["feature_offsets"][first:last + 1].astype(np.int64)
    start = int(offsets[0])
    features = group["features"][start:int(offsets[-1])]
    coefs = group["coefs"][first:last]
    terms = [(tuple(int(i) for i in features[offsets[t] - start:offsets[t + 1] - start]),
              float(coefs[t])) for t in range(last - first)]
    return basis, terms
