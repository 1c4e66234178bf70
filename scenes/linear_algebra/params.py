"""Parameters of the linear algebra scenes, one frozen dataclass per scene in gallery order
(no Manim import: listing and validation stay fast)."""

from __future__ import annotations

from dataclasses import dataclass

from mlmath_viz.eigen import MAX_CONDITION, diagonalizability
from scenes.parameters import Matrix2, ParamError, Vector2, matrix_text, parameter
from scenes.parameters.datasets import IRIS_FEATURES

#: Largest magnitude allowed for a matrix entry. The picture is scaled so that the
#: image fits; past 10 the original unit square would shrink to a few pixels.
MAX_ENTRY = 10.0

#: Largest magnitude of the scalar c in c u.
MAX_SCALAR = 4.0

#: Largest magnitude of an entry of A or B in Composition. The products BA and AB
#: have entries up to 2 * 5 * 5 = 50; the view must fit them and the unit square, which
#: past this would shrink to a few pixels.
MAX_COMPOSITION_ENTRY = 5.0


#: A selection of digit classes: "all", or distinct digits separated by commas.
DIGITS_PATTERN = r"all|[0-9](,[0-9]){0,9}"


@dataclass(frozen=True)
class VectorsParams:
    """Parameters of :class:`scenes.linear_algebra.vectors.Vectors`.

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


@dataclass(frozen=True)
class LinearMapParams:
    """Parameters of :class:`scenes.linear_algebra.linear_map.LinearMap`."""

    matrix: Matrix2 = parameter(
        ((2.0, 1.0), (1.0, 2.0)),
        "the 2x2 matrix A, row-major; its columns are the images of e1 and e2",
        low=-MAX_ENTRY,
        high=MAX_ENTRY,
    )
    run_time: float = parameter(3.0, "seconds the transformation takes to play", low=0.5, high=20.0)


@dataclass(frozen=True)
class CompositionParams:
    """Parameters of :class:`scenes.linear_algebra.composition.Composition`."""

    # The default stretches and then turns (preset rotate-then-shear is the turn and
    # the shear): BA sends e1 to (0, 2), AB sends it to (0, 1), and det 2 shows areas grow.
    first: Matrix2 = parameter(
        ((2.0, 0.0), (0.0, 1.0)),
        "A, the map applied first (2x2, row-major)",
        low=-MAX_COMPOSITION_ENTRY,
        high=MAX_COMPOSITION_ENTRY,
    )
    second: Matrix2 = parameter(
        ((0.0, -1.0), (1.0, 0.0)),
        "B, the map applied second (2x2, row-major); together they are BA",
        low=-MAX_COMPOSITION_ENTRY,
        high=MAX_COMPOSITION_ENTRY,
    )
    run_time: float = parameter(2.0, "seconds each map takes to play", low=0.5, high=10.0)


@dataclass(frozen=True)
class InverseParams:
    """Parameters of :class:`scenes.linear_algebra.inverse.Inverse`."""

    # det A = 2, so the square visibly doubles its area and A^-1 halves it back.
    matrix: Matrix2 = parameter(
        ((2.0, 1.0), (1.0, 1.5)),
        "the 2x2 matrix A to apply and then undo, row-major",
        low=-MAX_ENTRY,
        high=MAX_ENTRY,
    )
    run_time: float = parameter(2.0, "seconds each map takes to play", low=0.5, high=10.0)


@dataclass(frozen=True)
class EigenvectorsParams:
    """Parameters of :class:`scenes.linear_algebra.eigenvectors.Eigenvectors`."""

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
    """Parameters of :class:`scenes.linear_algebra.change_of_basis.ChangeOfBasis`."""

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
                f"parameter 'matrix' got {matrix_text(self.matrix)}, which has {found.reason}; "
                "allowed: a diagonalizable matrix, real eigenvalues with two independent "
                f"eigenvectors (condition number of P at most {MAX_CONDITION:g})"
            )


@dataclass(frozen=True)
class SVDParams:
    """Parameters of :class:`scenes.linear_algebra.svd.SVD`."""

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


@dataclass(frozen=True)
class PCAParams:
    """Parameters of :class:`scenes.linear_algebra.pca.PCA`."""

    standardize: bool = parameter(
        False,
        "divide every measurement by its standard deviation first (z-scores), so no feature "
        "dominates by its units alone",
    )
    x_feature: str = parameter(
        "sepal_length", "the Iris measurement on the horizontal axis", choices=IRIS_FEATURES
    )
    y_feature: str = parameter(
        "petal_length", "the Iris measurement on the vertical axis", choices=IRIS_FEATURES
    )
    ellipse_sd: float = parameter(
        2.0,
        "size of the covariance ellipse in standard deviations along each principal axis",
        low=0.5,
        high=3.0,
    )

    def check(self) -> None:
        if self.x_feature == self.y_feature:
            raise ParamError(
                f"parameter 'y_feature' got {self.y_feature!r}; allowed: a feature other "
                f"than x_feature ({self.x_feature!r})"
            )


@dataclass(frozen=True)
class PCADigitsParams:
    """Parameters of :class:`scenes.linear_algebra.pca_digits.PCADigits`."""

    digits: str = parameter(
        "all",
        "the digit classes to analyse: all, or distinct digits like 0,1,7 (PCA is fitted "
        "to those images only)",
        pattern=DIGITS_PATTERN,
    )
    standardize: bool = parameter(
        False, "divide every pixel by its standard deviation first (constant pixels stay 0)"
    )

    def classes(self) -> tuple[int, ...]:
        """The selected digits, ascending."""
        if self.digits == "all":
            return tuple(range(10))
        return tuple(sorted(int(d) for d in self.digits.split(",")))

    def check(self) -> None:
        if self.digits == "all":
            return
        chosen = self.digits.split(",")
        if len(set(chosen)) != len(chosen):
            raise ParamError(
                f"parameter 'digits' got {self.digits!r}; allowed: distinct digits "
                "(each at most once)"
            )


@dataclass(frozen=True)
class QuadraticFormParams:
    """Parameters of :class:`scenes.linear_algebra.quadratic_form.QuadraticForm`.

    ``matrix`` must be symmetric (a quadratic form only sees (A + A^T)/2, so a
    non-symmetric A would be drawn as another matrix) and not numerically zero (q = 0
    everywhere has no level curves): ``check`` rejects both with exit 2.
    """

    # Eigenvalues 1 and 3 on the diagonals: tilted ellipses, a bowl.
    matrix: Matrix2 = parameter(
        ((2.0, 1.0), (1.0, 2.0)),
        "the symmetric 2x2 matrix A of q(x) = x^T A x, row-major",
        low=-MAX_ENTRY,
        high=MAX_ENTRY,
    )
    draw_time: float = parameter(2.0, "seconds the level sets take to draw", low=0.5, high=10.0)

    def check(self) -> None:
        from mlmath_viz.quadratic_forms import is_symmetric, is_zero, principal_axes

        if not is_symmetric(self.matrix):
            raise ParamError(
                f"parameter 'matrix' got {matrix_text(self.matrix)}; allowed: a symmetric "
                "matrix, a12 = a21 (a quadratic form x^T A x only sees (A + A^T)/2)"
            )
        if all(is_zero(x, self.matrix) for x in principal_axes(self.matrix).eigenvalues):
            raise ParamError(
                f"parameter 'matrix' got {matrix_text(self.matrix)}; allowed: a non-zero "
                "matrix (for A = 0, q = 0 everywhere and there are no level curves)"
            )
