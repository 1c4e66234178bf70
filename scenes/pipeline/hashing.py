"""Cache keys: a render's input hash covers what its scene really imports.

The project modules a scene's module imports, transitively, are found statically: each
file is parsed with :mod:`ast` (once per file version, keyed by path, modification
time and size) and every ``import`` and ``from ... import`` naming a module under
``scenes`` or ``mlmath_viz`` is followed, with the ``__init__.py`` of every package on
the way (importing ``scenes.kit.scene`` runs ``scenes/__init__.py`` and
``scenes/kit/__init__.py`` too). The pipeline's own modules are never part of it, so
editing the gallery, the player, the slides or the command line re-renders nothing.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from scenes import catalog
from scenes.parameters.data import data_digest
from scenes.pipeline.jobs import manim_version

PROJECT_DIR = Path(__file__).resolve().parent.parent.parent
#: The top-level packages whose modules can decide a picture.
PROJECT_PACKAGES = ("scenes", "mlmath_viz")
#: Never a picture's input: the driver that renders it.
PIPELINE_PACKAGE = "scenes.pipeline"

StatKey = tuple[str, int, int]


def _stat_key(path: Path) -> StatKey:
    """A file's identity for the caches below: path, modification time and size."""
    st = path.stat()
    return str(path), st.st_mtime_ns, st.st_size


def _is_pipeline(name: str) -> bool:
    return name == PIPELINE_PACKAGE or name.startswith(PIPELINE_PACKAGE + ".")


def _module_of(path: Path, root: Path) -> tuple[str, bool]:
    """The dotted name of the module in ``path`` and whether it is a package."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    if is_package:
        parts.pop()
    return ".".join(parts), is_package


#: Where an import statement starts: a line beginning (after indentation) with
#: ``import NAME`` or ``from NAME import``.
_IMPORT_START = re.compile(rb"^[ \t]*(?:from[ \t]+[\w.]+[ \t]+import\b|import[ \t]+\w)", re.M)


def import_statements(source: bytes) -> list[ast.stmt]:
    """The import statements of ``source``, parsed with :mod:`ast`.

    Only the statements are parsed, not the whole module (a scene module takes tens of
    milliseconds to parse, its imports well under one): each line that starts an
    import is read to its end (through brackets and backslash continuations). If any
    of them does not parse on its own, the whole module is parsed instead.
    """
    statements: list[ast.stmt] = []
    for match in _IMPORT_START.finditer(source):
        start = end = match.start()
        depth = 0
        while end < len(source):
            char = source[end : end + 1]
            if char in b"([{":
                depth += 1
            elif char in b")]}":
                depth -= 1
            elif char == b"\n" and depth <= 0 and source[end - 1 : end] != b"\\":
                break
            end += 1
        try:
            statements.extend(ast.parse(source[start:end].lstrip()).body)
        except SyntaxError:
            return list(nested_statements(ast.parse(source).body))
    return statements


def nested_statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Every statement in ``body`` and in the blocks nested in it."""
    for node in body:
        yield node
        for field in ("body", "orelse", "finalbody", "handlers", "cases"):
            inner = getattr(node, field, None)
            if isinstance(inner, list):
                yield from nested_statements(inner)


@functools.lru_cache(maxsize=512)
def _imported_names(key: StatKey, root: Path) -> frozenset[str]:
    """Absolute names the file ``key`` imports, with ``pkg.name`` for each
    ``from pkg import name`` (it may be a submodule); parsed once per file version."""
    path = Path(key[0])
    module, is_package = _module_of(path, root)
    package = module if is_package else module.rpartition(".")[0]
    names: set[str] = set()
    for node in import_statements(path.read_bytes()):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".") if package else []
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                prefix = ".".join([*base, node.module] if node.module else base)
            else:
                prefix = node.module or ""
            if not prefix:
                continue
            names.add(prefix)
            names.update(f"{prefix}.{alias.name}" for alias in node.names if alias.name != "*")
    return frozenset(n for n in names if n.split(".")[0] in PROJECT_PACKAGES)


def _files_of(name: str, root: Path) -> list[Path]:
    """The files importing ``name`` runs: each package's ``__init__.py`` on the way and
    the module itself; empty if ``name`` is not a project module (e.g. a class)."""
    parts = name.split(".")
    files = []
    for depth in range(1, len(parts) + 1):
        folder = root.joinpath(*parts[:depth])
        init = folder / "__init__.py"
        if init.is_file():
            files.append(init)
        elif depth == len(parts) and folder.with_suffix(".py").is_file():
            files.append(folder.with_suffix(".py"))
        else:
            return files if depth == len(parts) else []
    return files


def source_files(module: str, root: Path = PROJECT_DIR) -> list[Path]:
    """The project files a picture of ``module`` depends on: the module, every project
    module it imports (transitively, with their packages' ``__init__.py``) and
    ``manim.cfg``; never a file of the pipeline."""
    known = _CLOSURES.get((module, root))
    if known is not None:
        files, keys = known
        try:
            if all(_stat_key(f) == k for f, k in zip(files, keys, strict=True)):
                return list(files)  # no file changed, so neither did what they import
        except OSError:
            pass  # a file went away: resolve again
    seen: set[Path] = set()
    todo = [module]
    done_names: set[str] = set()
    while todo:
        name = todo.pop()
        if name in done_names or _is_pipeline(name):
            continue
        done_names.add(name)
        for path in _files_of(name, root):
            if path in seen:
                continue
            seen.add(path)
            todo.extend(_imported_names(_stat_key(path), root))
    config = root / "manim.cfg"
    if config.is_file():
        seen.add(config)
    files = sorted(seen)
    _CLOSURES[(module, root)] = (files, [_stat_key(f) for f in files])
    return list(files)


#: The files each (module, root) was resolved to, with their stat keys when resolved: a
#: plan has many renders of few scenes.
_CLOSURES: dict[tuple[str, Path], tuple[list[Path], list[StatKey]]] = {}


@functools.lru_cache(maxsize=64)
def _sources_digest(files: tuple[StatKey, ...], root: Path) -> Any:
    """SHA-256 state after every source file's path and bytes, in order (read once per
    set of file versions: a gallery has many renders of few scenes)."""
    digest = hashlib.sha256()
    for name, _, _ in files:
        path = Path(name)
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest


def input_hash(
    entry: catalog.SceneEntry, params: dict[str, Any], quality: str, root: Path = PROJECT_DIR
) -> str:
    """SHA-256 of everything that decides a render's output (theme and formats are
    added by :func:`scenes.pipeline.plan.with_outputs`).

    A render whose parameters name a data file (a non-empty ``data``) covers the file's
    SHA-256 too: editing the CSV re-renders exactly the renders that read it."""
    files = tuple(_stat_key(path) for path in source_files(entry.module, root))
    digest = _sources_digest(files, root).copy()
    digest.update(json.dumps(params, sort_keys=True).encode())
    data = params.get("data")
    if isinstance(data, str) and data:
        digest.update(f"|data {data_digest(data)}".encode())
    digest.update(f"{entry.name}|{quality}|manim {manim_version()}".encode())
    return str(digest.hexdigest())
