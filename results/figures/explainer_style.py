"""One look per explainer in every figure of every file: colour, marker, line style and width are a
function of the explainer's spec alone, never of which explainers a figure happens to hold.

Colours are Okabe and Ito's palette, which readers with any common colour-vision deficiency can
tell apart; markers and line styles separate the methods that share a colour. SPEX (black, star)
and ProxySPEX (vermillion, diamond) are drawn heavier, so that they stand out. An explainer this
table does not know gets a colour of Paul Tol's muted palette and a marker from its name's CRC-32,
and a variant (`spex:b=6`, `faith_shap:order=3`) keeps its method's colour, lightened, darkened or
as is, with an open marker and a broken line style, all three chosen by its parameters' CRC-32: the
same spec always looks the same, and a variant never looks like a method's default (whose markers
are filled).
"""
import zlib

BLACK, ORANGE, SKY_BLUE, GREEN = "#000000", "#E69F00", "#56B4E9", "#009E73"
BLUE, VERMILLION, PURPLE, GREY = "#0072B2", "#D55E00", "#CC79A7", "#777777"

# method: (colour, marker, line style, line width)
METHODS = {
    "spex": (BLACK, "*", "-", 2.2),
    "proxyspex": (VERMILLION, "D", "-", 2.2),
    "lasso": (BLUE, "o", "-", 1.3),
    "lime": (SKY_BLUE, "s", "-", 1.3),
    "kernel_shap": (GREEN, "^", "-", 1.3),
    "permutation_shapley": (PURPLE, "v", "-", 1.3),
    "banzhaf": (ORANGE, "P", "-", 1.3),
    "faith_banzhaf": (ORANGE, "X", "--", 1.3),
    "faith_shap": (GREEN, "X", "--", 1.3),
    "shapley_taylor": (PURPLE, "p", "--", 1.3),
    "exhaustive": (GREY, "h", ":", 1.3),
    "exact_index": (GREY, "d", ":", 1.3),
}
TOL_MUTED = ["#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255",
             "#AA4499"]
MARKERS = ["o", "s", "^", "v", "<", ">", "P", "X", "p", "h", "d", "8"]
LINE_STYLES = ["-", "--", "-.", ":"]


def crc(text):
    return zlib.crc32(text.encode())


def shade(colour, amount):
    """colour mixed with white (amount > 0) or black (amount < 0) by |amount|."""
    channels = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    target = 255 if amount > 0 else 0
    return "#" + "".join(f"{round(c + (target - c) * abs(amount)):02X}" for c in channels)


def style(explainer):
    """Keyword arguments for matplotlib's plot: color, marker, linestyle, linewidth, markersize,
    markerfacecolor."""
    method, _, params = explainer.partition(":")
    if method in METHODS:
        colour, marker, line, width = METHODS[method]
    else:
        h = crc(method)
        colour, marker, line, width = TOL_MUTED[h % len(TOL_MUTED)], MARKERS[(h >> 8) % len(MARKERS)], "-", 1.3
    face = colour
    if params:
        h = crc(params)
        marker = MARKERS[h % len(MARKERS)]
        colour = shade(colour, [0.0, 0.35, -0.35][(h >> 4) % 3])
        line = ["--", "-.", ":"][(h >> 8) % 3]
        face = "white"
    return {"color": colour, "marker": marker, "linestyle": line, "linewidth": width,
            "markersize": 8 if marker == "*" else 5, "markerfacecolor": face}
