"""read_explanation: one cell's explanation, its terms with the components named."""
import pandas as pd

from .cell_table import column, open_table, per_cell, polynomial


def find_cell(ids, cell):
    """The row of the cell whose id is `cell` or starts with it; ValueError naming the problem."""
    matches = [i for i, cell_id in enumerate(ids) if cell_id.startswith(cell)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise ValueError(f"no cell id starts with '{cell}' (the file has {len(ids)} cells)")
    raise ValueError(f"{len(matches)} cell ids start with '{cell}': give more of it")


def read_explanation(path, cell, truth=False):
    """The terms of a cell's explanation (`truth`: its ground truth instead), largest magnitude
    first: a DataFrame with the components' names (a tuple per term), the term's order and its
    coefficient; its `attrs` hold the basis (fourier or mobius), the cell's id, and, for an index
    output, the index and order its values are (`index` "" and `order` 0 for a surrogate)."""
    f, table = open_table(path)
    with f:
        ids = column(table, "id")
        row = find_cell(ids, cell)
        stored = polynomial(table, "ground_truth" if truth else "estimate", row)
        names = per_cell(table["component_names"], "names", row)
        n = int(table["num_features"][row])
        index = "" if truth or "estimate_index" not in table else column(table, "estimate_index")[row]
        order = int(table["estimate_index_order"][row]) if index else 0
    if stored is None:
        raise ValueError(f"cell {ids[row]} has no {'ground truth' if truth else 'explanation'} "
                         "(it did not succeed, or its task has no truth)")
    basis, terms = stored
    names = names or [f"x{i}" for i in range(n)]
    frame = pd.DataFrame({"components": [tuple(names[i] for i in features) for features, _ in terms],
                          "order": [len(features) for features, _ in terms],
                          "coefficient": [coefficient for _, coefficient in terms]})
    frame = frame.reindex(frame["coefficient"].abs().sort_values(ascending=False, kind="stable").index)
    frame = frame.reset_index(drop=True)
    frame.attrs.update({"basis": basis, "cell": ids[row], "index": index, "order": order})
    return frame
