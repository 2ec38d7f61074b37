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
LEAVES = {"derive", "derive.errors", "derive.record", "derive.linear"}
MAY_IMPORT = {
    "derive.engine": {"derive.engine"},
    "derive.parse": {"derive.parse", "derive.engine.functions"},
    # the checker reads texts and judges them: never a renderer, the API or the command line
    "derive.check": {"derive.check", "derive.parse", "derive.engine", "derive.limits"},
    "derive.render": {"derive.render", "derive.engine", "derive.check.chain", "derive.catalog"},
}


def _looking_up(graph: dict[str, set[str]]) -> list[str]:
    wrong = []
    for module, targets in graph.items():
        layer = next((layer for layer in MAY_IMPORT if module == layer or module.startswith(layer + ".")), None)
        if layer is None:
            continue
        allowed = MAY_IMPORT[layer]
        for target in targets - LEAVES:
            if not any(target == a or target.startswith(a + ".") for a in allowed):
                wrong.append(f"{module} -> {target}")
    return sorted(wrong)


def test_the_layers_only_look_down():
    assert _looking_up(_graph()) == []


def test_the_leaves_import_nothing_of_derive():
    """(The package ``derive`` itself is the API's lazy front door: not a leaf in that sense.)"""
    graph = _graph()
    modules = LEAVES - {"derive"}
    assert {leaf: graph[leaf] - {"derive"} for leaf in modules} == {leaf: set() for leaf in modules}


def test_an_upward_import_would_be_found():
    graph = _graph()
    graph["derive.check.diagnose"].add("derive.render.linear")
    graph["derive.check.chain"].add("derive.cli")
    graph["derive.check"].add("derive.api")
    graph["derive.engine.derivation"].add("derive.render.latex")
    graph["derive.engine.chain"].add("derive.check.chain")
    assert _looking_up(graph) == ["derive.check -> derive.api", "derive.check.chain -> derive.cli",
                                  "derive.check.diagnose -> derive.render.linear",
                                  "derive.engine.chain -> derive.check.chain",
                                  "derive.engine.derivation -> derive.render.latex"]


def test_the_checker_loads_no_renderer():
    """What one run loads, too: checking a text (with a diagnosis, which writes formulas)
    imports nothing of render/, the API or the command line."""
    import subprocess
    import sys

    code = ("import sys\n"
            "from derive.check.chain import check_document\n"
            "from derive.check.document import read_document\n"
            "chain = check_document(read_document('g(z) = tanh(z)\\ng\\'(z) = 1 - g(z)\\n'))\n"
            "assert chain.lines[-1].diagnosis is not None, chain.lines[-1].verdict\n"
            "print(sorted(m for m in sys.modules if m.startswith(('derive.render', 'derive.cli', 'derive.api'))))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=PACKAGE.parent).stdout
    assert out.strip() == "[]"
