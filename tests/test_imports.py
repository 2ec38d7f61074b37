"""The house is one-way: every import in derive's source, at the top of a module or inside a
function, read from the source (not from what one run happens to load), forms no circle,
and the layers only look down: parse and engine below everything, renderers and the
checker above the engine, the command line and the Python API on top."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "derive"


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _targets(module: str, node: ast.AST) -> list[str]:
    """derive's modules an import statement names (a package's name where it imports a
    name from the package itself)."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name in MODULES]
    package = module if MODULES[module].name == "__init__.py" else module.rsplit(".", 1)[0]
    if node.level:
        base = package.split(".")[: len(package.split(".")) - node.level + 1]
        source = ".".join(base + ([node.module] if node.module else []))
    else:
        source = node.module or ""
    out = []
    for alias in node.names:
        full = f"{source}.{alias.name}"
        out.append(full if full in MODULES else source)
    return [t for t in out if t in MODULES]


def _graph() -> dict[str, set[str]]:
    graph = {m: set() for m in MODULES}
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for target in _targets(module, node):
                    # a module's own package runs first anyway: not an edge of a circle
                    if target != module and not module.startswith(target + "."):
                        graph[module].add(target)
    return graph


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_reader_finds_imports_of_every_kind():
    graph = _graph()
    assert "derive.engine.chain" in graph["derive.engine.lecture"]  # from .chain import ...
    assert "derive.engine.verify" in graph["derive.limits"]  # inside a function
    assert "derive.render.text" in graph["derive.cli"]  # inside a command


def test_no_circle_of_imports():
    assert _circles(_graph()) == []


def test_a_circle_would_be_found():
    graph = _graph()
    graph["derive.engine.verify"].add("derive.engine.chain")  # chain imports verify
    assert any({"derive.engine.verify", "derive.engine.chain"} <= set(c) for c in _circles(graph))


#: what each layer may import from derive (besides itself and the leaf modules below)
LEAVES = {"derive", "derive.errors", "derive.record"}
MAY_IMPORT = {
    "derive.engine": {"derive.engine"},
    "derive.parse": {"derive.parse", "derive.engine.functions"},
    "derive.render": {"derive.render", "derive.engine", "derive.check.chain", "derive.catalog"},
}


def test_the_layers_only_look_down():
    wrong = []
    for module, targets in _graph().items():
        layer = next((layer for layer in MAY_IMPORT if module == layer or module.startswith(layer + ".")), None)
        if layer is None:
            continue
        allowed = MAY_IMPORT[layer]
        for target in targets - LEAVES:
            if not any(target == a or target.startswith(a + ".") for a in allowed):
                wrong.append(f"{module} -> {target}")
    assert wrong == []
