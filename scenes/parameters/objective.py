"""The objective and Hessian parameters shared by the calculus and optimization scenes."""

from __future__ import annotations

import numpy as np

from mlmath_viz.objectives import is_symmetric_positive_definite
from scenes.parameters import Matrix2, ParamError

DEFAULT_HESSIAN = ((4.0, 1.2), (1.2, 1.0))


def _matrix_text(m: Matrix2) -> str:
    return "[" + ", ".join("[" + ", ".join(f"{x:g}" for x in row) + "]" for row in m) + "]"


def check_hessian(objective: str, hessian: Matrix2) -> None:
    if objective == "quadratic":
        if not is_symmetric_positive_definite(np.array(hessian)):
            raise ParamError(
                f"parameter 'hessian' got {_matrix_text(hessian)}; allowed: a symmetric "
                "positive definite 2x2 matrix (a > 0 and ac - b^2 > 0 for [[a, b], [b, c]])"
            )
    elif hessian != DEFAULT_HESSIAN:
        raise ParamError(
            f"parameter 'hessian' got {_matrix_text(hessian)} with objective '{objective}'; "
            "allowed: only with objective quadratic"
        )
