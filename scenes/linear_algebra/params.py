"""Parameters of the linear algebra scenes, one frozen dataclass per scene in gallery order
(no Manim import: listing and validation stay fast)."""

from __future__ import annotations

from dataclasses import dataclass

from mlmath_viz.eigen import MAX_CONDITION, diagonalizability
from mlmath_viz.regression import DIABETES_FEATURES
from scenes.parameters import Ints, Matrix, Matrix2, ParamError, Vector2, matrix_text, parameter
from scenes.parameters.data import (
    Table,
    data_parameter,
    feature_target_table,
    numeric_columns,
    table,
)
from scenes.parameters.datasets import IRIS_FEATURES

#: Most columns of PCA's full analysis from a file (one bar each in the panel's chart).
PCA_MAX_FEATURES = 5
#: Most groups PCA colours (the series colours left beside the principal axes').
PCA_MAX_GROUPS = 5

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
        "sepal_length",
        "the Iris measurement on the horizontal axis; with data, a numeric column",
        choices=IRIS_FEATURES,
        choices_unless="data",
    )
    y_feature: str = parameter(
        "petal_length",
        "the Iris measurement on the vertical axis; with data, a numeric column",
        choices=IRIS_FEATURES,
        choices_unless="data",
    )
    ellipse_sd: float = parameter(
        2.0,
        "size of the covariance ellipse in standard deviations along each principal axis",
        low=0.5,
        high=3.0,
    )
    data: str = data_parameter("Iris")
    features: str = parameter(
        "",
        "comma-separated columns of the full PCA (x_feature and y_feature among them, "
        f"at most {PCA_MAX_FEATURES}); empty: every numeric column",
        pattern=r"[^\x00-\x1f]*",
    )
    group: str = parameter(
        "",
        "the column whose values colour the points (at most "
        f"{PCA_MAX_GROUPS} values); empty: the species for the Iris data, one colour for a "
        "file",
        pattern=r"[^\x00-\x1f]*",
    )

    def check(self) -> None:
        if self.x_feature == self.y_feature:
            raise ParamError(
                f"parameter 'y_feature' got {self.y_feature!r}; allowed: a feature other "
                f"than x_feature ({self.x_feature!r})"
            )
        for name in ("features", "group"):
            if getattr(self, name) and not self.data:
                raise ParamError(
                    f"parameter '{name}' got {getattr(self, name)!r}; allowed: empty without "
                    "data (the Iris data's four measurements, coloured by species)"
                )
        if self.data:
            self.table()

    def feature_list(self, numeric: list[str] | None = None) -> list[str]:
        """The columns of the full PCA: ``features``, else ``numeric`` (every numeric
        column of the file), else the four Iris measurements."""
        if self.features:
            return list(dict.fromkeys(f.strip() for f in self.features.split(",") if f.strip()))
        return list(numeric) if numeric is not None else list(IRIS_FEATURES)

    def table(self) -> tuple[Table, list[str], str]:
        """The rows (the full PCA's columns and the group), the feature list and the group
        column ("" for none), checked; the shipped Iris data when ``data`` is empty."""
        if not self.data:
            tab = table("", "iris", numeric=IRIS_FEATURES, categorical=("species",))
            return tab, list(IRIS_FEATURES), "species"
        numeric = None if self.features else numeric_columns(self.data)
        features = self.feature_list(numeric)
        for name in (self.x_feature, self.y_feature):
            if name not in features:
                which = "x_feature" if name == self.x_feature else "y_feature"
                raise ParamError(
                    f"parameter '{which}' got {name!r}: data {self.data!r} has no numeric "
                    f"column of that name among the PCA's features ({', '.join(features)})"
                )
        if len(features) > PCA_MAX_FEATURES:
            raise ParamError(
                f"parameter 'features' got {len(features)} columns of data {self.data!r}; "
                f"allowed: at most {PCA_MAX_FEATURES} (name them with features=a,b,c)"
            )
        names = {f: "features" for f in features}
        names.update({self.x_feature: "x_feature", self.y_feature: "y_feature"})
        if self.group:
            names[self.group] = "group"
        tab = table(
            self.data,
            "iris",
            numeric=features,
            categorical=(self.group,) if self.group else (),
            min_rows=3,
            columns=names,
        )
        if self.group:
            count = tab.frame[self.group].nunique()
            if count > PCA_MAX_GROUPS:
                raise ParamError(
                    f"parameter 'group' got {self.group!r}: data {self.data!r} has {count} "
                    f"values in that column; allowed: at most {PCA_MAX_GROUPS} (one colour each)"
                )
        return tab, features, self.group


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


#: Largest magnitude of an entry of Norms' vector and centre: the L1 ball grown to reach
#: (5, 5) has its corners at 10, and the view still shows the unit balls 36 px across.
MAX_NORMS_ENTRY = 5.0
#: Largest p of Norms' extra Lp norm (past it the ball is the square to a pixel).
MAX_NORM_P = 100.0
#: Norms' radius range: below 0.25 the balls are a few pixels wide.
NORMS_RADIUS_RANGE = (0.25, 5.0)
#: Norms' radius is at least the centre's largest coordinate over this: the view fits
#: c, and a ball much smaller than c's distance would be a speck beside it.
NORMS_CENTER_TO_RADIUS = 8.0


@dataclass(frozen=True)
class NormsParams:
    """Parameters of :class:`scenes.linear_algebra.norms.Norms`."""

    vector: Vector2 = parameter(
        (2.0, 1.0),
        "the vector v whose length is measured in each norm (the zero vector has length 0)",
        low=-MAX_NORMS_ENTRY,
        high=MAX_NORMS_ENTRY,
    )
    p: float = parameter(
        3.0, "the exponent p >= 1 of the extra norm ||x||_p", low=1.0, high=MAX_NORM_P
    )
    center: Vector2 = parameter(
        (2.0, 0.5),
        "the point c whose closest point inside each ball of the radius is found",
        low=-MAX_NORMS_ENTRY,
        high=MAX_NORMS_ENTRY,
    )
    radius: float = parameter(
        1.0,
        "the radius r > 0 of the L1 and L2 balls (the budget ||x|| <= r)",
        low=NORMS_RADIUS_RANGE[0],
        high=NORMS_RADIUS_RANGE[1],
    )

    def check(self) -> None:
        far = max(abs(self.center[0]), abs(self.center[1]))
        if self.radius * NORMS_CENTER_TO_RADIUS < far:
            raise ParamError(
                f"parameter 'radius' got {self.radius:g}; allowed: at least "
                f"{far / NORMS_CENTER_TO_RADIUS:g}, 1/{NORMS_CENTER_TO_RADIUS:g} of the center's "
                f"largest coordinate {far:g}, so that the balls are more than a speck beside c"
            )


#: Largest coordinate of a point the LinearSystem row picture must show (the solution,
#: the minimum-norm or least-squares solution, each equation's point nearest the
#: origin): past it the lines near the origin and the columns would be a few pixels.
MAX_SYSTEM_EXTENT = 20.0


@dataclass(frozen=True)
class LinearSystemParams:
    """Parameters of :class:`scenes.linear_algebra.linear_system.LinearSystem`.

    ``check`` refuses (exit 2) the zero matrix (neither picture has a line to draw) and
    systems whose solution, or an equation's line, lies beyond
    ``MAX_SYSTEM_EXTENT`` in a coordinate (a nearly singular matrix: the picture would
    shrink everything near the origin to a few pixels).
    """

    # 2 x1 + x2 = 4 and x1 + 3 x2 = 7 meet at (1, 2): b = 1 a1 + 2 a2.
    matrix: Matrix2 = parameter(
        ((2.0, 1.0), (1.0, 3.0)),
        "the 2x2 matrix A of A x = b, row-major (each row one equation)",
        low=-MAX_ENTRY,
        high=MAX_ENTRY,
    )
    b: Vector2 = parameter((4.0, 7.0), "the right-hand side b", low=-MAX_ENTRY, high=MAX_ENTRY)
    run_time: float = parameter(1.5, "seconds each drawing step takes", low=0.5, high=10.0)

    def check(self) -> None:
        from mlmath_viz.linear_systems import furthest_point, solve_system

        if all(x == 0 for row in self.matrix for x in row):
            raise ParamError(
                "parameter 'matrix' got [[0, 0], [0, 0]]; allowed: a matrix with a non-zero "
                "entry (with A = 0 no equation has a line and no column a direction)"
            )
        summary = solve_system(self.matrix, self.b)
        reach = furthest_point(summary)
        if reach > MAX_SYSTEM_EXTENT:
            raise ParamError(
                f"parameter 'matrix' got {matrix_text(self.matrix)}, which with b = "
                f"[{self.b[0]:g}, {self.b[1]:g}] puts the solution or an equation's line "
                f"{reach:.3g} from the origin; allowed: a system whose points lie within "
                f"{MAX_SYSTEM_EXTENT:g} of it in each coordinate (a nearly singular A is too "
                "close to parallel lines to draw)"
            )


#: Most ranks LowRankApproximation steps through (one beat each).
MAX_RANKS = 8
#: Pixels of an 8x8 digit: the largest rank.
DIGIT_PIXELS = 64
#: Images in scikit-learn's digits data set.
DIGIT_IMAGES = 1797


@dataclass(frozen=True)
class LowRankApproximationParams:
    """Parameters of
    :class:`scenes.linear_algebra.low_rank_approximation.LowRankApproximation`."""

    digit_index: int = parameter(
        0,
        f"which of the {DIGIT_IMAGES} digits to rebuild (0 is a handwritten 0)",
        low=0,
        high=DIGIT_IMAGES - 1,
    )
    ranks: Ints = parameter(
        (1, 2, 5, 10, 20, 64),
        f"the numbers k of principal components to rebuild from, increasing, each in "
        f"1..{DIGIT_PIXELS} (one step each)",
        low=1,
        high=DIGIT_PIXELS,
        max_shape=(MAX_RANKS,),
    )

    def check(self) -> None:
        if any(b <= a for a, b in zip(self.ranks, self.ranks[1:], strict=False)):
            shown = ",".join(str(k) for k in self.ranks)
            raise ParamError(
                f"parameter 'ranks' got [{shown}]; allowed: strictly increasing ranks "
                "(each k at most once, smallest first)"
            )


#: Largest magnitude of an entry of ``left`` or ``right`` in MatrixMultiplication. A
#: product entry is then at most 4 * 10 * 10 = 400 in size ("-399.84", seven glyphs),
#: and the 4x4-by-4x4 layout with such entries still fits the frame at the kit's sizes.
MAX_PRODUCT_ENTRY = 10.0


@dataclass(frozen=True)
class MatrixMultiplicationParams:
    """Parameters of :class:`scenes.linear_algebra.matrix_multiplication.MatrixMultiplication`.

    ``left`` is m x k and ``right`` k x n (each size 1-4); ``check`` refuses (exit 2) a
    ``right`` whose row count differs from ``left``'s column count.
    """

    # The default is a 2x3 times a 3x2: the product is square though neither factor is.
    left: Matrix = parameter(
        ((1.0, 2.0, 3.0), (4.0, 5.0, 6.0)),
        "A, the m x k matrix on the left (rows of equal length, sizes 1-4)",
        low=-MAX_PRODUCT_ENTRY,
        high=MAX_PRODUCT_ENTRY,
        max_shape=(4, 4),
    )
    right: Matrix = parameter(
        ((2.0, -1.0), (0.0, 3.0), (1.0, 4.0)),
        "B, the k x n matrix on the right: as many rows as A has columns",
        low=-MAX_PRODUCT_ENTRY,
        high=MAX_PRODUCT_ENTRY,
        max_shape=(4, 4),
    )
    step_time: float = parameter(
        2.0, "seconds each highlighted entry or column takes to play", low=0.5, high=6.0
    )

    def check(self) -> None:
        m, k = len(self.left), len(self.left[0])
        rows, n = len(self.right), len(self.right[0])
        if rows != k:
            raise ParamError(
                f"parameter 'right' got a {rows}x{n} matrix, but 'left' is {m}x{k}; allowed: "
                f"a matrix with {k} rows (as many as left has columns), so AB is defined"
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


#: Features of the diabetes data that LeastSquares can put in its column x.
LEAST_SQUARES_FEATURES = tuple(DIABETES_FEATURES)

# LeastSquares reads a CSV file too (issue 21): its rows are then positions in the file.
from mlmath_viz import tables as _tables  # noqa: E402
from scenes.parameters.data import resolve as _resolve  # noqa: E402

#: Patients of scikit-learn's diabetes data: without data, rows are in 0..441.
LEAST_SQUARES_PATIENTS = 442
#: Dropped rows a refusal lists before "...".
LEAST_SQUARES_LISTED = 10


@dataclass(frozen=True)
class LeastSquaresParams:
    """Parameters of :class:`scenes.linear_algebra.least_squares.LeastSquares`.

    ``rows`` are three distinct patients (0-441), or with ``data`` three distinct data
    rows of the file (0-based, every data row counted, the header not); ``check``
    refuses (exit 2) a row past the end or dropped for a missing value, three rows with
    equal feature values (1 and x are then parallel and span only a line, not a plane)
    and three rows on one line (y is then on the plane already and there is no residual
    to show).
    """

    feature: str = parameter(
        "bmi",
        "feature of scikit-learn's diabetes data in the column x; with data, a numeric column",
        choices=LEAST_SQUARES_FEATURES,
        choices_unless="data",
    )
    # Patients 0, 3 and 20: bmi 32.1, 25.3 and 21.1 (well apart, so 1 and x are far from
    # parallel) and progression 151, 206 and 68; the residual is a third of |y|, long
    # enough to see its right angle, and the three-patient slope (6.1) is positive like
    # the slope on all 442 patients (10.2).
    rows: tuple[int, int, int] = parameter(
        (0, 3, 20),
        "three distinct patients (rows of the data, 0-441): the axes of the 3-D picture; "
        "with data, three distinct data rows of the file (0 is the first row under the "
        "header), each with both values",
        low=0,
        high=_tables.MAX_ROWS - 1,
    )
    run_time: float = parameter(1.5, "seconds each mark takes to appear", low=0.5, high=6.0)
    data: str = data_parameter("diabetes")
    target: str = parameter(
        "target",
        "the y column: the diabetes data's target (disease progression); with data, a "
        "numeric column",
        choices=("target",),
        choices_unless="data",
    )

    def check(self) -> None:
        from mlmath_viz.least_squares import on_one_line, spans_plane
        from mlmath_viz.regression import diabetes

        shown = ", ".join(str(r) for r in self.rows)
        if not self.data and max(self.rows) >= LEAST_SQUARES_PATIENTS:
            raise ParamError(
                f"parameter 'rows' got [{shown}]; allowed: 3 comma-separated whole numbers "
                f"each in [0, {LEAST_SQUARES_PATIENTS - 1}] (the diabetes data's "
                f"{LEAST_SQUARES_PATIENTS} patients)"
            )
        if len(set(self.rows)) != 3:
            raise ParamError(
                f"parameter 'rows' got [{shown}]; allowed: three distinct patients (each "
                "row once: the three are the axes of R^3)"
            )
        if self.data:
            tab, picked = self.sample()
            x = tab.frame[self.feature].to_numpy(dtype=float)[list(picked)]
            y = tab.frame[self.target].to_numpy(dtype=float)[list(picked)]
            who = "rows"
        else:
            data = diabetes(self.feature)
            x, y = data.x[list(self.rows)], data.y[list(self.rows)]
            who = "patients"
        if not spans_plane(x):
            raise ParamError(
                f"parameter 'rows' got [{shown}]; allowed: {who} whose {self.feature} "
                f"values are not all equal (all three are {x[0]:g}, so x is a multiple of 1 "
                "and the two columns span only a line, not a plane)"
            )
        if on_one_line(x, y):
            raise ParamError(
                f"parameter 'rows' got [{shown}]; allowed: {who} not on one line (these "
                "three lie on one line, so y is on the plane and there is no residual)"
            )

    def sample(self) -> tuple[Table, tuple[int, int, int]]:
        """The table (x and y columns, the rows with both values) and the positions of
        the three ``rows`` in it, checked; the shipped diabetes data when ``data`` is
        empty (no row is dropped there, so the positions are ``rows``).

        Raises
        ------
        ParamError
            For equal feature and target columns, and (with data) a row past the end of
            the file or dropped for a missing value, naming the row and the row counts.
        """
        tab = feature_target_table(self.data, self.feature, self.target)
        if not self.data:
            return tab, self.rows
        raw, _ = _tables.load_csv(_resolve(self.data))
        total = len(raw)
        complete = raw[[self.feature, self.target]].notna().all(axis=1).to_numpy()
        shown = ", ".join(str(r) for r in self.rows)
        for r in self.rows:
            if r >= total:
                raise ParamError(
                    f"parameter 'rows' got [{shown}]: data {self.data!r} has {total} data "
                    f"rows (0-{total - 1}, the header not counted); row {r} is past the end"
                )
        for r in self.rows:
            if not complete[r]:
                empty = [c for c in (self.feature, self.target) if raw[c].isna().to_numpy()[r]]
                dropped = [int(i) for i in (~complete).nonzero()[0]]
                listed = ", ".join(str(i) for i in dropped[:LEAST_SQUARES_LISTED])
                more = ", ..." if len(dropped) > LEAST_SQUARES_LISTED else ""
                raise ParamError(
                    f"parameter 'rows' got [{shown}]: row {r} of data {self.data!r} has no "
                    f"{' and no '.join(repr(c) for c in empty)} value and is dropped; "
                    f"{int(complete.sum())} of its {total} data rows have both (rows dropped: "
                    f"{listed}{more})"
                )
        position = complete.cumsum() - 1  # each complete row's place in the table
        a, b, c = (int(position[r]) for r in self.rows)
        return tab, (a, b, c)


# -- GramSchmidt (scenes/linear_algebra/gram_schmidt.py) ------------------------------

#: Shortest non-zero column GramSchmidt draws: with entries up to 10 (columns up to 17.3
#: long) and the unit vectors q beside them, a shorter column would be drawn a few pixels
#: long. A zero column (after the first) is allowed: it is dependent.
MIN_GRAM_SCHMIDT_LENGTH = 0.1


@dataclass(frozen=True)
class GramSchmidtParams:
    """Parameters of :class:`scenes.linear_algebra.gram_schmidt.GramSchmidt`.

    ``vectors`` holds the vectors a_1, a_2 (, a_3) as its COLUMNS, in R^2 or R^3 (2 or 3
    rows, 2 or 3 columns). ``check`` refuses (exit 2) other shapes, a zero first column
    (there is no first direction), and a non-zero column shorter than
    :data:`MIN_GRAM_SCHMIDT_LENGTH`. A column in the span of the earlier ones is drawn
    (its remainder is zero) and gives no direction: see the scene's docstring.
    """

    # a1 = (3, 1), a2 = (2, 3): 37 degrees apart, so the projection of a2 onto q1,
    # q1 . a2 = 9 / sqrt(10) = 2.85, and the remainder (-0.7, 2.1) are both long.
    vectors: Matrix = parameter(
        ((3.0, 2.0), (1.0, 3.0)),
        "A, whose 2 or 3 COLUMNS are the vectors a_j, in R^2 or R^3 (2 or 3 rows), as "
        "rows of nested lists",
        low=-MAX_ENTRY,
        high=MAX_ENTRY,
        max_shape=(3, 3),
    )
    run_time: float = parameter(1.5, "seconds each mark takes to appear", low=0.5, high=6.0)

    def check(self) -> None:
        import math

        rows, cols = len(self.vectors), len(self.vectors[0])
        shown = "[" + ", ".join("[" + ", ".join(f"{x:g}" for x in r) + "]" for r in self.vectors)
        shown += "]"
        if rows not in (2, 3) or cols not in (2, 3):
            raise ParamError(
                f"parameter 'vectors' got a {rows}x{cols} matrix; allowed: 2 or 3 rows (R^2 "
                "or R^3) and 2 or 3 columns (the vectors), e.g. [[3, 2], [1, 3]]"
            )
        lengths = [math.hypot(*(r[j] for r in self.vectors)) for j in range(cols)]
        if lengths[0] == 0:
            raise ParamError(
                f"parameter 'vectors' got {shown}; allowed: a non-zero first column (a_1 "
                "gives the first direction q_1 = a_1 / |a_1|)"
            )
        for j, length in enumerate(lengths):
            if 0 < length < MIN_GRAM_SCHMIDT_LENGTH:
                raise ParamError(
                    f"parameter 'vectors' got {shown}; allowed: columns of length at least "
                    f"{MIN_GRAM_SCHMIDT_LENGTH:g} or exactly zero (column {j + 1} is "
                    f"{length:.3g} long: too short to draw beside the unit vectors q)"
                )
