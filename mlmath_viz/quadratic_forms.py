"""Quadratic forms of the plane: principal axes, classification and level sets.

For a symmetric 2x2 matrix :math:`A` the quadratic form is

.. math::

    q(x) = x^T A x = a x_1^2 + 2 b x_1 x_2 + d x_2^2, \\qquad
    A = \\begin{pmatrix} a & b \\\\ b & d \\end{pmatrix}.

With the orthonormal eigenvectors :math:`v_1, v_2` of :math:`A` (eigenvalues
:math:`\\lambda_1 \\le \\lambda_2`) and :math:`x = u_1 v_1 + u_2 v_2`, it is
:math:`q = \\lambda_1 u_1^2 + \\lambda_2 u_2^2`: the eigenvectors are the principal axes
of every level set, and the signs of the eigenvalues classify the form (Strang,
*Introduction to Linear Algebra*, section 6.5).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mlmath_viz.contours import clip_span
from mlmath_viz.linear_maps import ZERO_TOLERANCE, as_matrix2
from mlmath_viz.signs import flip_sign

FloatArray = NDArray[np.float64]
Box = tuple[tuple[float, float], tuple[float, float]]

#: The five classes, as the sidecar names them.
DEFINITENESS = (
    "positive definite",
    "positive semidefinite",
    "negative definite",
    "negative semidefinite",
    "indefinite",
)

#: The surface z = q(x) of each class.
SHAPES = {
    "positive definite": "bowl",
    "positive semidefinite": "trough",
    "negative definite": "upside-down bowl",
    "negative semidefinite": "upside-down trough",
    "indefinite": "saddle",
}

#: Mantissas of the round level step :func:`form_levels` picks.
LEVEL_MANTISSAS = (1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0)


def _scale(a: FloatArray) -> float:
    return max(1.0, float(np.max(np.abs(a))))


def is_symmetric(matrix: ArrayLike) -> bool:
    """True when :math:`|a_{12} - a_{21}| \\le 10^{-9} \\max(1, \\max |a_{ij}|)`."""
    a = as_matrix2(matrix)
    return bool(abs(a[0, 1] - a[1, 0]) <= ZERO_TOLERANCE * _scale(a))


def quadratic_form(matrix: ArrayLike, points: ArrayLike) -> FloatArray:
    """:math:`q(x) = x^T A x` at each row of ``points`` (shape (n, 2) or (2,))."""
    a = as_matrix2(matrix)
    p = np.asarray(points, dtype=np.float64)
    out: FloatArray = np.einsum("...i,ij,...j->...", p, a, p)
    return out


@dataclass(frozen=True)
class PrincipalAxes:
    """Eigenvalues ascending and unit eigenvectors (rows), largest-magnitude entry positive."""

    eigenvalues: tuple[float, float]
    eigenvectors: tuple[tuple[float, float], tuple[float, float]]


def principal_axes(matrix: ArrayLike) -> PrincipalAxes:
    """Eigen-decomposition of a symmetric 2x2 matrix in closed form.

    .. math::

        \\lambda_{1,2} = m \\mp r, \\quad m = \\tfrac{a + d}{2},\\quad
        r = \\sqrt{\\left(\\tfrac{a - d}{2}\\right)^2 + b^2}, \\qquad
        v_2 = (\\cos\\theta, \\sin\\theta),\\ v_1 = (-\\sin\\theta, \\cos\\theta),\\quad
        \\theta = \\tfrac12 \\operatorname{atan2}(2b, a - d).

    The smaller-magnitude eigenvalue is taken from :math:`\\lambda_1 \\lambda_2 = ad - b^2`
    (Vieta) to avoid cancellation. Each vector is sign-fixed by
    :func:`~mlmath_viz.signs.flip_sign`; for :math:`A = \\lambda I` they are
    :math:`e_1, e_2`. The off-diagonal entry used is :math:`(a_{12} + a_{21})/2`.
    Eigenvalues with :math:`|\\lambda| \\le 10^{-9} \\max(1, \\max |a_{ij}|)` are
    returned as exactly 0 (the tolerance of :func:`is_zero`).
    """
    a = as_matrix2(matrix)
    p, b, d = float(a[0, 0]), 0.5 * float(a[0, 1] + a[1, 0]), float(a[1, 1])
    m = 0.5 * (p + d)
    r = math.hypot(0.5 * (p - d), b)
    det = p * d - b * b
    if m >= 0:
        high = m + r
        low = det / high if high != 0 else m - r
    else:
        low = m - r
        high = det / low
    low, high = min(low, high), max(low, high)
    # numerically zero eigenvalues (as :func:`is_zero` counts them) are exactly 0, so
    # the numbers shown agree with the classification
    tiny = ZERO_TOLERANCE * _scale(a)
    low, high = (0.0 if abs(x) <= tiny else x for x in (low, high))
    if r == 0.0:
        v1, v2 = np.array([1.0, 0.0]), np.array([0.0, 1.0])
    else:
        theta = 0.5 * math.atan2(2 * b, p - d)
        v2 = np.array([math.cos(theta), math.sin(theta)])
        v1 = np.array([-math.sin(theta), math.cos(theta)])
    # entries that are round-off of zero (cos(pi/2)) are zero
    v1[np.abs(v1) < 1e-15] = 0.0
    v2[np.abs(v2) < 1e-15] = 0.0
    f1, f2 = flip_sign(v1), flip_sign(v2)
    return PrincipalAxes(
        (low + 0.0, high + 0.0),
        ((float(f1[0]), float(f1[1])), (float(f2[0]), float(f2[1]))),
    )


def is_zero(value: float, matrix: ArrayLike) -> bool:
    """True when :math:`|\\lambda| \\le 10^{-9} \\max(1, \\max |a_{ij}|)`."""
    return abs(value) <= ZERO_TOLERANCE * _scale(as_matrix2(matrix))


def definiteness(matrix: ArrayLike) -> str:
    """One of :data:`DEFINITENESS`, from the signs of the eigenvalues (zero up to
    :func:`is_zero`). The zero matrix is both positive and negative semidefinite; it is
    reported as ``"positive semidefinite"``."""
    lam = principal_axes(matrix).eigenvalues
    signs = [0 if is_zero(x, matrix) else (1 if x > 0 else -1) for x in lam]
    if min(signs) == 1:
        return "positive definite"
    if max(signs) == -1:
        return "negative definite"
    if min(signs) == -1 and max(signs) == 1:
        return "indefinite"
    if max(signs) == 1 or signs == [0, 0]:
        return "positive semidefinite"
    return "negative semidefinite"


def round_level_step(target: float) -> float:
    """The largest :math:`m \\cdot 10^k \\le` ``target`` with ``m`` in :data:`LEVEL_MANTISSAS`."""
    if not target > 0:
        raise ValueError("target must be positive")
    power = math.floor(math.log10(target))
    best = 10.0 ** (power - 1) * LEVEL_MANTISSAS[-1]
    for k in (power - 1, power):
        for m in LEVEL_MANTISSAS:
            step = float(f"{m * 10.0**k:.12g}")
            if step <= target * (1 + 1e-12):
                best = step
    return best


def form_levels(matrix: ArrayLike, reach: float, count: int = 3) -> list[float]:
    """Levels :math:`c = \\pm s k^2`, :math:`k = 1..` ``count``, ascending.

    For each sign the eigenvalues of that sign take part: with :math:`\\mu` the
    smallest of their magnitudes (at least a ninth of the largest), the step is the round
    number :math:`s \\le \\mu\\,(\\text{reach}/\\text{count})^2`
    (:func:`round_level_step`), so the level set :math:`q = s k^2` crosses a principal
    axis at distance :math:`k \\sqrt{s / |\\lambda|} \\le k\\,\\text{reach}/\\text{count}`:
    evenly spaced, the outermost within ``reach`` (when the axes' ratio is at most 3).
    """
    lam = principal_axes(matrix).eigenvalues
    levels: list[float] = []
    for sign in (-1.0, 1.0):
        mags = [abs(x) for x in lam if x * sign > 0 and not is_zero(x, matrix)]
        if not mags:
            continue
        mu = max(min(mags), max(mags) / 9.0)
        s = round_level_step(mu * (reach / count) ** 2)
        levels += [float(f"{sign * s * k * k:.12g}") for k in range(1, count + 1)]
    return sorted(levels)


def _onto_level_at_edge(a: FloatArray, level: float, point: FloatArray, box: Box) -> FloatArray:
    """The point of :math:`q = c` on the box edge through ``point`` nearest to it (the
    exact crossing, where a chord of the sampled curve meets the border)."""
    (x0, x1), (y0, y1) = box
    p = point.copy()
    scale = max(x1 - x0, y1 - y0)
    on_x = min(abs(p[0] - x0), abs(p[0] - x1)) <= min(abs(p[1] - y0), abs(p[1] - y1))
    if on_x:  # x fixed: d y^2 + 2 b x y + (a x^2 - c) = 0
        fixed, qa, qb, qc = p[0], a[1, 1], 2 * a[0, 1] * p[0], a[0, 0] * p[0] ** 2 - level
        free = p[1]
    else:
        fixed, qa, qb, qc = p[1], a[0, 0], 2 * a[0, 1] * p[1], a[1, 1] * p[1] ** 2 - level
        free = p[0]
    del fixed
    roots = _quadratic_roots(qa, qb, qc, 1e-15 * scale)
    if not roots:
        return p
    best = min(roots, key=lambda r: abs(r - free))
    if abs(best - free) > 0.05 * scale:
        return p
    if on_x:
        p[1] = best
    else:
        p[0] = best
    return p


def _quadratic_roots(qa: float, qb: float, qc: float, tiny: float) -> list[float]:
    r"""Real roots of :math:`q_a r^2 + q_b r + q_c = 0`, in the cancellation-free form
    :math:`m = -(q_b + \operatorname{sign}(q_b)\sqrt{q_b^2 - 4 q_a q_c})/2`, roots
    :math:`m / q_a` and :math:`q_c / m` (Numerical Recipes 5.6): with a nearly zero
    :math:`q_a` the textbook formula loses the small root to rounding."""
    if abs(qa) <= tiny:
        return [-qc / qb] if qb != 0 else []
    disc = qb * qb - 4 * qa * qc
    if disc < 0:
        return []
    m = -0.5 * (qb + math.copysign(math.sqrt(disc), qb))
    return [m / qa] + ([qc / m] if m != 0 else [])


def clip_polyline(points: ArrayLike, box: Box) -> list[FloatArray]:
    """The pieces of a polyline inside the closed ``box``, cut exactly at its border."""
    pts = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    pieces: list[list[FloatArray]] = []
    current: list[FloatArray] = []
    for p, q in itertools.pairwise(pts):
        span = clip_span(p, q, box)
        if span is None:
            if current:
                pieces.append(current)
                current = []
            continue
        t0, t1 = span
        start, end = p + t0 * (q - p), p + t1 * (q - p)
        if not current or t0 > 0:
            if current:
                pieces.append(current)
            current = [start]
        current.append(end)
        if t1 < 1:
            pieces.append(current)
            current = []
    if current:
        pieces.append(current)
    return [np.array(piece) for piece in pieces if len(piece) >= 2]


def level_kind(matrix: ArrayLike, level: float) -> str:
    """What :math:`\\{x: x^T A x = c\\}` is: ``"ellipse"``, ``"hyperbola"``,
    ``"crossing lines"``, ``"parallel lines"``, ``"line"``, ``"point"``, ``"empty"`` or
    ``"plane"`` (the zero matrix at c = 0)."""
    lam = principal_axes(matrix).eigenvalues
    signs = [0 if is_zero(x, matrix) else (1 if x > 0 else -1) for x in lam]
    c = 0 if level == 0 else (1 if level > 0 else -1)
    if signs == [0, 0]:
        return "plane" if c == 0 else "empty"
    if 0 in signs:
        other = signs[0] if signs[1] == 0 else signs[1]
        if c == 0:
            return "line"
        return "parallel lines" if c == other else "empty"
    if signs[0] != signs[1]:
        return "crossing lines" if c == 0 else "hyperbola"
    if c == 0:
        return "point"
    return "ellipse" if c == signs[0] else "empty"


def level_set(matrix: ArrayLike, level: float, box: Box, samples: int = 721) -> list[FloatArray]:
    """Polylines of :math:`\\{x : x^T A x = c\\}` inside ``box``, in principal coordinates
    :math:`x = u_1 v_1 + u_2 v_2`, :math:`\\lambda_1 u_1^2 + \\lambda_2 u_2^2 = c`:

    - ellipse: :math:`u_i = \\sqrt{c/\\lambda_i}\\,(\\cos t, \\sin t)_i`;
    - hyperbola (:math:`\\lambda_i c > 0 > \\lambda_j c`): :math:`u_i = \\pm\\sqrt{c/\\lambda_i}
      \\cosh s`, :math:`u_j = \\sqrt{-c/\\lambda_j} \\sinh s`;
    - lines: :math:`u_2 = \\pm \\sqrt{-\\lambda_1/\\lambda_2}\\,u_1` (c = 0, indefinite),
      :math:`u_j = \\pm\\sqrt{c/\\lambda_j}` (one zero eigenvalue), :math:`u_j = 0` (c = 0).

    Sample points lie on the curve; a piece that leaves the box ends at the exact
    crossing with its border. A point (the origin, c = 0 of a definite form) is a
    one-point array; empty sets give ``[]``.
    """
    a = as_matrix2(matrix)
    axes = principal_axes(a)
    lam = axes.eigenvalues
    v = np.array(axes.eigenvectors)
    kind = level_kind(a, level)
    (x0, x1), (y0, y1) = box
    far = 2.0 * math.hypot(max(abs(x0), abs(x1)), max(abs(y0), abs(y1))) + 1.0
    curves: list[FloatArray] = []  # in principal coordinates (u1, u2)
    if kind == "point":
        return [np.zeros((1, 2))]
    if kind in ("empty", "plane"):
        return []
    if kind == "ellipse":
        t = np.linspace(0.0, 2 * np.pi, samples)
        r1, r2 = math.sqrt(level / lam[0]), math.sqrt(level / lam[1])
        curves.append(np.stack([r1 * np.cos(t), r2 * np.sin(t)], axis=1))
    elif kind == "hyperbola":
        i = 0 if lam[0] * level > 0 else 1
        j = 1 - i
        ri, rj = math.sqrt(level / lam[i]), math.sqrt(-level / lam[j])
        s_max = math.asinh(far / min(ri, rj)) + 0.1
        s = np.linspace(-s_max, s_max, samples)
        for sign in (1.0, -1.0):
            u = np.zeros((samples, 2))
            u[:, i] = sign * ri * np.cosh(s)
            u[:, j] = rj * np.sinh(s)
            curves.append(u)
    elif kind == "crossing lines":
        slope = math.sqrt(-lam[0] / lam[1])
        for sign in (1.0, -1.0):
            curves.append(np.array([[-far, -sign * slope * far], [far, sign * slope * far]]))
    else:  # one zero eigenvalue: "line" or "parallel lines"
        k = 0 if is_zero(lam[0], a) else 1
        j = 1 - k
        offsets = (
            [0.0] if kind == "line" else [math.sqrt(level / lam[j]), -math.sqrt(level / lam[j])]
        )
        for off in offsets:
            u = np.zeros((2, 2))
            u[:, k] = (-far, far)
            u[:, j] = off
            curves.append(u)
    out: list[FloatArray] = []
    for u in curves:
        x = u @ v  # rows: u1 v1 + u2 v2
        for piece in clip_polyline(x, box):
            if kind in ("ellipse", "hyperbola"):
                piece[0] = _onto_level_at_edge(a, level, piece[0], box)
                piece[-1] = _onto_level_at_edge(a, level, piece[-1], box)
            out.append(piece)
    return out


def closed_in_box(matrix: ArrayLike, level: float, box: Box) -> bool:
    """True when the level set is a whole ellipse inside ``box`` (not cut by its border)."""
    if level_kind(matrix, level) != "ellipse":
        return False
    pieces = level_set(matrix, level, box)
    return len(pieces) == 1 and bool(np.allclose(pieces[0][0], pieces[0][-1]))


@dataclass(frozen=True)
class QuadraticFormSummary:
    """Everything the QuadraticForm scene shows."""

    matrix: tuple[tuple[float, float], tuple[float, float]]
    axes: PrincipalAxes
    definiteness: str
    shape: str
    levels: tuple[float, ...]
    level_kinds: tuple[str, ...]
    closed: tuple[bool, ...]
    zero_level_kind: str
    box: Box

    def to_json(self) -> dict[str, Any]:
        return {
            "matrix": [list(r) for r in self.matrix],
            "eigenvalues": list(self.axes.eigenvalues),
            "eigenvectors": [list(v) for v in self.axes.eigenvectors],
            "definiteness": self.definiteness,
            "shape": self.shape,
            "levels": list(self.levels),
            "level_kinds": list(self.level_kinds),
            "closed_in_view": list(self.closed),
            "zero_level_kind": self.zero_level_kind,
            "view_box": [list(self.box[0]), list(self.box[1])],
        }


def summarize(matrix: ArrayLike, box: Box, reach: float, count: int = 3) -> QuadraticFormSummary:
    """The numbers of the scene for the symmetric ``matrix`` shown over ``box``."""
    a = as_matrix2(matrix)
    sym = 0.5 * (a + a.T)
    kind = definiteness(sym)
    levels = tuple(form_levels(sym, reach, count))
    return QuadraticFormSummary(
        matrix=((float(sym[0, 0]), float(sym[0, 1])), (float(sym[1, 0]), float(sym[1, 1]))),
        axes=principal_axes(sym),
        definiteness=kind,
        shape=SHAPES[kind],
        levels=levels,
        level_kinds=tuple(level_kind(sym, c) for c in levels),
        closed=tuple(closed_in_box(sym, c, box) for c in levels),
        zero_level_kind=level_kind(sym, 0.0),
        box=box,
    )
