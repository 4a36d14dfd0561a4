"""The layout holds: models import nothing above them, and no project modules import in a cycle."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("admin", "api", "jobs", "models", "seeds", "weimin")


def _modules():
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _imports(modules):
    """{module: project modules it imports}; a package __init__ only wires, so it is left out."""
    edges = {}
    for name, path in modules.items():
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                wanted = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                wanted = [f"{node.module}.{a.name}" for a in node.names]
                wanted = [w for w in wanted if w in modules] or [node.module]
            else:
                continue
            for target in wanted:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    targets.add(target)
        edges[name] = set() if path.name == "__init__.py" else targets
    return edges


def _upward(edges):
    return {
        (name, target)
        for name, targets in edges.items()
        if name.split(".")[0] == "models"
        for target in targets
        if target.split(".")[0] != "models"
    }


def _cycles(edges):
    state, cycles = {}, []

    def visit(node, path):
        state[node] = "open"
        for target in sorted(edges.get(node, ())):
            if state.get(target) == "open":
                cycles.append(path[path.index(target) :] + [target])
            elif target not in state:
                visit(target, path + [target])
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    return cycles


def test_models_import_nothing_above_them():
    assert _upward(_imports(_modules())) == set()


def test_no_import_cycles():
    assert _cycles(_imports(_modules())) == []


def test_the_checks_find_a_tangle():
    tangled = {"models.a": {"weimin.b"}, "weimin.b": {"admin.c"}, "admin.c": {"weimin.b"}}
    assert _upward(tangled) == {("models.a", "weimin.b")}
    assert _cycles(tangled) == [["admin.c", "weimin.b", "admin.c"]]
    edges = _imports(_modules())
    assert "models" in {t.split(".")[0] for t in edges["weimin.demands.intake"]}
