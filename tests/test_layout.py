"""The package's layout: no import loop, one place that chooses the store, and a read path without writers."""

import ast
import re
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "qa"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, modules: set[str]) -> set[str]:
    """The qa modules a file imports anywhere in it, function bodies included."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            source = f"{base}.{node.module}" if node.level and node.module else base if node.level else node.module
            for alias in node.names:  # `from . import pgindex` names a module; `from .x import y` a name in x
                found.add(f"{source}.{alias.name}" if f"{source}.{alias.name}" in modules else source)
    return {m for m in found if m in modules and m != name}


def import_graph() -> dict[str, set[str]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(p) for p in paths}
    return {module_name(p): imports(p, modules) for p in paths}


def test_the_import_graph_has_no_loop():
    graph, state, loops = import_graph(), {}, []

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for target in sorted(graph[module]):
            if state.get(target) == "open":
                loops.append(path[path.index(target):] + [target])
            elif target not in state:
                visit(target, path + [target])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert loops == []


def test_the_graph_sees_lazy_and_relative_imports():
    graph = import_graph()
    assert "qa.store.files.writer" in graph["qa.store.files"]  # imported inside a method
    assert "qa.pipeline" in graph["qa.store.postgres.writer"]  # from ...pipeline import


def test_only_the_factory_chooses_the_backend():
    outside = [p for p in PACKAGE.rglob("*.py") if PACKAGE / "store" not in p.parents]
    choosing = [str(p) for p in outside if re.search(r"\.store\b(?!\.)", p.read_text(encoding="utf-8"))
                and "settings.store" in p.read_text(encoding="utf-8")]
    assert choosing == []
    reaching_in = {m: sorted(t for t in targets if t.startswith(("qa.store.files", "qa.store.postgres")))
                   for m, targets in import_graph().items() if not m.startswith("qa.store")}
    assert {m: t for m, t in reaching_in.items() if t} == {}


def test_the_read_path_loads_no_writer():
    code = ("import sys, qa.app, qa.api, qa.engine, qa.serving, qa.store; "
            "print(sorted(m for m in sys.modules if m.startswith('qa.') and "
            "(m.endswith('.writer') or m in ('qa.pipeline', 'qa.indexer'))))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=PACKAGE.parent).stdout
    assert loaded.strip() == "[]"
