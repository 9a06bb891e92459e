"""The arrows of docs/architecture.md hold: no module of ours imports a module that imports it
back (also not inside a function), home imports no other app, and no models.py imports views."""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APPS = ("stevenshof", "home", "initiatieven", "agenda", "smoelenboek", "nieuwsbrief")


def _module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules():
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                yield _module_name(path), path


def _imports(name, path):
    """Every module of ours this module imports, at the top or inside a function."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _graph():
    modules = dict(_modules())
    graph = {}
    for name, path in modules.items():
        graph[name] = {m for m in _imports(name, path) if m in modules and m != name}
    return graph


def test_no_module_imports_a_module_that_imports_it_back():
    graph = _graph()
    pairs = sorted({tuple(sorted((a, b))) for a, targets in graph.items() for b in targets if a in graph[b]})
    assert pairs == []


def test_home_imports_no_other_app_of_ours():
    graph = _graph()
    others = {
        (name, target)
        for name, targets in graph.items()
        if name.startswith("home")
        for target in targets
        if not target.startswith("home")
    }
    assert others == set()


def test_models_import_no_views():
    graph = _graph()
    assert {(n, t) for n, ts in graph.items() if n.endswith(".models") for t in ts if ".views" in t} == set()
