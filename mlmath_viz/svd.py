"""The singular value decomposition of a 2x2 matrix, one geometric step at a time.

Every 2x2 matrix factors as

.. math::

    A = U \\Sigma V^\\top, \\qquad
    \\Sigma = \\begin{pmatrix} \\sigma_1 & 0 \\\\ 0 & \\sigma_2 \\end{pmatrix},
    \\quad \\sigma_1 \\ge \\sigma_2 \\ge 0,

with :math:`U` and :math:`V` orthogonal. Read right to left it is a story about the
unit circle: :math:`V^\\top` turns (or mirrors) the plane so the right singular
vectors :math:`v_1, v_2` land on the axes, :math:`\\Sigma` stretches along the axes
into an ellipse with semi-axes :math:`\\sigma_1, \\sigma_2`, and :math:`U` turns (or
mirrors) that ellipse into place, so :math:`A v_i = \\sigma_i u_i`.

Sign convention (documented, so pictures do not flip between library versions)
------------------------------------------------------------------------------
- Singular values are in descending order.
- Each right singular vector (each row of :math:`V^\\top`) has its largest-magnitude
  entry positive (:func:`mlmath_viz.signs.flip_sign`, as scikit-learn's ``svd_flip``).
- When :math:`\\sigma_1 = \\sigma_2` every direction is a right singular vector
  (:math:`A` is a multiple of an orthogonal matrix); then :math:`V = I`.
- :math:`u_1 = A v_1 / \\sigma_1`. For rank 2, :math:`u_2 = A v_2 / \\sigma_2`, computed
  as :math:`u_2 = \\operatorname{sign}(\\det A)\\det(V^\\top)\\, u_1^\\perp` with
  :math:`u^\\perp = (-u_y, u_x)` (the same vector, without dividing by a small
  :math:`\\sigma_2`). So :math:`\\det U \\det V^\\top = \\operatorname{sign}(\\det A)`:
  when :math:`\\det A < 0` exactly one of :math:`U, V^\\top` is a reflection, and when
  :math:`\\det A > 0` either both are rotations or both are reflections (the sign rule
  on :math:`v_2` decides; e.g. the shear ``[[1, 1], [0, 1]]`` has :math:`v_1` nearer
  the y axis and both factors reflect).
- For a zero singular value (rank 1), :math:`u_2` is not determined by :math:`A`; it is
  :math:`\\operatorname{flip\\_sign}(u_1^\\perp)`, the same sign rule as every other
  singular vector. For the zero matrix :math:`U = V = I`.
- A singular value counts as zero below ``ZERO_TOLERANCE * max(1, max |a_ij|)``, the
  rule of :func:`mlmath_viz.linear_maps.rank`.

Reference: Golub & Van Loan, *Matrix Computations*, 4th ed., section 2.4; scipy's
``scipy.linalg.svd`` and numpy's ``numpy.linalg.svd`` compute the same factors up to
the signs of the singular vectors.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlmath_viz.linear_maps import ZERO_TOLERANCE, as_matrix2, determinant
from mlmath_viz.signs import flip_sign

FloatArray = NDArray[np.float64]
Pair = tuple[float, float]
Matrix = tuple[Pair, Pair]

#: Relative gap :math:`(\\sigma_1^2 - \\sigma_2^2) / (\\sigma_1^2 + \\sigma_2^2)` under
#: which the two singular values count as equal, so that :math:`V = I` is chosen.
ISOTROPIC_TOLERANCE = 1e-12
#: Points on the unit circle sampled for each stage (a multiple of 4, so that
#: :math:`\\pm v_1, \\pm v_2` are among them).
CIRCLE_POINTS = 64
#: Names of the stages of the unit circle, in order.
STAGES = ("circle", "after_vt", "after_sigma", "after_u")


def _tuple2(m: FloatArray) -> Matrix:
    return ((float(m[0, 0]), float(m[0, 1])), (float(m[1, 0]), float(m[1, 1])))


def _perp(v: FloatArray) -> FloatArray:
    """The quarter turn counter-clockwise, :math:`(x, y) \\mapsto (-y, x)`."""
    return np.array([-v[1], v[0]], dtype=np.float64)


@dataclass(frozen=True)
class OrthogonalFactor:
    """A 2x2 orthogonal matrix as a rotation or a reflection.

    A rotation by :math:`\\theta` (determinant +1) is
    :math:`\\begin{pmatrix}c & -s\\\\ s & c\\end{pmatrix}` with
    :math:`c = \\cos\\theta, s = \\sin\\theta`; a reflection in the line through the
    origin at angle :math:`\\alpha` (determinant -1) is
    :math:`\\begin{pmatrix}c & s\\\\ s & -c\\end{pmatrix}` with
    :math:`c = \\cos 2\\alpha, s = \\sin 2\\alpha`.
    ``angle`` is :math:`\\theta \\in (-\\pi, \\pi]` for a rotation and the mirror line's
    angle :math:`\\alpha \\in (-\\pi/2, \\pi/2]` for a reflection, in radians.
    """

    matrix: Matrix
    reflects: bool
    angle: float

    @property
    def angle_degrees(self) -> float:
        """``angle`` in degrees."""
        return math.degrees(self.angle)

    @property
    def axis(self) -> Pair:
        """Unit vector along the mirror line (a reflection) or the image of e1 (a rotation)."""
        return (math.cos(self.angle), math.sin(self.angle))

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON description for the sidecar."""
        return {
            "kind": "reflection" if self.reflects else "rotation",
            "angle_deg": self.angle_degrees,
        }


def orthogonal_factor(matrix: ArrayLike) -> OrthogonalFactor:
    """Classify an orthogonal 2x2 matrix as a rotation (with its angle) or a reflection
    (with its mirror line's angle).

    With :math:`\\varphi = \\operatorname{atan2}(q_{21}, q_{11})` (the angle of
    :math:`Q e_1`), a rotation turns by :math:`\\varphi` and a reflection mirrors in the
    line at :math:`\\varphi / 2`.

    Raises
    ------
    ValueError
        If ``matrix`` is not orthogonal to within ``1e-9``.
    """
    q = as_matrix2(matrix)
    if not np.allclose(q.T @ q, np.eye(2), rtol=0, atol=1e-9):
        raise ValueError(f"matrix is not orthogonal: {q.tolist()}")
    phi = math.atan2(float(q[1, 0]), float(q[0, 0]))
    reflects = determinant(q) < 0
    if reflects:
        alpha = phi / 2
        if alpha <= -math.pi / 2 + 1e-15:  # keep the line's angle in (-pi/2, pi/2]
            alpha += math.pi
        return OrthogonalFactor(_tuple2(q), True, alpha + 0.0)
    if phi <= -math.pi + 1e-15:
        phi = math.pi
    return OrthogonalFactor(_tuple2(q), False, phi + 0.0)


@dataclass(frozen=True)
class SVD2:
    """The singular value decomposition :math:`A = U \\Sigma V^\\top` of a 2x2 matrix.

    ``u`` holds the left singular vectors as columns, ``vt`` the right singular vectors
    as rows (numpy's layout); see the module docstring for the sign convention.
    """

    matrix: Matrix
    singular_values: Pair
    u: Matrix
    vt: Matrix
    rank: int
    determinant: float
    #: True when :math:`\\sigma_1 = \\sigma_2` (to :data:`ISOTROPIC_TOLERANCE`): A is a
    #: multiple of an orthogonal matrix, every direction is stretched alike and V = I.
    equal_singular_values: bool

    @property
    def u_factor(self) -> OrthogonalFactor:
        """:math:`U` as a rotation or reflection."""
        return orthogonal_factor(self.u)

    @property
    def vt_factor(self) -> OrthogonalFactor:
        """:math:`V^\\top` as a rotation or reflection."""
        return orthogonal_factor(self.vt)

    @property
    def reflection(self) -> str:
        """Which factors reflect: ``"none"``, ``"Vt"``, ``"U"`` or ``"both"``."""
        u, vt = self.u_factor.reflects, self.vt_factor.reflects
        return {(False, False): "none", (False, True): "Vt", (True, False): "U"}.get(
            (u, vt), "both"
        )

    @property
    def condition_number(self) -> float:
        """:math:`\\kappa = \\sigma_1 / \\sigma_2`; infinite when the rank is below 2."""
        s1, s2 = self.singular_values
        return s1 / s2 if self.rank == 2 else math.inf

    def sigma(self) -> FloatArray:
        """:math:`\\Sigma` as an array."""
        return np.diag(np.array(self.singular_values, dtype=np.float64))

    def right_vectors(self) -> FloatArray:
        """:math:`v_1, v_2` as rows."""
        return np.array(self.vt, dtype=np.float64)

    def left_vectors(self) -> FloatArray:
        """:math:`u_1, u_2` as rows (the columns of :math:`U`)."""
        return np.array(self.u, dtype=np.float64).T.copy()

    def stage_matrices(self) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
        """The map from the unit circle to each stage: :math:`I, V^\\top, \\Sigma V^\\top,
        U \\Sigma V^\\top`."""
        vt = np.array(self.vt, dtype=np.float64)
        svt = self.sigma() @ vt
        return np.eye(2), vt, svt, np.array(self.u, dtype=np.float64) @ svt

    def stage_points(self, points: ArrayLike) -> FloatArray:
        """Images of ``points`` (rows) at each stage; shape ``(4, n, 2)``, see :data:`STAGES`."""
        p = np.asarray(points, dtype=np.float64).reshape(-1, 2)
        return np.array([p @ m.T for m in self.stage_matrices()])

    def stage_vectors(self) -> FloatArray:
        """Where :math:`v_1, v_2` are at each stage: :math:`v_i`, :math:`e_i`,
        :math:`\\sigma_i e_i`, :math:`\\sigma_i u_i`; shape ``(4, 2, 2)``."""
        s = np.array(self.singular_values, dtype=np.float64)[:, None]
        return np.array([self.right_vectors(), np.eye(2), s * np.eye(2), s * self.left_vectors()])

    def circle(self, n: int = CIRCLE_POINTS) -> FloatArray:
        """``n`` points of the unit circle, counter-clockwise, starting at :math:`v_1`.

        With ``n`` a multiple of 4 the samples include :math:`\\pm v_1` and
        :math:`\\pm v_2`, which land on the ellipse's axes.
        """
        v1 = self.right_vectors()[0]
        return circle_points(n, math.atan2(float(v1[1]), float(v1[0])))

    def to_json(self, n: int = CIRCLE_POINTS) -> dict[str, Any]:
        """Plain-JSON numbers for the sidecar's ``data`` field."""
        kappa = self.condition_number
        return {
            "matrix": [list(r) for r in self.matrix],
            "singular_values": list(self.singular_values),
            "U": [list(r) for r in self.u],
            "Vt": [list(r) for r in self.vt],
            "right_singular_vectors": self.right_vectors().tolist(),
            "left_singular_vectors": self.left_vectors().tolist(),
            "rank": self.rank,
            "determinant": self.determinant,
            "condition_number": kappa if math.isfinite(kappa) else None,
            "vt_factor": self.vt_factor.to_json(),
            "u_factor": self.u_factor.to_json(),
            "reflection": self.reflection,
            "equal_singular_values": self.equal_singular_values,
            "stage_names": list(STAGES),
            "stage_vectors": self.stage_vectors().tolist(),
            "stage_points": self.stage_points(self.circle(n)).tolist(),
        }


def circle_points(n: int, start: float = 0.0) -> FloatArray:
    """``n`` equally spaced points :math:`(\\cos t_k, \\sin t_k)`,
    :math:`t_k = \\text{start} + 2\\pi k / n`, as rows."""
    if n < 3:
        raise ValueError(f"need at least 3 points, got {n}")
    t = start + 2 * np.pi * np.arange(n) / n
    return np.column_stack([np.cos(t), np.sin(t)])


def svd2(matrix: ArrayLike) -> SVD2:
    """The SVD of a 2x2 matrix in closed form, with the documented sign convention.

    With :math:`A^\\top A = \\begin{pmatrix} p & q \\\\ q & r \\end{pmatrix}` and
    :math:`h = \\sqrt{(p - r)^2 + 4q^2} = \\sigma_1^2 - \\sigma_2^2`:

    .. math::

        \\sigma_1 = \\sqrt{(p + r + h)/2}, \\qquad
        \\sigma_2 = |\\det A| / \\sigma_1, \\qquad
        v_1 = (\\cos t, \\sin t),\\ t = \\tfrac12 \\operatorname{atan2}(2q, p - r),

    :math:`v_2 = v_1^\\perp`, both then sign-fixed. :math:`\\sigma_2` comes from the
    determinant rather than :math:`\\sqrt{(p + r - h)/2}`, which cancels when
    :math:`A` is nearly singular. :math:`A` is scaled by its largest entry first, so
    :math:`A^\\top A` never overflows.
    """
    a = as_matrix2(matrix)
    det = determinant(a)
    scale = float(np.max(np.abs(a)))
    threshold = ZERO_TOLERANCE * max(1.0, scale)
    if scale == 0.0:
        eye = _tuple2(np.eye(2))
        return SVD2(_tuple2(a), (0.0, 0.0), eye, eye, 0, det, True)
    b = a / scale
    ata = b.T @ b
    p, q, r = float(ata[0, 0]), float(ata[0, 1]), float(ata[1, 1])
    h = math.hypot(p - r, 2.0 * q)
    # det(a / scale): from a itself when its products cannot overflow or underflow
    # (dividing the entries first would round them and spoil a tiny determinant).
    det_b = det / scale / scale if 1e-150 < scale < 1e150 else determinant(b)
    s1_b = math.sqrt(0.5 * (p + r + h))  # singular values of b = a / scale
    s2_b = min(abs(det_b) / s1_b, s1_b)
    s1, s2 = scale * s1_b, scale * s2_b
    equal = h <= ISOTROPIC_TOLERANCE * (p + r)
    if equal:
        t = 0.0  # sigma_1 = sigma_2: every direction works; take V = I
    else:
        t = 0.5 * math.atan2(2.0 * q, p - r)
    direction = np.array([math.cos(t), math.sin(t)])
    v1 = flip_sign(direction)
    v2 = flip_sign(_perp(v1))
    vt = np.array([v1, v2])
    rank = int(s1 > threshold) + int(s2 > threshold)
    if rank == 0:
        u1 = np.array([1.0, 0.0])
    else:
        u1 = b @ v1
        u1 = u1 / np.linalg.norm(u1)
    if rank == 2:
        orientation = math.copysign(1.0, det_b) * math.copysign(1.0, determinant(vt))
        u2 = orientation * _perp(u1)
    elif rank == 1:
        u2 = flip_sign(_perp(u1))
    else:
        u2 = np.array([0.0, 1.0])
    u = np.column_stack([u1, u2]) + 0.0
    return SVD2(_tuple2(a), (s1, s2), _tuple2(u), _tuple2(vt + 0.0), rank, det, equal)


def inverse_image_norms(decomposition: SVD2, points: ArrayLike) -> FloatArray:
    """:math:`|A^{-1} x|` for each row ``x`` of ``points``, through the factors.

    .. math:: |A^{-1} x| = |V \\Sigma^{-1} U^\\top x| = |\\Sigma^{-1} U^\\top x|

    A point is on the image of the unit circle (the ellipse) exactly when this is 1.

    Raises
    ------
    ValueError
        If the rank is below 2 (the image is a segment or a point, not an ellipse).
    """
    if decomposition.rank < 2:
        raise ValueError("A is singular: the image of the circle is not an ellipse")
    x = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    coords = x @ np.array(decomposition.u, dtype=np.float64)  # rows: (u1.x, u2.x)
    scaled = coords / np.array(decomposition.singular_values, dtype=np.float64)
    norms: FloatArray = np.linalg.norm(scaled, axis=1)
    return norms


def principal_coordinates(decomposition: SVD2, points: ArrayLike) -> FloatArray:
    """Coordinates of ``points`` along :math:`u_1, u_2`: rows :math:`(u_1 \\cdot x, u_2 \\cdot x)`.

    On the image of the unit circle the first lies in :math:`[-\\sigma_1, \\sigma_1]`
    and, when :math:`\\sigma_2 = 0`, the second is zero (the image is a segment).
    """
    x = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    coords: FloatArray = x @ np.array(decomposition.u, dtype=np.float64)
    return coords
