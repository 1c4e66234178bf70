"""Manim-free modules: the numeric core, and the scene layer's parameters and catalogue.

mlmath_viz is the numeric core: it must never import manim. The parameter dataclasses
(``scenes/<topic>/params.py``, ``scenes/parameters``), the catalogue, presets and sweeps
must not load it either, so that validation, ``list`` and ``params`` stay fast.
"""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys

import mlmath_viz
from conftest import PROJECT_DIR


def manim_modules_loaded_by(modules: list[str]) -> str:
    """The manim modules a fresh interpreter has loaded after importing ``modules``."""
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'manim' or m.startswith('manim.'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT_DIR, check=True
    )
    return out.stdout.strip()


def test_importing_every_module_loads_no_manim() -> None:
    modules = [m.name for m in pkgutil.walk_packages(mlmath_viz.__path__, "mlmath_viz.")]
    assert modules, "no modules found in mlmath_viz"
    assert manim_modules_loaded_by(modules) == ""


def scene_parameter_modules() -> list[str]:
    """Every topic's params module, scenes.parameters with its modules, the catalogue,
    presets and sweeps (found on disk, so a new topic is covered without a list)."""
    scenes_dir = PROJECT_DIR / "scenes"
    topics = sorted(p.parent.name for p in scenes_dir.glob("*/params.py"))
    parameters = sorted(p.stem for p in (scenes_dir / "parameters").glob("*.py"))
    return [
        *(f"scenes.{t}.params" for t in topics),
        *("scenes.parameters" + ("" if s == "__init__" else f".{s}") for s in parameters),
        "scenes.catalog",
        "scenes.presets",
        "scenes.sweeps",
    ]


def test_scene_parameters_catalogue_presets_and_sweeps_load_no_manim() -> None:
    modules = scene_parameter_modules()
    assert len([m for m in modules if m.endswith(".params")]) >= 5, modules
    for module in modules:  # one interpreter each: a module must not lean on another
        assert manim_modules_loaded_by([module]) == "", module


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
