"""Heights of a surface plot: the function itself, or a log scale for steep ones.

A surface :math:`z = h(f(x, y))` with :math:`h(f) = f` keeps slopes as they are; for
functions whose values span several decades (Rosenbrock, Himmelblau, Beale) the plot
uses :math:`h(f) = \\log(1 + f - f_{min})`, whose slope is
:math:`\\partial h/\\partial x = f_x / (1 + f - f_{min})`. Which scale an objective is
drawn with is a choice of the picture (``scenes.kit.surfaces.HEIGHT_SCALE``); it is
passed in as ``scale``.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlmath_viz.objectives import Objective

FloatArray = NDArray[np.float64]

Scale = Literal["linear", "log"]


def height(objective: Objective, values: ArrayLike, scale: Scale = "linear") -> FloatArray:
    """:math:`h(f)` on the height ``scale`` (see the module docstring)."""
    f = np.asarray(values, dtype=np.float64)
    if scale == "log":
        out: FloatArray = np.log1p(np.maximum(f - objective.minimum, 0.0))
        return out
    return f


def height_gradient(objective: Objective, point: ArrayLike, scale: Scale = "linear") -> FloatArray:
    """:math:`\\nabla h(f(x, y))` by the chain rule: :math:`h'(f)\\, \\nabla f`."""
    g = objective.gradient(point)
    if scale == "log":
        out: FloatArray = g / (1.0 + max(objective.value(point) - objective.minimum, 0.0))
        return out
    return g
