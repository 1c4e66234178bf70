"""The list of scenes: name, module and parameter type, without importing manim.

Titles and one-line descriptions are read from each scene class's docstring with
:mod:`ast`, so ``python -m scenes list`` and parameter validation stay fast.
"""

from __future__ import annotations

import ast
import functools
import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class SceneEntry:
    """One scene of the gallery."""

    name: str
    module: str  # dotted module path, e.g. "scenes.linear_algebra"
    params_type: type[Any]

    @property
    def path(self) -> Path:
        """The scene's source file."""
        return PACKAGE_DIR / (self.module.rsplit(".", 1)[-1] + ".py")

    @property
    def title(self) -> str:
        """First line of the scene's docstring."""
        return _docstring(self.path, self.name)[0]

    @property
    def description(self) -> str:
        """The sentence after the title in the scene's docstring."""
        return _docstring(self.path, self.name)[1]


@functools.cache
def _docstring(path: Path, class_name: str) -> tuple[str, str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == class_name:
            doc = ast.get_docstring(node) or class_name
            paragraphs = [" ".join(p.split()) for p in doc.split("\n\n")]
            title = paragraphs[0].rstrip(".")
            description = paragraphs[1] if len(paragraphs) > 1 else ""
            return title, description
    raise LookupError(f"class {class_name} not found in {path}")


#: Topic modules in gallery order. A topic ``t`` has its scenes in ``scenes/t.py`` and
#: their parameter dataclasses in ``scenes/parameters/t.py``, whose ``SCENE_PARAMS``
#: maps each scene class name to its parameter type, in the order they are listed.
TOPICS = (
    "vectors",
    "linear_algebra",
    "composition",
    "eigen",
    "svd",
    "pca",
    "calculus",
    "optimization",
    "probability",
    "statistics",
)


def _discover() -> tuple[SceneEntry, ...]:
    entries = []
    for topic in TOPICS:
        if not (PACKAGE_DIR / "parameters" / f"{topic}.py").exists():
            continue
        params_module = importlib.import_module(f"scenes.parameters.{topic}")
        for name, params_type in params_module.SCENE_PARAMS.items():
            entries.append(SceneEntry(name, f"scenes.{topic}", params_type))
    return tuple(entries)


SCENES: tuple[SceneEntry, ...] = _discover()

BY_NAME: dict[str, SceneEntry] = {entry.name: entry for entry in SCENES}
