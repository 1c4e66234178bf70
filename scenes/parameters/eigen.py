"""Parameters of the eigen scenes: eigenvectors and diagonalization."""

from __future__ import annotations

from dataclasses import dataclass

from mlmath_viz.eigen import MAX_CONDITION, diagonalizability
from scenes.parameters import Matrix2, ParamError, parameter

#: Largest magnitude allowed for a matrix entry (as for LinearMap).
MAX_ENTRY = 10.0


def _matrix_text(m: Matrix2) -> str:
    return "[" + ", ".join("[" + ", ".join(f"{x:g}" for x in row) + "]" for row in m) + "]"


@dataclass(frozen=True)
class EigenvectorsParams:
    """Parameters of :class:`scenes.eigen.Eigenvectors`."""

    matrix: Matrix2 = parameter(
        ((2.0, 1.0), (0.5, 1.5)),
        "the 2x2 matrix A, row-major, applied to a ring of unit vectors",
        low=-MAX_ENTRY,
        high=MAX_ENTRY,
    )
    arrows: int = parameter(
        12, "evenly spaced unit vectors in the ring (eigen-directions are added)", low=8, high=24
    )
    run_time: float = parameter(3.0, "seconds the transformation takes to play", low=0.5, high=20.0)


@dataclass(frozen=True)
class ChangeOfBasisParams:
    """Parameters of :class:`scenes.eigen.ChangeOfBasis`."""

    matrix: Matrix2 = parameter(
        ((1.5, 0.5), (1.0, 1.0)),
        "the diagonalizable 2x2 matrix A = P D P^-1, row-major",
        low=-MAX_ENTRY,
        high=MAX_ENTRY,
    )
    run_time: float = parameter(2.0, "seconds each of the three moves takes", low=0.5, high=20.0)

    def check(self) -> None:
        found = diagonalizability(self.matrix)
        if not found.ok:
            raise ParamError(
                f"parameter 'matrix' got {_matrix_text(self.matrix)}, which has {found.reason}; "
                "allowed: a diagonalizable matrix, real eigenvalues with two independent "
                f"eigenvectors (condition number of P at most {MAX_CONDITION:g})"
            )


#: The eigen scenes, in gallery order, with their parameter types.
SCENE_PARAMS: dict[str, type] = {
    "Eigenvectors": EigenvectorsParams,
    "ChangeOfBasis": ChangeOfBasisParams,
}
