"""Parameters of the vector scenes."""

from __future__ import annotations

from dataclasses import dataclass

from scenes.parameters import ParamError, Vector2, parameter

#: Largest magnitude allowed for a vector entry. The picture is fitted to the vectors
#: (from 1e-300 up to this), so the bound only keeps the numbers short.
MAX_ENTRY = 10.0
#: Largest magnitude of the scalar c in c u.
MAX_SCALAR = 4.0


@dataclass(frozen=True)
class VectorsParams:
    """Parameters of :class:`scenes.vectors.Vectors`.

    ``u`` and ``v`` must be non-zero: the angle and the cosine similarity of a zero
    vector are undefined, so ``check`` rejects it (exit 2) instead of drawing a guess.
    """

    u: Vector2 = parameter(
        (2.0, 1.0), "the first vector u = (u1, u2), non-zero", low=-MAX_ENTRY, high=MAX_ENTRY
    )
    v: Vector2 = parameter(
        (1.0, 2.0), "the second vector v = (v1, v2), non-zero", low=-MAX_ENTRY, high=MAX_ENTRY
    )
    scalar: float = parameter(
        -1.5,
        "the scalar c of the multiple c u (negative flips u)",
        low=-MAX_SCALAR,
        high=MAX_SCALAR,
    )

    def check(self) -> None:
        for name in ("u", "v"):
            x, y = getattr(self, name)
            if x == 0 and y == 0:
                raise ParamError(
                    f"parameter '{name}' got [0, 0]; allowed: a non-zero vector (the angle "
                    "and the cosine similarity of the zero vector are undefined)"
                )


#: The vector scenes, in gallery order, with their parameter types.
SCENE_PARAMS: dict[str, type] = {"Vectors": VectorsParams}
