"""results/figures/explainer_style.py: one look per explainer, whatever else a figure holds.

usage: explainer_style_test.py PATH/TO/results/figures
"""
import sys

sys.path.insert(0, sys.argv[1])
from explainer_style import METHODS, style  # noqa: E402

failures = []


def check(condition, what):
    if not condition:
        failures.append(what)


def look(spec):
    s = style(spec)
    return (s["color"], s["marker"], s["linestyle"], s["markerfacecolor"])


# A pure function of the spec: the same look on every call, in any order.
specs = list(METHODS) + ["spex:b=4", "spex:b=5", "spex:b=6", "faith_shap:order=3", "my_method",
                         "my_method:k=2"]
first = {spec: look(spec) for spec in specs}
for spec in reversed(specs):
    check(look(spec) == first[spec], f"{spec} changed its look")
# The methods the suite ships look different from each other, and SPEX and ProxySPEX are heavier.
methods = [look(method) for method in METHODS]
check(len(set(methods)) == len(methods), f"two methods share a look: {methods}")
for method in METHODS:
    heavy = style(method)["linewidth"] > 2
    check(heavy == (method in ("spex", "proxyspex")), f"{method}'s weight")
# A variant keeps its method's colour family, with an open marker and a broken line: never the
# look of a method's default.
for variant in ["spex:b=4", "spex:b=5", "spex:b=6", "faith_shap:order=3", "my_method:k=2"]:
    check(look(variant) not in methods, f"{variant} looks like a method's default")
    check(style(variant)["markerfacecolor"] == "white", f"{variant}'s marker is not open")
    check(style(variant)["linestyle"] != "-", f"{variant}'s line is solid")
variants = [look(f"spex:b={b}") for b in range(4, 9)]
check(len(set(variants)) == len(variants), f"two of SPEX's b = 4..8 share a look: {variants}")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"explainer styles: {len(specs)} specs checked")
