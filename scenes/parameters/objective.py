"""The objective and Hessian parameters shared by the calculus and optimization scenes,
declared once: a scene's parameter dataclass subclasses :class:`ObjectiveParams`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from mlmath_viz.objectives import NAMED, is_symmetric_positive_definite
from scenes.parameters import Matrix2, ParamError, matrix_text, parameter

DEFAULT_HESSIAN = ((4.0, 1.2), (1.2, 1.0))


def check_hessian(objective: str, hessian: Matrix2) -> None:
    if objective == "quadratic":
        if not is_symmetric_positive_definite(np.array(hessian)):
            raise ParamError(
                f"parameter 'hessian' got {matrix_text(hessian)}; allowed: a symmetric "
                "positive definite 2x2 matrix (a > 0 and ac - b^2 > 0 for [[a, b], [b, c]])"
            )
    elif hessian != DEFAULT_HESSIAN:
        raise ParamError(
            f"parameter 'hessian' got {matrix_text(hessian)} with objective '{objective}'; "
            "allowed: only with objective quadratic"
        )


#: What the ``hessian`` parameter is, in every scene that has one.
HESSIAN_HELP = "H of the quadratic f = v^T H v / 2 (symmetric positive definite, row-major)"


def objective_parameter(default: str = "quadratic", help: str = "the function to minimise") -> Any:
    """The ``objective`` parameter: one of the named test functions."""
    return parameter(default, help, choices=NAMED)


@dataclass(frozen=True)
class ObjectiveParams:
    """A named objective and, for the quadratic, its Hessian (checked together).

    Subclasses come first in their field order with these two fields; one that draws a
    different default function overrides ``objective`` with :func:`objective_parameter`.
    """

    objective: str = objective_parameter()
    hessian: Matrix2 = parameter(DEFAULT_HESSIAN, HESSIAN_HELP, low=-100.0, high=100.0)

    def check(self) -> None:
        check_hessian(self.objective, self.hessian)
