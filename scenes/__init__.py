"""scenes: the Manim scenes of mlmath-viz, and their use from Python.

``scenes.render(name, **params)`` renders as ``python -m scenes render`` does and
returns a :class:`~scenes.pipeline.api.Clip`; ``scenes.explore(name)`` shows widgets
for a scene's parameters (Jupyter); bad input raises :class:`scenes.ParamError`. They
are imported on first use, so ``python -m scenes list`` stays as quick as it was.
"""

from __future__ import annotations

import importlib
from typing import Any

#: Public names and the modules that define them.
_EXPORTS = {
    "render": "scenes.pipeline.api",
    "Clip": "scenes.pipeline.api",
    "RenderError": "scenes.pipeline.api",
    "explore": "scenes.pipeline.widgets",
    "ParamError": "scenes.parameters",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'scenes' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # once: later look-ups do not come here
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
