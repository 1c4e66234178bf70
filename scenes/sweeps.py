"""Parameter sweeps: ``lr=0.05:0.65:13`` or ``lr=0.1,0.2,0.5``, one render per value.

Several sweeps give their grid (every combination). Numbers sweep as a range
``start:stop:count`` (evenly spaced, both ends included) or a comma list; vectors,
matrices and text sweep as a list separated by ``;`` (``start=1,2;-1,0.5``). Each value
is validated like a ``--set`` value before anything renders.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

from scenes.parameters import ParamError, specs

#: Most renders one sweep may ask for (all its parameters' values multiplied).
MAX_SWEEP_RENDERS = 64


def _number_text(x: float) -> str:
    return format(float(x), ".12g")


def _values(scene: str, kind: str, name: str, text: str) -> list[str]:
    if kind in ("float", "int") and text.count(":") == 2:
        parts = text.split(":")
        try:
            start, stop = float(parts[0]), float(parts[1])
            count = int(parts[2])
        except ValueError:
            count = 0
            start = stop = 0.0
        if count < 2 or not (np.isfinite(start) and np.isfinite(stop)):
            raise ParamError(
                f"{scene}: sweep '{name}' got {text!r}; allowed: start:stop:count with "
                "finite numbers and a whole count >= 2, or a comma list"
            )
        grid = np.linspace(start, stop, count)
        if kind == "int":
            if not np.allclose(grid, np.round(grid)):
                raise ParamError(
                    f"{scene}: sweep '{name}' got {text!r}; allowed: a range whose "
                    "values are whole numbers (integer parameter)"
                )
            return [str(int(np.rint(v))) for v in grid]
        return [_number_text(v) for v in grid]
    separator = "," if kind in ("float", "int") else ";"
    values = [v.strip() for v in text.split(separator) if v.strip()]
    if not values:
        raise ParamError(f"{scene}: sweep '{name}' got {text!r}; allowed: at least one value")
    return values


def expand(
    scene: str, params_type: type, sweeps: Sequence[str], *, source: str = "--sweep"
) -> list[dict[str, str]]:
    """The grid of raw ``{parameter: value}`` assignments a list of sweeps asks for.

    ``source`` names where the sweeps come from in errors (``--sweep`` or a sweep
    declared in ``scenes.toml``).
    """
    kinds = {s.name: s.kind for s in specs(params_type)}
    axes: dict[str, list[str]] = {}
    for item in sweeps:
        name, sep, text = item.partition("=")
        name = name.strip()
        if not sep or not name or not text.strip():
            raise ParamError(
                f"{scene}: {source} got {item!r}; expected key=start:stop:count or key=a,b,c"
            )
        if name not in kinds:
            raise ParamError(
                f"{scene}: unknown parameter '{name}' in {source}; parameters: " + ", ".join(kinds)
            )
        axes[name] = _values(scene, kinds[name], name, text.strip())
    total = int(np.prod([len(v) for v in axes.values()])) if axes else 0
    if total > MAX_SWEEP_RENDERS:
        sizes = " x ".join(str(len(v)) for v in axes.values())
        raise ParamError(
            f"{scene}: sweep of {sizes} = {total} renders; allowed: at most "
            f"{MAX_SWEEP_RENDERS} (narrow a range or split the sweep)"
        )
    names = list(axes)
    return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*axes.values())]
