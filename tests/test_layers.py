"""The import graph: no circle, and no import from a lower layer to a higher one (every import counts,
those inside functions too; only those for type annotations, under `if TYPE_CHECKING:`, do not).

    model, errors -> store, sources -> clean, kb -> nlp -> extract -> reconcile -> report/export
    -> evaluate -> pipeline -> cli, bench, show
"""

import ast
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src" / "sitroom"
LAYERS = [
    {"version", "lazy", "errors", "model", "settings", "query", "dates", "patterns", "dedupe"},
    {"store", "sources"},
    {"clean", "kb"},
    {"nlp"},
    {"extract"},
    {"reconcile"},
    {"report", "export", "schema"},
    {"evaluate"},
    {"pipeline", "doctor"},
    {"cli", "bench", "show"},
]
RANK = {unit: rank for rank, units in enumerate(LAYERS) for unit in units}


def _module(path: Path) -> str:
    parts = list(path.relative_to(SOURCE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _exists(module: str) -> bool:
    path = SOURCE.parent / module.replace(".", "/")
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def _runtime_nodes(tree: ast.AST):
    """Every node but those under `if TYPE_CHECKING:` (imports for annotations only)."""
    pending = [tree]
    while pending:
        node = pending.pop()
        yield node
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            pending += node.orelse
            continue
        pending += ast.iter_child_nodes(node)


def _imports() -> dict[str, set[str]]:
    """sitroom module -> the sitroom modules it imports."""
    graph: dict[str, set[str]] = {}
    for path in SOURCE.rglob("*.py"):
        name = _module(path)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found = set()
        for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")
                    base = base[: len(base) - (node.level - 1)]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                targets = [target] + [f"{target}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                continue
            found |= {t for t in targets if t.startswith("sitroom.") and _exists(t)}
        graph[name] = found - {name}
    return graph


def _unit(module: str) -> str:
    return module.split(".")[1] if "." in module else "__init__"


def test_every_unit_has_a_layer():
    units = {_unit(m) for m in _imports()} - {"__init__"}
    assert units <= set(RANK), sorted(units - set(RANK))


def test_no_import_from_a_lower_layer_to_a_higher_one():
    wrong = sorted(
        f"{module} imports {target}"
        for module, targets in _imports().items() if module != "sitroom"
        for target in targets if _unit(target) != "__init__" and RANK[_unit(target)] > RANK[_unit(module)]
    )
    assert not wrong, "\n".join(wrong)


def test_no_circle_between_units():
    edges = {(_unit(m), _unit(t)) for m, ts in _imports().items() for t in ts if _unit(m) != _unit(t) and m != "sitroom"}
    circles = sorted(f"{a} <-> {b}" for a, b in edges if (b, a) in edges and a < b)
    assert not circles, circles


def test_no_circle_between_modules():
    graph = _imports()
    state: dict[str, int] = {}
    circle: list[str] = []

    def visit(node: str, path: list[str]) -> bool:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if nxt.startswith(node + "."):
                continue  # a package importing its own modules is how it exposes them
            if state.get(nxt) == 1:
                circle.extend(path[path.index(nxt):] + [nxt] if nxt in path else [node, nxt])
                return True
            if state.get(nxt) is None and visit(nxt, path + [nxt]):
                return True
        state[node] = 2
        return False

    for start in sorted(graph):
        if state.get(start) is None and visit(start, [start]):
            break
    assert not circle, " -> ".join(circle)
