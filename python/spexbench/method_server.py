"""Serve a method to spexbench over the explainer protocol (baselines/external/README.md in the
spexbench tree): spexbench runs the script once per cell as

    external.explainer:command="python3 my_method.py"

and every value the method asks for comes back through the cell's oracle, which counts it against
the budget. A method is a function of a Problem that returns its explanation:

    import numpy as np
    import spexbench

    def explain(problem):
        values = problem.query(np.eye(problem.n, dtype=bool))   # f(e_i) for each i
        return {"basis": "mobius", "terms": {(i,): v for i, v in enumerate(values)}}

    spexbench.serve(explain)

Pure Python and NumPy. The method's own print() goes to stderr: stdout carries the protocol."""

import json
import math
import sys

import numpy as np

PROTOCOL = "spexbench-explainer"
VERSION = 1


class BudgetExceeded(RuntimeError):
    """spexbench refused a query that would pass the cell's budget; the cell ends budget_exceeded."""


class ProtocolError(RuntimeError):
    """spexbench sent something this package does not understand (another protocol version)."""


class Infeasible(Exception):
    """Raise it from a method, before its first query, when it cannot run on this problem: the
    cell is stored as infeasible with the reason, as a native explainer's would be."""


class Problem:
    """One cell's problem: n components with their names, the budget, the seed derived from the
    cell (use it for every random draw: the suite's results depend on nothing else), the threads
    the method may use, and the method's params text from its spec."""

    def __init__(self, message, channel):
        self.n = int(message["n"])
        self.budget = int(message["budget"])
        self.seed = int(message["seed"])
        self.threads = int(message.get("threads", 1))
        self.params = message.get("params", "")
        self.names = list(message.get("names", [f"x{i}" for i in range(self.n)]))
        self.queries = 0
        self._channel = channel
        self._bytes = (self.n + 7) // 8

    @property
    def remaining(self):
        """Queries left in the budget."""
        return self.budget - self.queries

    def query(self, masks):
        """Values of the masks: a (k, n) array of 0/1 or bool (1 = component kept), or one row of
        n. Returns k floats. A batch past the budget raises BudgetExceeded."""
        rows = np.asarray(masks)
        if rows.ndim == 1:
            rows = rows.reshape(1, -1)
        if rows.ndim != 2 or rows.shape[1] != self.n:
            raise ValueError(f"masks have shape {rows.shape}, expected (k, {self.n})")
        if rows.shape[0] == 0:
            return np.empty(0)
        packed = np.packbits(rows.astype(bool), axis=1, bitorder="little").tobytes().hex()
        width = 2 * self._bytes
        self._channel.send({"query_packed": [packed[k:k + width]
                                             for k in range(0, len(packed), width)]})
        reply = self._channel.receive()
        if "error" in reply:
            error = reply["error"]
            if error.get("kind") == "budget_exceeded":
                raise BudgetExceeded(error.get("message", "budget exceeded"))
            raise ProtocolError(f"spexbench refused a query: {error}")
        values = np.asarray(reply["values"], dtype=float)
        if values.shape != (rows.shape[0],):
            raise ProtocolError(f"{values.shape[0]} values for {rows.shape[0]} masks")
        self.queries += rows.shape[0]
        return values

    def progress(self, stage):
        """Tells the person waiting what the method does now (shown, never stored)."""
        self._channel.send({"progress": str(stage)})


class _Channel:
    def __init__(self, reader, writer):
        self._reader = reader
        self._writer = writer

    def send(self, message):
        self._writer.write(json.dumps(message, separators=(",", ":"), allow_nan=False) + "\n")
        self._writer.flush()

    def receive(self):
        line = self._reader.readline()
        if not line:
            raise EOFError("spexbench closed the protocol's input")
        return json.loads(line)


def _terms(explanation, n):
    """[[components], coefficient] pairs from a dict {(i, j): c} or a list of (components, c)."""
    terms = explanation["terms"]
    pairs = terms.items() if isinstance(terms, dict) else terms
    out = []
    for components, coefficient in pairs:
        components = [int(i) for i in (components if np.ndim(components) else [components])]
        coefficient = float(coefficient)
        if not math.isfinite(coefficient):
            raise ValueError(f"the coefficient of term {components} is {coefficient}")
        out.append([components, coefficient])
    return out


def serve(explain, reader=None, writer=None):
    """Runs `explain(problem)` for the problem spexbench sends and sends back what it returns:
    {"basis": "fourier" or "mobius", "terms": {(i, j): c, ...} or [((i, j), c), ...],
    "info": {name: value}} ("info" optional: stored with the cell), or, for the values of an
    interaction index, {"index": "k-SII", "order": 2, "terms": ...} (names: ksii, sii, stii, fsii,
    fbii, bii, shapley, banzhaf, or shapiq's k-SII, SII, STII, FSII, FBII, BII, SV, BV). Exits when done; a method that
    raises fails its cell with the exception's text."""
    protocol_out = writer or sys.stdout
    if writer is None:
        sys.stdout = sys.stderr  # the method's prints must not corrupt the protocol
    channel = _Channel(reader or sys.stdin, protocol_out)
    problem_message = channel.receive()
    if problem_message.get("protocol") != PROTOCOL or problem_message.get("version") != VERSION:
        raise ProtocolError(f"spexbench speaks {problem_message.get('protocol')!r} version "
                            f"{problem_message.get('version')}; this package speaks {PROTOCOL!r} "
                            f"version {VERSION}")
    channel.send({"protocol": PROTOCOL, "version": VERSION})
    problem = Problem(problem_message, channel)
    try:
        explanation = explain(problem)
        if "index" in explanation:  # an interaction index's values, e.g. shapiq's k-SII
            message = {"index": explanation["index"], "order": int(explanation["order"]),
                       "terms": _terms(explanation, problem.n)}
        else:
            message = {"basis": explanation.get("basis", "mobius"),
                       "terms": _terms(explanation, problem.n)}
        if explanation.get("info"):
            message["info"] = {str(k): (v if isinstance(v, str) else json.dumps(v))
                               for k, v in explanation["info"].items()}
        channel.send({"explanation": message})
    except BudgetExceeded:
        raise  # spexbench already knows: the cell is budget_exceeded
    except Infeasible as reason:
        channel.send({"infeasible": str(reason)})
    except Exception as error:  # the cell fails with the method's own words
        channel.send({"error": f"{type(error).__name__}: {error}"})
        raise
