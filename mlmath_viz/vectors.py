"""Vectors of the plane: sums, scaling, span, the dot product, angles and projections.

Everything the ``Vectors`` scene shows about two vectors :math:`u, v \\in \\mathbb{R}^2`
and a scalar :math:`c` is computed here, so the numbers on screen and in the JSON
sidecar come from one place.

Angles, cosines and projections are computed on copies of ``u`` and ``v`` rescaled by
exact powers of two (see :func:`binary_scaled`), without overflow or underflow: a
vector of length :math:`10^{-300}` has the same angle to ``(1, 0)`` as one of length 1.
They are undefined for the zero vector, where
:func:`binary_scaled` raises.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]

#: Two directions count as parallel when :math:`|\sin\theta|` is at most this.
PARALLEL_TOLERANCE = 1e-9
#: Coefficients of the span sweep run over [-SPAN_EXTENT, SPAN_EXTENT] (for vectors
#: of similar length; see :func:`span_extents`) ...
SPAN_EXTENT = 2.0
#: ... in SPAN_STEPS steps each side of zero (a 17 x 17 grid of combinations a u + b v).
SPAN_STEPS = 8
#: Largest factor by which one coefficient's range is stretched to match the lengths
#: (past it, the shorter vector's combinations are too short to see anyway).
MAX_SPAN_RATIO = 1e12


def as_vector2(vector: ArrayLike) -> FloatArray:
    """Return ``vector`` as a finite float array of shape (2,).

    Raises
    ------
    ValueError
        If the input does not hold exactly two numbers or holds NaN or infinity.
    """
    a = np.asarray(vector, dtype=np.float64)
    if a.shape != (2,):
        raise ValueError(f"expected a 2-vector, got shape {a.shape}")
    if not np.all(np.isfinite(a)):
        raise ValueError("vector entries must be finite")
    return a


def add(u: ArrayLike, v: ArrayLike) -> FloatArray:
    """The sum :math:`u + v = (u_1 + v_1, u_2 + v_2)`: ``v`` placed tip to tail after ``u``."""
    return as_vector2(u) + as_vector2(v)


def scale(c: float, u: ArrayLike) -> FloatArray:
    """The multiple :math:`c u = (c u_1, c u_2)`; a negative ``c`` reverses the direction."""
    if not math.isfinite(c):
        raise ValueError("the scalar must be finite")
    return float(c) * as_vector2(u)


def dot(u: ArrayLike, v: ArrayLike) -> float:
    """The dot product :math:`u \\cdot v = u_1 v_1 + u_2 v_2`."""
    a, b = as_vector2(u), as_vector2(v)
    return float(a[0] * b[0] + a[1] * b[1])


def cross(u: ArrayLike, v: ArrayLike) -> float:
    """The 2-D cross product :math:`u \\times v = u_1 v_2 - u_2 v_1 = \\det[u\\ v]`.

    It is the signed area of the parallelogram on ``u`` and ``v``, and
    :math:`|u||v|\\sin\\theta` with :math:`\\theta` measured from ``u`` to ``v``
    counter-clockwise.
    """
    a, b = as_vector2(u), as_vector2(v)
    return float(a[0] * b[1] - a[1] * b[0])


def norm(u: ArrayLike) -> float:
    """The length :math:`|u| = \\sqrt{u_1^2 + u_2^2}`, by ``math.hypot`` (no overflow)."""
    a = as_vector2(u)
    return math.hypot(float(a[0]), float(a[1]))


def binary_scaled(u: ArrayLike) -> tuple[FloatArray, int]:
    """``u`` rescaled by a power of two: :math:`u = \\tilde u \\, 2^e` with
    :math:`\\max_i |\\tilde u_i| \\in [1/2, 1)`.

    Multiplying by a power of two is exact, so products of the rescaled entries neither
    overflow nor underflow, and exact cases stay exact (orthogonal integer vectors have
    a dot product of exactly zero). This is how the angle, cosine and projection below
    work for vectors of any size, down to subnormal ones.

    Raises
    ------
    ValueError
        If ``u`` is the zero vector, which has no direction.
    """
    a = as_vector2(u)
    m = float(np.max(np.abs(a)))
    if m == 0.0:
        raise ValueError("the zero vector has no direction")
    exponent = math.frexp(m)[1]
    return np.ldexp(a, -exponent), exponent


def unit(u: ArrayLike) -> FloatArray:
    """The unit vector :math:`\\hat u = u / |u|` (via :func:`binary_scaled`).

    Raises
    ------
    ValueError
        If ``u`` is the zero vector, which has no direction.
    """
    w, _ = binary_scaled(u)
    result: FloatArray = w / norm(w)
    return result


def cosine_similarity(u: ArrayLike, v: ArrayLike) -> float:
    """:math:`\\cos\\theta = \\dfrac{u \\cdot v}{|u|\\,|v|}`, clipped to [-1, 1].

    The similarity of two embeddings in machine learning; it ignores lengths. SciPy's
    ``scipy.spatial.distance.cosine`` is the cosine *distance*, one minus this.
    """
    (a, _), (b, _) = binary_scaled(u), binary_scaled(v)
    return float(np.clip(dot(a, b) / (norm(a) * norm(b)), -1.0, 1.0))


def signed_angle(u: ArrayLike, v: ArrayLike) -> float:
    """Angle in radians from ``u`` to ``v``, counter-clockwise positive, in (-pi, pi].

    :math:`\\operatorname{atan2}(u \\times v,\\ u \\cdot v)`, on copies rescaled by
    powers of two. Unlike :math:`\\arccos(\\cos\\theta)`, which is flat at 0 and pi
    and loses half its digits there, atan2 is accurate for nearly parallel and nearly
    opposite vectors.
    """
    (a, _), (b, _) = binary_scaled(u), binary_scaled(v)
    return math.atan2(cross(a, b), dot(a, b))


def angle(u: ArrayLike, v: ArrayLike) -> float:
    """The (unsigned) angle between ``u`` and ``v`` in radians, in [0, pi].

    :math:`\\theta = \\operatorname{atan2}(|u \\times v|,\\ u \\cdot v)`.
    """
    return abs(signed_angle(u, v))


def projection_length(v: ArrayLike, onto: ArrayLike) -> float:
    """The signed length of ``v``'s shadow on the line of ``onto``: :math:`v \\cdot \\hat u`.

    Equal to :math:`|v|\\cos\\theta`; negative when the angle is obtuse, so the
    projection points against ``onto``.
    """
    (a, _), (b, eb) = binary_scaled(onto), binary_scaled(v)
    return math.ldexp(dot(a, b) / norm(a), eb)


def projection(v: ArrayLike, onto: ArrayLike) -> FloatArray:
    """The orthogonal projection of ``v`` onto the line spanned by ``onto`` (= ``u``).

    .. math:: \\operatorname{proj}_u v = \\frac{u \\cdot v}{u \\cdot u}\\, u

    computed on copies rescaled by powers of two (:func:`binary_scaled`), so it neither
    overflows nor underflows and is exactly zero for orthogonal integer vectors. The
    residual :math:`v - \\operatorname{proj}_u v` is orthogonal to ``u``.
    """
    (a, _), (b, eb) = binary_scaled(onto), binary_scaled(v)
    result: FloatArray = np.ldexp(dot(a, b) / dot(a, a) * a, eb)
    return result


def are_parallel(u: ArrayLike, v: ArrayLike, rtol: float = PARALLEL_TOLERANCE) -> bool:
    """True if ``u`` and ``v`` lie on one line through the origin.

    That is :math:`|u \\times v| / (|u||v|) = |\\sin\\theta| \\le` ``rtol`` (a relative
    test: it does not depend on the vectors' lengths). The zero vector is parallel to
    every vector.
    """
    a, b = as_vector2(u), as_vector2(v)
    if not np.any(a) or not np.any(b):
        return True
    (sa, _), (sb, _) = binary_scaled(a), binary_scaled(b)
    return abs(cross(sa, sb)) <= rtol * norm(sa) * norm(sb)


def span_dimension(u: ArrayLike, v: ArrayLike, rtol: float = PARALLEL_TOLERANCE) -> int:
    """Dimension of :math:`\\operatorname{span}\\{u, v\\}`: 2 (the plane), 1 (a line), 0.

    It is the rank of the matrix with columns ``u`` and ``v`` (as
    ``numpy.linalg.matrix_rank``), with :func:`are_parallel`'s relative tolerance.
    """
    a, b = as_vector2(u), as_vector2(v)
    if not np.any(a) and not np.any(b):
        return 0
    return 1 if are_parallel(a, b, rtol) else 2


def nice_ratio(x: float) -> float:
    """The number of the form 1, 2 or 5 times a power of ten nearest to ``x`` > 0 (in log)."""
    if not x > 0 or not math.isfinite(x):
        raise ValueError("nice_ratio needs a finite positive number")
    exponent = math.floor(math.log10(x))
    candidates = [m * 10.0**e for e in (exponent, exponent + 1) for m in (1.0, 2.0, 5.0)]
    return min(candidates, key=lambda c: abs(math.log(c / x)))


def span_extents(u: ArrayLike, v: ArrayLike, extent: float = SPAN_EXTENT) -> tuple[float, float]:
    """How far the coefficients ``a`` and ``b`` of the span sweep run: ``(A, B)``.

    Both are ``extent`` when ``u`` and ``v`` are about as long as each other. The
    shorter vector's coefficient runs further, by :func:`nice_ratio` of the length
    ratio (at most ``MAX_SPAN_RATIO``), so that :math:`a u` and :math:`b v` reach about
    equally far and a vector a million times shorter than the other still visibly
    sweeps its direction.

    Raises
    ------
    ValueError
        If ``u`` or ``v`` is the zero vector.
    """
    (a, ea), (b, eb) = binary_scaled(u), binary_scaled(v)
    # log10 of |u| / |v|, without forming lengths that overflow or underflow
    log_ratio = math.log10(norm(a) / norm(b)) + (ea - eb) * math.log10(2.0)
    ratio = 10.0 ** min(abs(log_ratio), math.log10(MAX_SPAN_RATIO))
    stretch = nice_ratio(ratio)
    if log_ratio > 0:  # u is the longer: b runs further
        return extent, extent * stretch
    return extent * stretch, extent


def span_coefficients(
    extent_a: float = SPAN_EXTENT, extent_b: float = SPAN_EXTENT, steps: int = SPAN_STEPS
) -> FloatArray:
    """Coefficient pairs ``(a, b)`` of a grid over [-extent_a, extent_a] x [-extent_b, extent_b].

    ``2 * steps + 1`` values each way. Ordered in rings outward from ``(0, 0)``: by
    :math:`\\max(|a|/A, |b|/B)`, then by the angle of ``(a/A, b/B)`` counter-clockwise
    from the positive a-axis, so drawing the combinations in this order sweeps the
    span out from the origin.
    """
    k = np.arange(-steps, steps + 1, dtype=np.float64) / steps
    grid_a, grid_b = np.meshgrid(k, k, indexing="ij")
    ka, kb = grid_a.ravel(), grid_b.ravel()
    ring = np.maximum(np.abs(ka), np.abs(kb))
    turn = np.mod(np.arctan2(kb, ka), 2 * np.pi)
    order = np.lexsort((turn, ring))
    result: FloatArray = np.column_stack([extent_a * ka, extent_b * kb])[order]
    return result


def combinations(u: ArrayLike, v: ArrayLike, coefficients: ArrayLike) -> FloatArray:
    """The linear combinations :math:`a u + b v`, one row per coefficient pair ``(a, b)``."""
    c = np.asarray(coefficients, dtype=np.float64).reshape(-1, 2)
    result: FloatArray = c @ np.vstack([as_vector2(u), as_vector2(v)])
    return result


def _pair(a: FloatArray) -> tuple[float, float]:
    return (float(a[0]) + 0.0, float(a[1]) + 0.0)  # + 0.0 turns -0.0 into 0.0


@dataclass(frozen=True)
class VectorSummary:
    """Every number the ``Vectors`` scene shows about ``u``, ``v`` and the scalar ``c``.

    ``scaled`` is :math:`c u`; ``projection`` is :math:`\\operatorname{proj}_u v`, the
    projection of ``v`` onto the line of ``u`` (a 2-vector), ``projection_length`` its
    signed length :math:`v \\cdot \\hat u = |v|\\cos\\theta` and ``rejection`` the
    perpendicular :math:`v - \\operatorname{proj}_u v`. Angles are in degrees.
    """

    u: tuple[float, float]
    v: tuple[float, float]
    scalar: float
    sum: tuple[float, float]
    scaled: tuple[float, float]
    dot: float
    cross: float
    norm_u: float
    norm_v: float
    angle_deg: float
    signed_angle_deg: float
    cosine: float
    projection: tuple[float, float]
    projection_length: float
    rejection: tuple[float, float]
    parallel: bool
    span_dimension: int
    span_extents: tuple[float, float]
    span_coefficients: tuple[tuple[float, float], ...]
    span_tips: tuple[tuple[float, float], ...]

    def to_json(self) -> dict[str, Any]:
        """Plain-JSON numbers for the sidecar's ``data`` field."""
        return {
            "u": list(self.u),
            "v": list(self.v),
            "scalar": self.scalar,
            "sum": list(self.sum),
            "scaled": list(self.scaled),
            "dot": self.dot,
            "cross": self.cross,
            "norm_u": self.norm_u,
            "norm_v": self.norm_v,
            "angle_deg": self.angle_deg,
            "signed_angle_deg": self.signed_angle_deg,
            "cosine": self.cosine,
            "projection": list(self.projection),
            "projection_length": self.projection_length,
            "rejection": list(self.rejection),
            "parallel": self.parallel,
            "span_dimension": self.span_dimension,
            "span_extents": list(self.span_extents),
            "span_coefficients": [list(p) for p in self.span_coefficients],
            "span_tips": [list(p) for p in self.span_tips],
        }


def summarize(
    u: ArrayLike, v: ArrayLike, scalar: float, span_extent: float = SPAN_EXTENT
) -> VectorSummary:
    """Compute the :class:`VectorSummary` of two non-zero vectors and a scalar; the span
    sweep's coefficients run over ``span_extent`` (see :func:`span_extents`).

    Raises
    ------
    ValueError
        If ``u`` or ``v`` is the zero vector (its angle and cosine are undefined) or
        any input is not finite.
    """
    a, b = as_vector2(u), as_vector2(v)
    for name, w in (("u", a), ("v", b)):
        if not np.any(w):
            raise ValueError(f"{name} is the zero vector: its angle and cosine are undefined")
    proj = projection(b, a)
    extents = span_extents(a, b, span_extent)
    coefficients = span_coefficients(*extents)
    return VectorSummary(
        u=_pair(a),
        v=_pair(b),
        scalar=float(scalar),
        sum=_pair(add(a, b)),
        scaled=_pair(scale(scalar, a)),
        dot=dot(a, b),
        cross=cross(a, b),
        norm_u=norm(a),
        norm_v=norm(b),
        angle_deg=math.degrees(angle(a, b)),
        signed_angle_deg=math.degrees(signed_angle(a, b)),
        cosine=cosine_similarity(a, b),
        projection=_pair(proj),
        projection_length=projection_length(b, a),
        rejection=_pair(b - proj),
        parallel=are_parallel(a, b),
        span_dimension=span_dimension(a, b),
        span_extents=extents,
        span_coefficients=tuple(_pair(c) for c in coefficients),
        span_tips=tuple(_pair(p) for p in combinations(a, b, coefficients)),
    )
