"""The render cache key covers what a scene imports, and nothing of the pipeline."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import PROJECT_DIR
from scenes import catalog
from scenes.pipeline import hashing
from scenes.pipeline.jobs import RenderResult
from scenes.pipeline.progress import Progress


def _relative(paths: list[Path], root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in paths}


def test_gradient_descent_sources_are_what_it_imports() -> None:
    entry = catalog.BY_NAME["GradientDescent"]
    names = _relative(hashing.source_files(entry.module), hashing.PROJECT_DIR)
    expected = {
        "scenes/optimization/gradient_descent.py",
        "scenes/optimization/common.py",
        "scenes/optimization/__init__.py",
        "scenes/kit/scene.py",
        "scenes/kit/__init__.py",
        "scenes/__init__.py",
        "mlmath_viz/descent.py",
        "mlmath_viz/objectives.py",
        "mlmath_viz/optimizers.py",
        "mlmath_viz/contours.py",
        "manim.cfg",
    }
    assert expected <= names, expected - names
    assert not [n for n in names if n.startswith("scenes/pipeline/")]
    others = {e.path.relative_to(PROJECT_DIR).as_posix() for e in catalog.SCENES} - {
        "scenes/optimization/gradient_descent.py"
    }
    assert not names & others, names & others


@pytest.mark.parametrize("scene", ["GradientDescent", "LinearMap", "SurfaceDescent"])
def test_sources_cover_every_project_module_the_scene_loads(scene: str) -> None:
    """Oracle: the project modules Python really loads when it imports the scene."""
    entry = catalog.BY_NAME[scene]
    script = (
        f"import sys, json, importlib; importlib.import_module({entry.module!r}); "
        "print(json.dumps([getattr(m, '__file__', None) for n, m in sys.modules.items() "
        "if n.split('.')[0] in ('scenes', 'mlmath_viz')]))"
    )
    loaded = json.loads(
        subprocess.run(
            [sys.executable, "-c", script], cwd=PROJECT_DIR, capture_output=True, text=True
        ).stdout
    )
    static = {p.resolve() for p in hashing.source_files(entry.module)}
    missing = {Path(f).resolve() for f in loaded if f} - static
    assert not missing, f"{scene}: loaded but not hashed: {sorted(map(str, missing))}"


@dataclass(frozen=True)
class DemoParams:
    n: int = 1


def _tree(root: Path) -> None:
    """A small project: two scenes of a topic, a kit, a numeric core and a pipeline."""
    files = {
        "manim.cfg": "[CLI]\n",
        "scenes/__init__.py": "",
        "scenes/kit/__init__.py": "",
        "scenes/kit/shapes.py": "import mlmath_viz.core as core\n",
        "scenes/kit/unused.py": "",
        "scenes/demo/__init__.py": "ORDER = 1\n",
        "scenes/demo/helpers.py": "from mlmath_viz.more import thing\n",
        "scenes/demo/one.py": (
            "import numpy\nfrom scenes.kit import shapes\nfrom . import helpers\n"
            "def lazy():\n    from .helpers import thing\n"
        ),
        "scenes/demo/two.py": "from scenes.kit import unused\n",
        "scenes/pipeline/__init__.py": "",
        "scenes/pipeline/gallery.py": "from scenes.demo import one, two\n",
        "mlmath_viz/__init__.py": "",
        "mlmath_viz/core.py": "X = 1\n",
        "mlmath_viz/more.py": "thing = 2\n",
        "mlmath_viz/unused.py": "",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def test_input_hash_changes_with_an_imported_file_only(tmp_path: Path) -> None:
    _tree(tmp_path)
    entry = catalog.SceneEntry("One", "scenes.demo.one", DemoParams)
    assert _relative(hashing.source_files(entry.module, tmp_path), tmp_path) == {
        "manim.cfg",
        "scenes/__init__.py",
        "scenes/kit/__init__.py",
        "scenes/kit/shapes.py",
        "scenes/demo/__init__.py",
        "scenes/demo/helpers.py",
        "scenes/demo/one.py",
        "mlmath_viz/__init__.py",
        "mlmath_viz/core.py",
        "mlmath_viz/more.py",
    }

    def key() -> str:
        return hashing.input_hash(entry, {"n": 1}, "low", root=tmp_path)

    before = key()
    assert key() == before
    for untouched in (
        "scenes/pipeline/gallery.py",
        "scenes/demo/two.py",
        "scenes/kit/unused.py",
        "mlmath_viz/unused.py",
    ):
        with (tmp_path / untouched).open("a") as f:
            f.write("# edited\n")
        assert key() == before, f"editing {untouched} changed the key"
    for imported in (
        "scenes/demo/one.py",
        "scenes/demo/helpers.py",
        "scenes/kit/shapes.py",
        "mlmath_viz/core.py",
        "mlmath_viz/more.py",
        "scenes/demo/__init__.py",
        "manim.cfg",
    ):
        with (tmp_path / imported).open("a") as f:
            f.write("# edited\n")
        after = key()
        assert after != before, f"editing {imported} left the key unchanged"
        before = after
    assert hashing.input_hash(entry, {"n": 2}, "low", root=tmp_path) != before
    assert hashing.input_hash(entry, {"n": 1}, "high", root=tmp_path) != before


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_plain_lines_off_a_terminal() -> None:
    stream = io.StringIO()
    with Progress(2, stream) as progress:
        progress.update(RenderResult("A", "skipped", 0.0))
        progress.update(RenderResult("B", "failed", 1.25, "RuntimeError: boom"))
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("[1/2] ") and lines[0].endswith(" A: skipped in 0.0s")
    assert lines[1].startswith("[2/2] ")
    assert lines[1].endswith(" B: failed in 1.2s (RuntimeError: boom)")
    assert "\x1b" not in stream.getvalue() and "\r" not in stream.getvalue()


def test_progress_on_a_terminal_draws_a_bar_and_names_renders_made() -> None:
    stream = _Terminal()
    with Progress(2, stream) as progress:
        progress.update(RenderResult("A", "skipped", 0.0))
        progress.update(RenderResult("B", "rendered", 2.0))
    text = stream.getvalue()
    assert "B: rendered in 2.0s" in text
    assert "A: skipped" not in text  # an up-to-date render only moves the bar
    assert "2/2" in text


def test_import_statements_are_those_a_full_parse_finds() -> None:
    """Oracle: :func:`ast.parse` of the whole file, for every project module."""
    import ast

    def imports(nodes: list[ast.stmt]) -> list[str]:
        return sorted(ast.dump(n) for n in nodes if isinstance(n, (ast.Import, ast.ImportFrom)))

    files = [*(PROJECT_DIR / "scenes").rglob("*.py"), *(PROJECT_DIR / "mlmath_viz").rglob("*.py")]
    assert len(files) > 50
    for path in files:
        source = path.read_bytes()
        everything = list(ast.walk(ast.parse(source)))
        assert imports(hashing.import_statements(source)) == imports(everything), path  # type: ignore[arg-type]
    tricky = (
        b"import a  # (no closing bracket\nfrom b import (\n    c,\n)\nx = '''\nimport d\n'''\n"
    )
    found = hashing.import_statements(tricky)
    names = {a.name for n in found if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names}
    assert {"a", "c"} <= names  # a string that looks like an import may add one, never drop one
    # A statement that does not parse on its own: the whole module is parsed instead.
    nested = b"if True:\n    import e  # (\n    y = 1\nfrom f import g\n"
    found = hashing.import_statements(nested)
    assert {
        a.name for n in found if isinstance(n, ast.Import | ast.ImportFrom) for a in n.names
    } >= {
        "e",
        "g",
    }
