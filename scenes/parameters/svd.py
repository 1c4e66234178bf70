"""Parameters of the singular value decomposition scene."""

from __future__ import annotations

from dataclasses import dataclass

from scenes.parameters import Matrix2, ParamError, parameter

#: Largest magnitude allowed for a matrix entry (as LinearMap): past 10 the unit circle
#: would shrink to a few pixels next to its image.
MAX_ENTRY = 10.0


@dataclass(frozen=True)
class SVDParams:
    """Parameters of :class:`scenes.svd.SVD`."""

    matrix: Matrix2 = parameter(
        ((2.0, 1.5), (0.0, 1.0)),
        "the 2x2 matrix A = U Sigma V^T, row-major",
        low=-MAX_ENTRY,
        high=MAX_ENTRY,
    )
    step_time: float = parameter(
        2.0, "seconds each of the three moves (V^T, Sigma, U) takes", low=0.5, high=10.0
    )

    def check(self) -> None:
        from mlmath_viz.svd import svd2

        if svd2(self.matrix).rank == 0:
            (a, b), (c, d) = self.matrix
            raise ParamError(
                f"parameter 'matrix' got [[{a:g}, {b:g}], [{c:g}, {d:g}]]; allowed: a matrix "
                "that is not (numerically) zero, some entry larger than 1e-9 in size: the zero "
                "matrix sends the whole circle to the origin and has no singular directions"
            )


#: The SVD scene, with its parameter type.
SCENE_PARAMS: dict[str, type] = {"SVD": SVDParams}
