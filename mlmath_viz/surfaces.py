"""Heights of a surface plot: the function itself, or a log scale for steep ones.

A surface :math:`z = h(f(x, y))` with :math:`h(f) = f` keeps slopes as they are; for
functions whose values span several decades (Rosenbrock, Himmelblau, Beale) the plot
uses :math:`h(f) = \\log(1 + f - f_{min})`, whose slope is
:math:`\\partial h/\\partial x = f_x / (1 + f - f_{min})`.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlmath_viz.objectives import Objective

FloatArray = NDArray[np.float64]

#: How each named objective is drawn as a surface.
HEIGHT_SCALE = {"quadratic": "linear", "rosenbrock": "log", "himmelblau": "log", "beale": "log"}


def height(objective: Objective, values: ArrayLike) -> FloatArray:
    """:math:`h(f)` for the objective's height scale (see the module docstring)."""
    f = np.asarray(values, dtype=np.float64)
    if HEIGHT_SCALE.get(objective.name, "linear") == "log":
        out: FloatArray = np.log1p(np.maximum(f - objective.minimum, 0.0))
        return out
    return f


def height_gradient(objective: Objective, point: ArrayLike) -> FloatArray:
    """:math:`\\nabla h(f(x, y))` by the chain rule: :math:`h'(f)\\, \\nabla f`."""
    g = objective.gradient(point)
    if HEIGHT_SCALE.get(objective.name, "linear") == "log":
        out: FloatArray = g / (1.0 + max(objective.value(point) - objective.minimum, 0.0))
        return out
    return g
