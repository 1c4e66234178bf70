"""Parameters of the linear-algebra scenes."""

from __future__ import annotations

from dataclasses import dataclass

from scenes.parameters import Matrix2, parameter

#: Largest magnitude allowed for a matrix entry. The picture is scaled so that the
#: image fits; past 10 the original unit square would shrink to a few pixels.
MAX_ENTRY = 10.0


@dataclass(frozen=True)
class LinearMapParams:
    """Parameters of :class:`scenes.linear_algebra.LinearMap`."""

    matrix: Matrix2 = parameter(
        ((2.0, 1.0), (1.0, 2.0)),
        "the 2x2 matrix A, row-major; its columns are the images of e1 and e2",
        low=-MAX_ENTRY,
        high=MAX_ENTRY,
    )
    run_time: float = parameter(3.0, "seconds the transformation takes to play", low=0.5, high=20.0)


#: The linear-algebra scenes, in gallery order, with their parameter types.
SCENE_PARAMS: dict[str, type] = {"LinearMap": LinearMapParams}
