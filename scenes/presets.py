"""Named presets and sweeps from ``scenes.toml``.

A ``[Scene.preset]`` table holds parameter values. ``[Scene.sweep.name]`` declares a
sweep instead (so ``sweep`` is not a preset name): each key is a swept parameter with
its values in the ``--sweep`` syntax, and an optional ``fixed`` sub-table holds values
kept the same for every render of the sweep::

    [GradientDescent.sweep.lr]
    lr = "0.05:0.65:13"
    fixed = { steps = 30 }

The whole file is read and every preset and every point of every sweep validated
against its scene's parameter dataclass before anything renders, so a typo is reported
(exit 2) at once rather than after an hour of rendering.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scenes import catalog
from scenes.parameters import ParamError, build
from scenes.sweeps import expand

PRESETS_FILE = Path(__file__).resolve().parent.parent / "scenes.toml"
PRESET_NAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-_")
#: ``[Scene.sweep.name]`` declares a sweep, so no preset may be called this.
SWEEP_KEY = "sweep"
#: The sub-table of a sweep declaration with the values every render shares.
FIXED_KEY = "fixed"


@dataclass(frozen=True)
class Sweep:
    """A sweep declared in ``scenes.toml``: ``[scene.sweep.name]``."""

    scene: str
    name: str
    axes: tuple[str, ...]  # "--sweep"-style "key=values", in declaration order
    fixed: dict[str, Any]  # raw values held fixed (TOML types)
    points: tuple[dict[str, str], ...]  # the expanded grid, raw swept values


def load(path: Path = PRESETS_FILE) -> dict[str, dict[str, dict[str, Any]]]:
    """Read and validate ``scenes.toml``: ``{scene: {preset: {parameter: raw value}}}``.

    A missing file means no presets. Raises :class:`ParamError` for malformed TOML,
    an unknown scene, a badly named preset or sweep or a bad parameter value.
    """
    return load_all(path)[0]


def load_sweeps(path: Path = PRESETS_FILE) -> dict[str, dict[str, Sweep]]:
    """The sweeps declared in ``scenes.toml``: ``{scene: {name: Sweep}}``.

    The whole file is validated as by :func:`load`.
    """
    return load_all(path)[1]


def _sweep(path: Path, scene: str, name: str, table: Any, check: bool = True) -> Sweep:
    """Validate one ``[scene.sweep.name]`` table and expand its grid."""
    where = f"{path.name}: sweep {scene}.sweep.{name}"
    if not isinstance(table, dict):
        raise ParamError(
            f"{path.name}: {scene}.sweep.{name} must be a table like [{scene}.sweep.{name}] "
            "('sweep' holds sweep declarations; it is not a preset name)"
        )
    if not name or not set(name) <= PRESET_NAME_CHARS:
        raise ParamError(
            f"{path.name}: sweep name {name!r} of {scene}: use lowercase letters, "
            "digits, '-' and '_'"
        )
    fixed = table.get(FIXED_KEY, {})
    if not isinstance(fixed, dict):
        raise ParamError(f"{where}: 'fixed' must be a table of parameter values")
    axes = []
    for key, text in table.items():
        if key == FIXED_KEY:
            continue
        if not isinstance(text, str):
            raise ParamError(
                f"{where}: '{key}' got {text!r}; allowed: a string in the --sweep syntax, "
                f'e.g. "0.05:0.65:13" or "0.1,0.2" (fixed values go in {FIXED_KEY} = {{...}})'
            )
        if key in fixed:
            raise ParamError(f"{where}: '{key}' is both swept and fixed")
        axes.append(f"{key}={text}")
    if not axes:
        raise ParamError(f'{where}: no swept parameter; add one like lr = "0.1,0.2"')
    entry = catalog.BY_NAME[scene]
    try:
        points = expand(scene, entry.params_type, axes, source=f"sweep '{name}'")
    except ParamError as err:
        raise ParamError(f"{path.name}: {err}") from None
    if len(points) < 2:
        raise ParamError(f"{where}: {len(points)} value; allowed: at least 2 values")
    for point in points:
        build(
            scene,
            entry.params_type,
            {**fixed, **point},
            source=f"sweep '{name}' in {path.name}",
            check=check,
        )
    return Sweep(scene, name, tuple(axes), dict(fixed), tuple(points))


def load_all(
    path: Path = PRESETS_FILE,
    *,
    check: bool = True,
) -> tuple[dict[str, dict[str, dict[str, Any]]], dict[str, dict[str, Sweep]]]:
    """The presets (as :func:`load`) and the sweeps (as :func:`load_sweeps`), from one
    reading and validation of the file.

    With ``check=False`` each preset and sweep point is validated by name, type and
    range but not by its scene's own ``check()`` (a data set read, a CSV file opened):
    the renderer passes it and checks in full only what it renders, so a render of one
    scene neither pays for reading every scene's data nor fails on another scene's
    preset whose CSV file is missing.
    """
    if not path.exists():
        return {}, {}
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise ParamError(f"{path.name}: malformed TOML: {err}") from None
    presets: dict[str, dict[str, dict[str, Any]]] = {}
    sweeps: dict[str, dict[str, Sweep]] = {}
    for scene, tables in raw.items():
        entry = catalog.BY_NAME.get(scene)
        if entry is None:
            known = ", ".join(catalog.BY_NAME)
            raise ParamError(f"{path.name}: unknown scene [{scene}]; scenes: {known}")
        if not isinstance(tables, dict):
            raise ParamError(f"{path.name}: [{scene}] must hold preset tables like [{scene}.name]")
        presets[scene] = {}
        declared = tables.get(SWEEP_KEY, {})
        if not isinstance(declared, dict):
            raise ParamError(
                f"{path.name}: {scene}.sweep must hold sweep tables like [{scene}.sweep.name] "
                "('sweep' is reserved: it is not a preset name)"
            )
        sweeps[scene] = {n: _sweep(path, scene, n, t, check) for n, t in declared.items()}
        for name, values in tables.items():
            if name == SWEEP_KEY:
                continue
            if not isinstance(values, dict):
                raise ParamError(
                    f"{path.name}: {scene}.{name} must be a table like [{scene}.{name}]"
                )
            if not name or not set(name) <= PRESET_NAME_CHARS:
                raise ParamError(
                    f"{path.name}: preset name {name!r} of {scene}: use lowercase letters, "
                    "digits, '-' and '_'"
                )
            build(
                scene,
                entry.params_type,
                values,
                source=f"preset '{name}' in {path.name}",
                check=check,
            )
            presets[scene][name] = values
    return presets, sweeps
