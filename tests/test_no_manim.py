"""mlmath_viz is the numeric core: it must never import manim."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys

import mlmath_viz
from conftest import PROJECT_DIR


def test_importing_every_module_loads_no_manim() -> None:
    modules = [m.name for m in pkgutil.walk_packages(mlmath_viz.__path__, "mlmath_viz.")]
    assert modules, "no modules found in mlmath_viz"
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'manim' or m.startswith('manim.'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT_DIR, check=True
    )
    assert out.stdout.strip() == ""


def test_no_source_file_mentions_a_manim_import() -> None:
    for path in (PROJECT_DIR / "mlmath_viz").rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(n.split(".")[0] == "manim" for n in names), path
