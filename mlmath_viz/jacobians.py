"""Nonlinear maps of the plane and their Jacobians: the linear map a map looks like
when you zoom in on one point.

Three maps :math:`F: \\mathbb{R}^2 \\to \\mathbb{R}^2`, each with its Jacobian in
closed form,

.. math::

    J_F(p) = \\begin{pmatrix} \\partial F_1/\\partial x & \\partial F_1/\\partial y \\\\
             \\partial F_2/\\partial x & \\partial F_2/\\partial y \\end{pmatrix}(p),

so that :math:`F(p + \\delta) = F(p) + J_F(p)\\,\\delta + O(|\\delta|^2)`. The
determinant :math:`\\det J_F(p)` is the factor by which F scales small areas near p
(negative when F flips orientation there); :func:`area_ratio` *measures* that factor on
the image of a small square instead of trusting the formula (change of variables:
the image's signed area is :math:`\\iint_Q \\det J_F\\,dA`).

- ``polar``: :math:`(r, \\theta) \\mapsto (r\\cos\\theta, r\\sin\\theta)`,
  :math:`\\det J = r`.
- ``swirl``: :math:`v \\mapsto R(\\varphi(|v|))\\,v`, a rotation by the angle
  :math:`\\varphi(\\rho) = \\varphi_0 e^{-\\rho^2/(2\\sigma^2)}` that decays with the
  radius (:data:`SWIRL_TURN`, :data:`SWIRL_WIDTH`). Circles about the origin map to
  themselves, so although the grid is twisted, :math:`\\det J = 1` everywhere.
- ``tanh-layer``: :math:`v \\mapsto \\tanh(W v + c)`, one layer of a neural network;
  :math:`J = \\operatorname{diag}(1 - \\tanh^2(Wv + c))\\,W`.

Reference: Deisenroth, Faisal & Ong, *Mathematics for Machine Learning*, sections 5.3
(the Jacobian) and 6.7 (change of variables, the determinant as area scaling).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]

#: The maps, by name.
MAPS = ("polar", "swirl", "tanh-layer")

#: The swirl's turn at the origin, phi_0 (radians): a quarter turn.
SWIRL_TURN = math.pi / 2
#: The radius sigma over which the swirl's turn decays (to e^-1/2 of phi_0 at rho = sigma).
SWIRL_WIDTH = 1.0

#: Points per side of the small square's boundary in :func:`area_ratio`: the mapped
#: polygon's area differs from the curved image's by O(1/n^2) of it.
BOUNDARY_POINTS = 256

#: |det J| under this (relative to the entries of J) counts as zero: J collapses the
#: plane onto a line or a point.
SINGULAR_TOLERANCE = 1e-12


@dataclass(frozen=True)
class PlaneMap:
    """One of :data:`MAPS`; ``weights`` W (2x2) and ``bias`` c are used by
    ``tanh-layer`` only."""

    name: str
    weights: FloatArray = field(default_factory=lambda: np.eye(2))
    bias: FloatArray = field(default_factory=lambda: np.zeros(2))

    def __post_init__(self) -> None:
        if self.name not in MAPS:
            raise ValueError(f"unknown map {self.name!r}; expected one of {MAPS}")
        w = np.asarray(self.weights, dtype=np.float64).reshape(2, 2)
        c = np.asarray(self.bias, dtype=np.float64).reshape(2)
        object.__setattr__(self, "weights", w)
        object.__setattr__(self, "bias", c)

    def __call__(self, points: ArrayLike) -> FloatArray:
        return apply_map(self, points)


def plane_map(
    name: str, weights: ArrayLike | None = None, bias: ArrayLike | None = None
) -> PlaneMap:
    """The map ``name`` (``weights`` and ``bias`` for ``tanh-layer``: flat or nested)."""
    w = np.eye(2) if weights is None else np.asarray(weights, dtype=np.float64).reshape(2, 2)
    c = np.zeros(2) if bias is None else np.asarray(bias, dtype=np.float64).reshape(2)
    return PlaneMap(name, w, c)


def swirl_angle(rho: ArrayLike) -> FloatArray:
    """The swirl's turn at radius rho, :math:`\\varphi(\\rho) = \\varphi_0
    e^{-\\rho^2 / (2\\sigma^2)}`."""
    r = np.asarray(rho, dtype=np.float64)
    out: FloatArray = SWIRL_TURN * np.exp(-(r**2) / (2 * SWIRL_WIDTH**2))
    return out


def apply_map(m: PlaneMap, points: ArrayLike) -> FloatArray:
    """F at each point (shape ``(2,)`` or ``(n, 2)``, the same shape back).

    polar: :math:`(r\\cos\\theta, r\\sin\\theta)`; swirl: :math:`R(\\varphi(|v|))\\,v`;
    tanh-layer: :math:`\\tanh(Wv + c)` (applied to each row).
    """
    p = np.asarray(points, dtype=np.float64)
    x, y = p[..., 0], p[..., 1]
    if m.name == "polar":
        out = np.stack([x * np.cos(y), x * np.sin(y)], axis=-1)
    elif m.name == "swirl":
        phi = swirl_angle(np.hypot(x, y))
        cos, sin = np.cos(phi), np.sin(phi)
        out = np.stack([cos * x - sin * y, sin * x + cos * y], axis=-1)
    else:
        out = np.tanh(p @ m.weights.T + m.bias)
    result: FloatArray = np.asarray(out, dtype=np.float64)
    return result


def homotopy(m: PlaneMap, points: ArrayLike, t: float) -> FloatArray:
    """The straight-line homotopy from the identity to F, :math:`H(v, t) = (1 - t)\\,v
    + t\\,F(v)`: each point slides along the segment from v to F(v) as t goes 0 to 1.
    Linear in t, so every stage lies in the bounding box of the grid and its image."""
    p = np.asarray(points, dtype=np.float64)
    out: FloatArray = (1.0 - t) * p + t * apply_map(m, p)
    return out


def jacobian(m: PlaneMap, point: ArrayLike) -> FloatArray:
    """The Jacobian :math:`J_F(p)` in closed form (rows: components of F, columns: x, y).

    polar at :math:`(r, \\theta)`:

    .. math:: J = \\begin{pmatrix} \\cos\\theta & -r\\sin\\theta \\\\
              \\sin\\theta & r\\cos\\theta \\end{pmatrix}

    swirl, with :math:`R = R(\\varphi(|v|))` and :math:`v^\\perp = (-y, x)`: differentiating
    :math:`R(\\varphi)v` gives :math:`J = R\\,(I + v^\\perp \\nabla\\varphi^T)` with
    :math:`\\nabla\\varphi = -\\varphi(\\rho)\\,v/\\sigma^2`.

    tanh-layer, with :math:`z = Wv + c`: :math:`J = \\operatorname{diag}(1 - \\tanh^2 z)\\,W`.
    """
    p = np.asarray(point, dtype=np.float64).reshape(2)
    x, y = float(p[0]), float(p[1])
    if m.name == "polar":
        c, s = math.cos(y), math.sin(y)
        return np.array([[c, -x * s], [s, x * c]])
    if m.name == "swirl":
        phi = float(swirl_angle(math.hypot(x, y)))
        c, s = math.cos(phi), math.sin(phi)
        rotation = np.array([[c, -s], [s, c]])
        grad_phi = -phi * p / SWIRL_WIDTH**2
        perp = np.array([-y, x])
        out: FloatArray = rotation @ (np.eye(2) + np.outer(perp, grad_phi))
        return out
    slope = 1.0 - np.tanh(m.weights @ p + m.bias) ** 2
    out = slope[:, None] * m.weights
    return out


def determinant(m: PlaneMap, point: ArrayLike) -> float:
    """:math:`\\det J_F(p)` in closed form: polar :math:`r`; swirl 1 (the turn depends
    on the radius only, so :math:`\\det(I + v^\\perp\\nabla\\varphi^T) = 1 +
    \\nabla\\varphi \\cdot v^\\perp = 1`, :math:`\\nabla\\varphi` being parallel to v);
    tanh-layer :math:`\\prod_i (1 - \\tanh^2 z_i)\\,\\det W`."""
    p = np.asarray(point, dtype=np.float64).reshape(2)
    if m.name == "polar":
        return float(p[0])
    if m.name == "swirl":
        return 1.0
    w = m.weights
    slope = 1.0 - np.tanh(w @ p + m.bias) ** 2
    return float(slope[0] * slope[1] * (w[0, 0] * w[1, 1] - w[0, 1] * w[1, 0]))


def linearization(m: PlaneMap, point: ArrayLike, points: ArrayLike) -> FloatArray:
    """The affine map that F looks like near p, :math:`F(p) + J_F(p)(v - p)`, at each
    of ``points``."""
    p = np.asarray(point, dtype=np.float64).reshape(2)
    v = np.asarray(points, dtype=np.float64)
    out: FloatArray = apply_map(m, p) + (v - p) @ jacobian(m, p).T
    return out


def square_boundary(centre: ArrayLike, half: float, per_side: int = BOUNDARY_POINTS) -> FloatArray:
    """``4 per_side`` points evenly spaced around the square of half-side ``half``
    centred at ``centre``, counter-clockwise from its lower-left corner (not repeated)."""
    cx, cy = np.asarray(centre, dtype=np.float64).reshape(2)
    s = np.linspace(-half, half, per_side, endpoint=False)
    bottom = np.stack([s, np.full_like(s, -half)], axis=1)
    right = np.stack([np.full_like(s, half), s], axis=1)
    top = np.stack([-s, np.full_like(s, half)], axis=1)
    left = np.stack([np.full_like(s, -half), -s], axis=1)
    out: FloatArray = np.concatenate([bottom, right, top, left]) + np.array([cx, cy])
    return out


def shoelace(polygon: ArrayLike) -> float:
    """Signed area of a closed polygon (vertices in order, last not repeated), the
    shoelace formula :math:`\\tfrac12 \\sum_i (x_i y_{i+1} - x_{i+1} y_i)`: positive
    counter-clockwise."""
    p = np.asarray(polygon, dtype=np.float64)
    x, y = p[:, 0], p[:, 1]
    return float(0.5 * np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y))


@dataclass(frozen=True)
class AreaRatio:
    """The measured area scaling of F on the square of half-side ``half`` about a point:
    ``signed`` = (shoelace area of the mapped boundary) / (2 half)^2, which tends to
    det J as ``half`` shrinks; ``ratio`` = its absolute value, which tends to |det J|."""

    half: float
    signed: float
    ratio: float
    image: FloatArray  # the mapped boundary, (4 per_side, 2)


def area_ratio(
    m: PlaneMap, point: ArrayLike, half: float, per_side: int = BOUNDARY_POINTS
) -> AreaRatio:
    """Map the boundary of the square of half-side ``half`` about ``point`` densely
    (``per_side`` points a side), take its signed area by :func:`shoelace` and divide by
    the square's area :math:`4\\,\\mathrm{half}^2`.

    By the change of variables the signed area is :math:`\\iint_Q \\det J_F\\,dA`, so
    the ratio is the mean of det J over the square: det J(p) + O(half^2) (the first-order
    term cancels on a square centred at p). Where det J changes sign inside the square
    (polar at r = 0) the parts cancel: the signed ratio is then near 0, as det J is.
    """
    if not half > 0:
        raise ValueError("half must be positive")
    image = apply_map(m, square_boundary(point, half, per_side))
    signed = shoelace(image) / (2 * half) ** 2
    return AreaRatio(half=half, signed=signed, ratio=abs(signed), image=image)


def singular(jac: ArrayLike, det: float) -> bool:
    """Whether J collapses the plane (|det J| tiny against the size of J's entries)."""
    scale = max(1e-300, float(np.max(np.abs(np.asarray(jac, dtype=np.float64)))) ** 2)
    return abs(det) <= SINGULAR_TOLERANCE * scale


def grid_lines(
    box: tuple[tuple[float, float], tuple[float, float]],
    step: float,
    samples: int,
    through: ArrayLike = (0.0, 0.0),
) -> list[FloatArray]:
    """Lines of the grid of spacing ``step`` through the point ``through`` that cross
    ``box = ((x0, x1), (y0, y1))``: the vertical lines (x fixed, left to right) then
    the horizontal ones (bottom to top), each sampled at ``samples`` points."""
    (x0, x1), (y0, y1) = box
    px, py = np.asarray(through, dtype=np.float64).reshape(2)
    s = np.linspace(0.0, 1.0, samples)

    def levels(low: float, high: float, at: float) -> FloatArray:
        k = np.arange(
            math.ceil((low - at) / step - 1e-9), math.floor((high - at) / step + 1e-9) + 1
        )
        out: FloatArray = (at + step * k).astype(np.float64)
        return out

    lines = [
        np.stack([np.full(samples, x), y0 + (y1 - y0) * s], axis=1) for x in levels(x0, x1, px)
    ]
    lines += [
        np.stack([x0 + (x1 - x0) * s, np.full(samples, y)], axis=1) for y in levels(y0, y1, py)
    ]
    return lines


def image_bounds(m: PlaneMap, lines: list[FloatArray]) -> FloatArray:
    """Bounding box ``[[xmin, ymin], [xmax, ymax]]`` of the grid ``lines`` and their image
    under F: every stage of :func:`homotopy` lies inside it."""
    pts = np.concatenate(lines)
    both = np.concatenate([pts, apply_map(m, pts)])
    out: FloatArray = np.array([both.min(axis=0), both.max(axis=0)])
    return out


def linearization_error(m: PlaneMap, point: ArrayLike, points: ArrayLike) -> float:
    """Largest distance between F and its linearization at ``points``:
    :math:`\\max |F(v) - F(p) - J_F(p)(v - p)|`, of order :math:`|v - p|^2`."""
    v = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    gap = apply_map(m, v) - linearization(m, point, v)
    return float(np.max(np.hypot(gap[:, 0], gap[:, 1])))


@dataclass(frozen=True)
class JacobianSummary:
    """What the Jacobian scene shows about F at p, with the square of half-side
    ``half`` whose image is measured."""

    map: PlaneMap
    point: FloatArray
    image_point: FloatArray
    jacobian: FloatArray
    determinant: float
    measured: AreaRatio
    singular: bool

    @property
    def flips(self) -> bool:
        """Whether F reverses orientation near p (det J < 0)."""
        return self.determinant < 0 and not self.singular

    def to_json(self) -> dict[str, Any]:
        """The sidecar's numbers (plain lists and floats)."""
        return {
            "map": self.map.name,
            "point": [float(x) for x in self.point],
            "image_point": [float(x) for x in self.image_point],
            "jacobian": [[float(x) for x in row] for row in self.jacobian],
            "determinant": self.determinant,
            "area_ratio": self.measured.ratio,
            "signed_area_ratio": self.measured.signed,
            "square_half_side": self.measured.half,
            "orientation": "collapsed" if self.singular else ("flipped" if self.flips else "kept"),
            "weights": [[float(x) for x in row] for row in self.map.weights],
            "bias": [float(x) for x in self.map.bias],
        }


def summarize(m: PlaneMap, point: ArrayLike, half: float) -> JacobianSummary:
    """F(p), J_F(p), det J_F(p) and the measured area ratio of the square of half-side
    ``half`` about p."""
    p = np.asarray(point, dtype=np.float64).reshape(2)
    jac = jacobian(m, p)
    det = determinant(m, p)
    return JacobianSummary(
        map=m,
        point=p,
        image_point=apply_map(m, p),
        jacobian=jac,
        determinant=det,
        measured=area_ratio(m, p, half),
        singular=singular(jac, det),
    )


#: The zoom window's half-width starts here and halves until F is this close to linear.
LOCAL_HALF_WIDTH = 0.4
#: ... but never below this (a very curved map is then shown less straight).
MIN_LOCAL_HALF_WIDTH = 0.005
#: How far from its linearization F may be in the zoom window, relative to the window's
#: image under J across its thinnest direction: small enough that the warped grid looks
#: straight however much J squashes one direction.
LINEAR_TOLERANCE = 0.06


def stretch(jac: ArrayLike) -> float:
    """The largest singular value of J: how much J stretches the most stretched
    direction (0 only for J = 0)."""
    return float(np.linalg.svd(np.asarray(jac, dtype=np.float64), compute_uv=False)[0])


def thinnest_stretch(jac: ArrayLike) -> float:
    """How much J stretches its least stretched direction, the smallest singular value
    :math:`\\sigma_{min}`; for a singular J (:func:`singular`), whose image is a line,
    the largest, :math:`\\sigma_{max}`: the width of that line's piece."""
    a = np.asarray(jac, dtype=np.float64)
    values = np.linalg.svd(a, compute_uv=False)
    return float(values[0] if singular(a, float(np.linalg.det(a))) else values[1])


def local_half_width(m: PlaneMap, point: ArrayLike, tolerance: float = LINEAR_TOLERANCE) -> float:
    """The half-width l of the square window about p in which F is nearly linear:
    halving from :data:`LOCAL_HALF_WIDTH` until

    .. math:: \\max_{|v - p|_\\infty = l} |F(v) - F(p) - J(v - p)| \\le
              \\text{tolerance} \\cdot l\\,\\sigma_{min}(J)

    (:math:`\\sigma_{max}` for a singular J; the error is O(l^2), its ratio to l O(l)),
    or :data:`MIN_LOCAL_HALF_WIDTH`. For
    polar also l <= r/2, so the window stays where r > 0 (F one-to-one there)."""
    p = np.asarray(point, dtype=np.float64).reshape(2)
    size = thinnest_stretch(jacobian(m, p))
    half = LOCAL_HALF_WIDTH
    if m.name == "polar":
        half = min(half, float(p[0]) / 2)
    while half > MIN_LOCAL_HALF_WIDTH:
        err = linearization_error(m, p, square_boundary(p, half, 16))
        if err <= tolerance * half * size:
            break
        half /= 2
    return half if m.name == "polar" else max(half, MIN_LOCAL_HALF_WIDTH)
