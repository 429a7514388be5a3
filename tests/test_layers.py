"""The way through the code: the layering contracts in pyproject.toml hold, no module
imports itself back through others (a circle), counting imports made inside functions, and
the package type-checks (mypy, configured in pyproject.toml)."""

import subprocess
import sys
from pathlib import Path

import grimp

REPO = Path(__file__).resolve().parent.parent


def test_the_layering_contracts_hold():
    linter = Path(sys.executable).with_name("lint-imports")
    run = subprocess.run([str(linter)], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-3000:]
    assert "0 broken" in run.stdout


def test_no_module_imports_itself_back():
    graph = grimp.build_graph("indexer", "assistant", "eval", exclude_type_checking_imports=True)
    circles = []
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            if graph.chain_exists(importer=imported, imported=module):
                circles.append(f"{module} -> {' -> '.join(graph.find_shortest_chain(importer=imported, imported=module))}")
    assert circles == []


def test_the_package_type_checks():
    run = subprocess.run([sys.executable, "-m", "mypy"], cwd=REPO, capture_output=True,
                         text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-3000:]
