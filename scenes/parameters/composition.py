"""Parameters of the composition scenes: two maps one after the other, and undoing a map."""

from __future__ import annotations

from dataclasses import dataclass

from scenes.parameters import Matrix2, parameter
from scenes.parameters.linear_algebra import MAX_ENTRY

#: Largest magnitude of an entry of A or B in Composition. The products BA and AB
#: have entries up to 2 * 5 * 5 = 50; the view must fit them and the unit square, which
#: past this would shrink to a few pixels.
MAX_COMPOSITION_ENTRY = 5.0


@dataclass(frozen=True)
class CompositionParams:
    """Parameters of :class:`scenes.composition.Composition`."""

    first: Matrix2 = parameter(
        ((0.0, -1.0), (1.0, 0.0)),
        "A, the map applied first (2x2, row-major)",
        low=-MAX_COMPOSITION_ENTRY,
        high=MAX_COMPOSITION_ENTRY,
    )
    second: Matrix2 = parameter(
        ((1.0, 1.0), (0.0, 1.0)),
        "B, the map applied second (2x2, row-major); together they are BA",
        low=-MAX_COMPOSITION_ENTRY,
        high=MAX_COMPOSITION_ENTRY,
    )
    run_time: float = parameter(2.0, "seconds each map takes to play", low=0.5, high=10.0)


@dataclass(frozen=True)
class InverseParams:
    """Parameters of :class:`scenes.composition.Inverse`."""

    matrix: Matrix2 = parameter(
        ((2.0, 1.0), (1.0, 1.0)),
        "the 2x2 matrix A to apply and then undo, row-major",
        low=-MAX_ENTRY,
        high=MAX_ENTRY,
    )
    run_time: float = parameter(2.0, "seconds each map takes to play", low=0.5, high=10.0)


#: The composition scenes, in gallery order, with their parameter types.
SCENE_PARAMS: dict[str, type] = {"Composition": CompositionParams, "Inverse": InverseParams}
