"""How a surface plot is drawn: which height scale each named objective uses.

The heights themselves are mathematics (:mod:`mlmath_viz.surfaces`); the choice of a
log scale for the steep functions is the picture's.
"""

from __future__ import annotations

from mlmath_viz.objectives import Objective
from mlmath_viz.surfaces import Scale

#: How each named objective is drawn as a surface.
HEIGHT_SCALE: dict[str, Scale] = {
    "quadratic": "linear",
    "rosenbrock": "log",
    "himmelblau": "log",
    "beale": "log",
}


def height_scale(objective: Objective) -> Scale:
    """The height scale ``objective`` is drawn with (linear when it has no entry)."""
    return HEIGHT_SCALE.get(objective.name, "linear")
