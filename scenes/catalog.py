"""The list of scenes: name, module and parameter type, without importing manim.

Titles and one-line descriptions are read from each scene class's docstring with
:mod:`ast`, so ``python -m scenes list`` and parameter validation stay fast.
"""

from __future__ import annotations

import ast
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scenes.parameters.linear_algebra import LinearMapParams

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


SCENES: tuple[SceneEntry, ...] = (
    SceneEntry("LinearMap", "scenes.linear_algebra", LinearMapParams),
)

BY_NAME: dict[str, SceneEntry] = {entry.name: entry for entry in SCENES}
