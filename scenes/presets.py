"""Named presets from ``scenes.toml``: ``[Scene.preset]`` tables of parameter values.

The whole file is read and every preset validated against its scene's parameter
dataclass before anything renders, so a typo in one preset is reported (exit 2) at
once rather than after an hour of rendering.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from scenes import catalog
from scenes.parameters import ParamError, build

PRESETS_FILE = Path(__file__).resolve().parent.parent / "scenes.toml"
PRESET_NAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-_")


def load(path: Path = PRESETS_FILE) -> dict[str, dict[str, dict[str, Any]]]:
    """Read and validate ``scenes.toml``: ``{scene: {preset: {parameter: raw value}}}``.

    A missing file means no presets. Raises :class:`ParamError` for malformed TOML,
    an unknown scene, a badly named preset or a bad parameter value.
    """
    if not path.exists():
        return {}
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise ParamError(f"{path.name}: malformed TOML: {err}") from None
    presets: dict[str, dict[str, dict[str, Any]]] = {}
    for scene, tables in raw.items():
        entry = catalog.BY_NAME.get(scene)
        if entry is None:
            known = ", ".join(catalog.BY_NAME)
            raise ParamError(f"{path.name}: unknown scene [{scene}]; scenes: {known}")
        if not isinstance(tables, dict):
            raise ParamError(f"{path.name}: [{scene}] must hold preset tables like [{scene}.name]")
        presets[scene] = {}
        for name, values in tables.items():
            if not isinstance(values, dict):
                raise ParamError(
                    f"{path.name}: {scene}.{name} must be a table like [{scene}.{name}]"
                )
            if not name or not set(name) <= PRESET_NAME_CHARS:
                raise ParamError(
                    f"{path.name}: preset name {name!r} of {scene}: use lowercase letters, "
                    "digits, '-' and '_'"
                )
            build(scene, entry.params_type, values, source=f"preset '{name}' in {path.name}")
            presets[scene][name] = values
    return presets
