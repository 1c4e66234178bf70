"""mlmath_viz.vectors against numpy, scipy and closed forms.

Oracles: ``np.dot``, ``np.linalg.norm``, ``np.linalg.det`` (the 2-D cross product),
``np.linalg.matrix_rank``, ``scipy.spatial.distance.cosine`` (one minus the cosine
similarity), the textbook projection formula (u.v / u.u) u, and closed forms.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.spatial.distance import cosine as cosine_distance

from mlmath_viz import vectors as vec

N_RANDOM = 300


def random_pairs(rng: np.random.Generator, n: int = N_RANDOM) -> np.ndarray:
    """Pairs (u, v) with entries in [-10, 10], a quarter rounded to integers."""
    pairs = rng.uniform(-10, 10, size=(n, 2, 2))
    pairs[: n // 4] = np.round(pairs[: n // 4])
    keep = np.all(np.any(pairs != 0, axis=2), axis=1)  # no zero vectors
    return pairs[keep]


# -- Sums, multiples, dot and cross products against numpy (rtol 1e-12: one rounding).


def test_sum_scale_dot_cross_norm_match_numpy(rng: np.random.Generator) -> None:
    for (u, v), c in zip(random_pairs(rng), rng.uniform(-4, 4, N_RANDOM), strict=False):
        assert_allclose(vec.add(u, v), np.add(u, v), rtol=1e-15)
        assert_allclose(vec.scale(c, u), np.multiply(c, u), rtol=1e-15)
        assert_allclose(vec.dot(u, v), np.dot(u, v), rtol=1e-12, atol=1e-12)
        assert_allclose(vec.cross(u, v), np.linalg.det(np.column_stack([u, v])), atol=1e-12)
        assert_allclose(vec.norm(u), np.linalg.norm(u), rtol=1e-14)


def test_dot_of_a_vector_with_itself_is_its_squared_length() -> None:
    for u in ([3.0, 4.0], [-1.5, 2.0], [1e-6, -2e-6]):
        assert_allclose(vec.dot(u, u), vec.norm(u) ** 2, rtol=1e-14)
    assert vec.dot([3, 4], [3, 4]) == 25.0


def test_scaling_by_a_negative_number_flips_and_by_zero_collapses() -> None:
    assert_allclose(vec.scale(-2.0, [1.0, -3.0]), [-2.0, 6.0], rtol=0)
    assert_allclose(vec.scale(0.0, [1.0, -3.0]), [0.0, 0.0], atol=0)


# -- Angles and cosine similarity.


@pytest.mark.parametrize(
    ("u", "v", "degrees"),
    [
        ([1, 0], [0, 1], 90.0),
        ([1, 0], [1, 1], 45.0),
        ([1, 0], [-1, 0], 180.0),
        ([2, 1], [4, 2], 0.0),
        ([1, 0], [-1, 1e-300], 180.0),
        ([1, 0], [math.cos(2.0), math.sin(2.0)], math.degrees(2.0)),
    ],
)
def test_angle_closed_forms(u: list[float], v: list[float], degrees: float) -> None:
    assert_allclose(math.degrees(vec.angle(u, v)), degrees, rtol=1e-13, atol=1e-12)


def test_angle_and_cosine_match_numpy_and_scipy(rng: np.random.Generator) -> None:
    for u, v in random_pairs(rng):
        cos = np.dot(u, v) / (np.linalg.norm(u) * np.linalg.norm(v))
        assert_allclose(vec.cosine_similarity(u, v), 1.0 - cosine_distance(u, v), atol=1e-12)
        assert_allclose(vec.cosine_similarity(u, v), cos, atol=1e-12)
        # arccos is a fair oracle away from 0 and 180 degrees, where it is well conditioned
        if abs(cos) < 0.99:
            assert_allclose(vec.angle(u, v), np.arccos(cos), atol=1e-10)
        assert_allclose(math.cos(vec.angle(u, v)), cos, atol=1e-12)


def test_signed_angle_is_counter_clockwise_positive(rng: np.random.Generator) -> None:
    for u, v in random_pairs(rng):
        s = vec.signed_angle(u, v)
        assert -math.pi < s <= math.pi
        assert_allclose(abs(s), vec.angle(u, v), atol=1e-15)
        # rotating u by s lands on v's direction (oracle: a rotation matrix)
        r = np.array([[math.cos(s), -math.sin(s)], [math.sin(s), math.cos(s)]])
        assert_allclose(r @ u / np.linalg.norm(u), v / np.linalg.norm(v), atol=1e-12)
    assert vec.signed_angle([1, 0], [0, 1]) == pytest.approx(math.pi / 2, rel=1e-15)
    assert vec.signed_angle([1, 0], [0, -1]) == pytest.approx(-math.pi / 2, rel=1e-15)


@pytest.mark.parametrize("eps", [1e-4, 1e-8, 1e-12])
def test_angle_of_nearly_parallel_vectors_keeps_its_digits(eps: float) -> None:
    # Closed form: the angle between (1, 0) and (cos eps, sin eps) is eps. arccos of the
    # cosine returns 0 below about 1e-8; atan2 keeps full relative precision.
    v = [math.cos(eps), math.sin(eps)]
    assert_allclose(vec.angle([1, 0], v), eps, rtol=1e-12)
    assert_allclose(vec.angle([3, 0], [-v[0], -v[1]]), math.pi - eps, rtol=1e-15, atol=1e-15)
    assert_allclose(vec.angle([2.5, 0], [7 * v[0], 7 * v[1]]), eps, rtol=1e-12)


def test_angle_and_cosine_do_not_depend_on_length() -> None:
    u, v = np.array([2.0, 1.0]), np.array([1.0, 2.0])
    expected_cos = 4 / 5  # closed form: u.v = 4, |u| |v| = 5
    for k in (1e-300, 1e-6, 1.0, 1e6, 1e300):
        assert_allclose(vec.cosine_similarity(k * u, v), expected_cos, rtol=1e-14)
        assert_allclose(vec.angle(u, k * v), math.acos(expected_cos), rtol=1e-14)
    tiny = np.array([5e-324, 5e-324])  # subnormal: hypot alone would lose the direction
    assert_allclose(vec.unit(tiny), [math.sqrt(0.5)] * 2, rtol=1e-15)
    assert_allclose(math.degrees(vec.angle(tiny, [1, 0])), 45.0, rtol=1e-14)


def test_binary_scaling_is_exact(rng: np.random.Generator) -> None:
    for u in [*rng.uniform(-10, 10, size=(50, 2)), [5e-324, 0.0], [1e300, -3e299], [0.5, 0.25]]:
        w, e = vec.binary_scaled(u)
        assert np.array_equal(np.ldexp(w, e), np.asarray(u))  # exact, no rounding
        assert 0.5 <= np.max(np.abs(w)) < 1.0


@pytest.mark.parametrize(
    ("u", "v"), [([3, 1], [-1, 3]), ([1, 1], [-2, 2]), ([7, -2], [4, 14]), ([1e-300, 0], [0, 5])]
)
def test_orthogonal_vectors_give_exact_zeros(u: list[float], v: list[float]) -> None:
    # closed form: u.v = 0, so cos = 0, the angle is 90 degrees and the projection is 0
    assert vec.cosine_similarity(u, v) == 0.0
    assert vec.projection_length(v, u) == 0.0
    assert np.array_equal(vec.projection(v, u), [0.0, 0.0])
    assert math.degrees(vec.angle(u, v)) == pytest.approx(90.0, rel=1e-15)


def test_zero_vector_has_no_direction() -> None:
    with pytest.raises(ValueError, match="zero vector"):
        vec.unit([0.0, 0.0])
    with pytest.raises(ValueError, match="zero vector"):
        vec.angle([0, 0], [1, 0])
    with pytest.raises(ValueError, match="v is the zero vector"):
        vec.summarize([1, 0], [0, 0], 1.0)


@pytest.mark.parametrize("bad", [[np.nan, 1.0], [1.0, np.inf], [1.0, 2.0, 3.0]])
def test_non_finite_or_wrong_shape_is_rejected(bad: list[float]) -> None:
    with pytest.raises(ValueError):
        vec.as_vector2(bad)


# -- Projection: seeded property tests and closed forms.


def test_projection_matches_the_textbook_formula(rng: np.random.Generator) -> None:
    for u, v in random_pairs(rng):
        expected = np.dot(u, v) / np.dot(u, u) * u
        assert_allclose(vec.projection(v, u), expected, rtol=1e-12, atol=1e-12)


def test_projection_residual_is_orthogonal_and_length_is_v_cos(rng: np.random.Generator) -> None:
    for u, v in random_pairs(rng):
        p = vec.projection(v, u)
        scale = np.linalg.norm(u) * np.linalg.norm(v)
        assert abs(np.dot(v - p, u)) <= 1e-12 * scale, (u, v)
        cos = np.dot(u, v) / scale
        assert_allclose(np.linalg.norm(p), np.linalg.norm(v) * abs(cos), rtol=1e-12, atol=1e-12)
        assert_allclose(vec.projection_length(v, u), np.linalg.norm(v) * cos, atol=1e-12)
        # the projection lies on u's line: zero cross product with u
        assert abs(np.linalg.det(np.column_stack([u, p]))) <= 1e-12 * scale


@pytest.mark.parametrize(
    ("u", "v", "proj", "length"),
    [
        ([2, 0], [3, 4], [3, 0], 3.0),
        ([1, 1], [1, -1], [0, 0], 0.0),  # orthogonal: the zero vector
        ([1, 2], [-2, -4], [-2, -4], -math.sqrt(20)),  # anti-parallel: v itself
        ([0, -5], [7, 2], [0, 2], -2.0),
    ],
)
def test_projection_closed_forms(
    u: list[float], v: list[float], proj: list[float], length: float
) -> None:
    assert_allclose(vec.projection(v, u), proj, atol=1e-14)
    assert_allclose(vec.projection_length(v, u), length, rtol=1e-14, atol=1e-14)


# -- Parallel vectors and the span.


def test_span_dimension_matches_numpy_matrix_rank(rng: np.random.Generator) -> None:
    pairs = list(random_pairs(rng))
    ks = rng.uniform(-5, 5, 50)
    pairs += [np.array([u, k * u]) for (u, _), k in zip(pairs, ks, strict=False)]
    for u, v in pairs:
        expected = np.linalg.matrix_rank(np.column_stack([u, v]))
        assert vec.span_dimension(u, v) == expected, (u, v)
        assert vec.are_parallel(u, v) == (expected < 2)


@pytest.mark.parametrize(
    ("u", "v", "parallel"),
    [
        ([1, 2], [2, 4], True),
        ([1, 2], [-3, -6], True),  # anti-parallel
        ([1, 0], [1, 1e-12], True),  # within the relative tolerance 1e-9
        ([1, 0], [1, 1e-6], False),
        ([1e-6, 0], [0, 1e-6], False),  # tiny but independent: relative test
        ([1e8, 1], [1e8, 1], True),
        ([0, 0], [1, 1], True),
    ],
)
def test_parallel_is_a_relative_test(u: list[float], v: list[float], parallel: bool) -> None:
    assert vec.are_parallel(u, v) is parallel
    assert vec.span_dimension(u, v) == (1 if parallel else 2)
    assert vec.span_dimension([0, 0], [0, 0]) == 0


def test_span_coefficients_grid_in_rings_from_the_origin() -> None:
    c = vec.span_coefficients(2.0, 2.0, steps=8)
    assert c.shape == (17 * 17, 2)
    assert_allclose(c[0], [0, 0], atol=0)
    expected = {(a, b) for a in np.arange(-8, 9) * 0.25 for b in np.arange(-8, 9) * 0.25}
    assert {(float(a), float(b)) for a, b in c} == expected
    ring = np.max(np.abs(c), axis=1)
    assert np.all(np.diff(ring) >= 0)
    wide = vec.span_coefficients(1.0, 10.0, steps=2)
    assert set(wide[:, 0]) == {-1.0, -0.5, 0.0, 0.5, 1.0}
    assert set(wide[:, 1]) == {-10.0, -5.0, 0.0, 5.0, 10.0}


@pytest.mark.parametrize(
    ("x", "nice"),
    [
        (1.0, 1.0),
        (1.3, 1.0),
        (1.6, 2.0),
        (2.236, 2.0),
        (4.0, 5.0),
        (7.0, 5.0),
        (8.0, 10.0),
        (1e6, 1e6),
        (3e-7, 2e-7),
    ],
)
def test_nice_ratio_rounds_to_1_2_5_in_log_scale(x: float, nice: float) -> None:
    assert_allclose(vec.nice_ratio(x), nice, rtol=1e-12)


def test_span_extents_let_the_shorter_vector_reach_as_far() -> None:
    assert vec.span_extents([2, 1], [1, 2]) == (2.0, 2.0)
    a, b = vec.span_extents([1e-6, 0], [0, 1])
    assert (a, b) == (pytest.approx(2e6), 2.0)
    a, b = vec.span_extents([30, 40], [1, 0])  # lengths 50 and 1
    assert (a, b) == (2.0, pytest.approx(100.0))
    # lengths 5e-324 and 14.1: the ratio overflows a float, the stretch is capped
    assert vec.span_extents([5e-324, 0], [10, 10]) == (pytest.approx(2e12), 2.0)
    assert vec.span_extents([10, 10], [0, -5e-324]) == (2.0, pytest.approx(2e12))
    for u, v in ([[1e-6, 0], [0, 1]], [[30, 40], [1, 0]], [[3, 1], [-1, 2]]):
        a, b = vec.span_extents(u, v)
        reach_u, reach_v = a * np.linalg.norm(u), b * np.linalg.norm(v)
        assert 1 / 3 < reach_u / reach_v < 3


def test_combinations_are_a_u_plus_b_v(rng: np.random.Generator) -> None:
    u, v = rng.normal(size=2), rng.normal(size=2)
    coefficients = rng.normal(size=(20, 2))
    expected = np.array([a * u + b * v for a, b in coefficients])
    assert_allclose(vec.combinations(u, v, coefficients), expected, rtol=1e-14, atol=1e-15)


def test_combinations_of_parallel_vectors_stay_on_one_line() -> None:
    u, v = np.array([1.0, 2.0]), np.array([-1.5, -3.0])
    tips = vec.combinations(u, v, vec.span_coefficients(*vec.span_extents(u, v)))
    assert np.linalg.matrix_rank(tips) == 1
    assert_allclose(tips[:, 1], 2 * tips[:, 0], atol=1e-14)


# -- The summary the scene reads.


def test_summary_of_the_default_vectors() -> None:
    s = vec.summarize([2.0, 1.0], [1.0, 2.0], -1.5)
    assert s.sum == (3.0, 3.0) and s.scaled == (-3.0, -1.5)
    assert s.dot == 4.0 and s.cross == 3.0
    assert_allclose(s.cosine, 0.8, rtol=1e-15)
    assert_allclose(s.angle_deg, math.degrees(math.atan2(3, 4)), rtol=1e-14)
    assert_allclose(s.projection, [1.6, 0.8], rtol=1e-14)
    assert_allclose(s.projection_length, 4 / math.sqrt(5), rtol=1e-14)
    assert_allclose(np.add(s.projection, s.rejection), s.v, rtol=1e-15)
    assert not s.parallel and s.span_dimension == 2
    data = s.to_json()
    for key in ("sum", "scaled", "dot", "angle_deg", "cosine", "projection"):
        assert key in data
    assert_allclose(data["span_tips"], vec.combinations(s.u, s.v, data["span_coefficients"]))


def test_summary_has_no_negative_zero() -> None:
    s = vec.summarize([1.0, 0.0], [0.0, 1.0], -1.0)
    assert math.copysign(1.0, s.scaled[1]) == 1.0
    assert math.copysign(1.0, s.projection[1]) == 1.0
