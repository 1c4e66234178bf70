"""The list of scenes: name, module and parameter type, without importing manim.

Scenes are found, not listed by hand. Each topic is a package ``scenes/<topic>/`` whose
``__init__.py`` sets ``ORDER`` (its place in the gallery) and whose ``params.py`` holds
one frozen parameter dataclass per scene, ``<Scene>Params``, in gallery order. The
scene ``<Scene>`` itself is the class of that name in ``scenes/<topic>/<scene>.py``
(the name in snake case: ``LinearMap`` in ``linear_map.py``, ``PCADigits`` in
``pca_digits.py``). Titles and one-line descriptions are read from each scene class's
docstring with :mod:`ast`, so ``python -m scenes list`` and parameter validation stay
fast.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import importlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent
PARAMS_SUFFIX = "Params"


def module_name(scene: str) -> str:
    """The module of a scene class: its name in snake case (``PCADigits -> pca_digits``)."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", scene).lower()


@dataclass(frozen=True)
class SceneEntry:
    """One scene of the gallery."""

    name: str
    module: str  # dotted module path, e.g. "scenes.linear_algebra.linear_map"
    params_type: type[Any]

    @property
    def topic(self) -> str:
        """The topic package, e.g. ``linear_algebra``."""
        return self.module.split(".")[1]

    @property
    def path(self) -> Path:
        """The scene's source file."""
        return PACKAGE_DIR.parent / (self.module.replace(".", "/") + ".py")

    @property
    def title(self) -> str:
        """First line of the scene's docstring."""
        return _docstring(self.path, self.name)[0]

    @property
    def description(self) -> str:
        """The sentence after the title in the scene's docstring."""
        return _docstring(self.path, self.name)[1]

    def scene_class(self) -> type[Any]:
        """The scene class (imports Manim)."""
        return getattr(importlib.import_module(self.module), self.name)  # type: ignore[no-any-return]


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


def topics() -> list[str]:
    """The topic packages (those with a ``params.py``), in gallery order."""
    found = []
    for folder in PACKAGE_DIR.iterdir():
        if (folder / "params.py").is_file() and (folder / "__init__.py").is_file():
            package = importlib.import_module(f"scenes.{folder.name}")
            found.append((int(package.ORDER), folder.name))
    return [name for _, name in sorted(found)]


def _discover() -> tuple[SceneEntry, ...]:
    entries = []
    for topic in topics():
        params_module = importlib.import_module(f"scenes.{topic}.params")
        for value in vars(params_module).values():
            if (
                isinstance(value, type)
                and dataclasses.is_dataclass(value)
                and value.__module__ == params_module.__name__
                and value.__name__.endswith(PARAMS_SUFFIX)
            ):
                name = value.__name__.removesuffix(PARAMS_SUFFIX)
                entries.append(SceneEntry(name, f"scenes.{topic}.{module_name(name)}", value))
    return tuple(entries)


SCENES: tuple[SceneEntry, ...] = _discover()

BY_NAME: dict[str, SceneEntry] = {entry.name: entry for entry in SCENES}
