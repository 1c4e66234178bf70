"""Eigenvectors and ChangeOfBasis: their own mobjects against numpy and their sidecar data.

Each scene is built without video for a table of matrices, including the awkward ones
(complex eigenvalues, a shear, a scalar matrix, a zero or negative eigenvalue, an
eigenvector along an axis): the session's checked build of each (conftest's ``built``,
shared with test_scene_checks and test_golden where the parameters are the defaults or
a preset), whose report says which beats were checked and which of the scene's
invariants (drawn tips and lines against its data, at every beat's end) failed. Drawn
coordinates are compared in plane units with ATOL = 1e-6 (far below a pixel), the
invariants' tolerance too; numpy's eig is the oracle for the numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from numpy.testing import assert_allclose

from conftest import rejected_render, scene_group
from mlmath_viz import eigen
from scenes.linear_algebra.params import ChangeOfBasisParams, EigenvectorsParams
from scenes.parameters import ParamError, build

ATOL = 1e-6

EIGEN_MATRICES: dict[str, tuple[tuple[tuple[float, float], tuple[float, float]], int]] = {
    "default": (((2.0, 1.0), (0.5, 1.5)), 12),
    "rotation": (((0.0, -1.0), (1.0, 0.0)), 12),
    "shear": (((1.0, 1.0), (0.0, 1.0)), 12),
    "scaling": (((1.5, 0.0), (0.0, 1.5)), 16),
    "singular": (((1.0, 2.0), (0.5, 1.0)), 12),
    "flip": (((1.0, 2.0), (2.0, -2.0)), 8),
    "zero": (((0.0, 0.0), (0.0, 0.0)), 12),
    "negative-scalar": (((-2.0, 0.0), (0.0, -2.0)), 12),
    "nilpotent": (((0.0, 1.0), (0.0, 0.0)), 24),
    "large-complex": (((10.0, -10.0), (10.0, 10.0)), 12),
}

#: What the panel must say for each kind of matrix (a fragment of its case remark).
# (The words moved with issue 17: "two eigen-directions" is said by the two lambda rows
# (a line of words at the x-axis's height read as an axis label), math went into
# MathTex, so the singular case is "\lambda = 0:" in LaTeX.)
CASE_WORDS = {
    "default": r"\lambda_2 = ",
    "rotation": "complex eigenvalues",
    "shear": "shear",
    "scaling": "every direction is\nan eigen-direction",
    "singular": r"\lambda = 0:",
    "flip": "flip\nthrough the origin",
    "zero": "collapses to the origin",
    "negative-scalar": "flips through 0",
    "nilpotent": "its arrows collapse to 0",
    "large-complex": "no real eigen-direction",
}

BASIS_MATRICES = {
    "default": ((1.5, 0.5), (1.0, 1.0)),
    "negative-eigenvalue": ((0.5, 1.5), (1.0, 0.0)),
    "symmetric": ((2.0, 1.0), (1.0, 2.0)),
    "scalar": ((3.0, 0.0), (0.0, 3.0)),
    "zero-eigenvalue": ((1.0, 2.0), (2.0, 4.0)),
    "eigenvector-e1": ((2.0, 1.0), (0.0, 1.0)),
    "eigenvector-e2": ((2.0, 0.0), (1.0, 1.0)),
    "zero": ((0.0, 0.0), (0.0, 0.0)),
}


@dataclass
class Case:
    """One row of a table: its name and the session's checked build of it."""

    name: str
    report: Any  # scenes.kit.checking.CheckReport

    @property
    def scene(self) -> Any:
        """The built scene in its final state (shared: read it, never change it)."""
        return self.report.scene


@pytest.fixture(params=list(EIGEN_MATRICES))
def ring_case(request: pytest.FixtureRequest, built: Any) -> Case:
    matrix, arrows = EIGEN_MATRICES[request.param]
    return Case(
        request.param, built("Eigenvectors", EigenvectorsParams(matrix=matrix, arrows=arrows))
    )


@pytest.fixture
def ring_scene(ring_case: Case) -> Any:
    return ring_case.scene


def largest_entry(v: np.ndarray) -> float:
    """The entry of largest magnitude; magnitudes equal to 12 decimals tie, and a tie
    goes to the first entry (the convention of mlmath_viz.eigen)."""
    return float(v[int(np.argmax(np.abs(np.round(v, 12))))])


def numpy_eig(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    values, vectors = np.linalg.eig(a)
    return values, vectors


@scene_group("Eigenvectors")
def test_ring_tips_end_at_a_times_u(ring_scene: Any) -> None:
    a = np.array(ring_scene.params.matrix)
    ring = np.array(ring_scene.data["ring"])
    tips = np.array(
        [ring_scene.picture.view.p2c(arrow.get_end()) for arrow in ring_scene.picture.ring]
    )
    assert_allclose(np.linalg.norm(ring, axis=1), 1.0, rtol=1e-12)
    assert_allclose(tips, ring @ a.T, atol=ATOL)
    assert len(ring) >= ring_scene.params.arrows


@scene_group("Eigenvectors")
def test_eigen_arrows_stay_on_their_span_scaled_by_lambda(ring_scene: Any) -> None:
    a = np.array(ring_scene.params.matrix)
    values = numpy_eig(a)[0]
    for arrow, u, lab in zip(
        ring_scene.picture.ring, ring_scene.data["ring"], ring_scene.data["ring_eigen"], strict=True
    ):
        if lab < 0:
            continue
        tip = ring_scene.picture.view.p2c(arrow.get_end())
        assert_allclose(tip[0] * u[1] - tip[1] * u[0], 0.0, atol=ATOL)  # on its own line
        lam = float(tip @ np.array(u))  # signed stretch along u
        assert np.min(np.abs(values - lam)) < 1e-6, (lam, values)  # an eigenvalue of A
        assert_allclose(a @ np.array(u), lam * np.array(u), atol=1e-9)  # u is an eigenvector


@scene_group("Eigenvectors")
def test_highlighted_arrows_by_case(ring_scene: Any) -> None:
    from scenes.kit.style import PALETTE

    labels = ring_scene.data["ring_eigen"]
    highlighted = sum(lab >= 0 for lab in labels)
    kind = ring_scene.data["eigen_structure"]
    expected = {"complex": 0, "defective": 2, "distinct": 4, "scalar": len(labels)}[kind]
    assert highlighted == expected
    for arrow, lab in zip(ring_scene.picture.ring, labels, strict=True):
        colour = arrow.get_color().to_hex().lower()
        want = PALETTE.eigen[lab] if lab >= 0 else PALETTE.muted
        assert colour == want.lower()


@scene_group("Eigenvectors")
def test_eigen_numbers_match_numpy(ring_scene: Any) -> None:
    a = np.array(ring_scene.params.matrix)
    values, vectors = numpy_eig(a)
    got = np.array([complex(re, im) for re, im in ring_scene.data["eigenvalues"]])
    assert_allclose(got, values[np.lexsort((values.imag, values.real))], atol=1e-9)
    real = [vectors[:, k].real for k in range(2) if abs(values[k].imag) < 1e-12]
    for v in ring_scene.data["eigenvectors"]:
        v = np.array(v)
        assert_allclose(np.linalg.norm(v), 1.0, rtol=1e-12)
        assert largest_entry(v) > 0  # sign convention: largest entry positive
        # The same line as one of numpy's eigenvectors (up to sign and normalisation).
        assert max(abs(v @ w) / np.linalg.norm(w) for w in real) == pytest.approx(1.0, abs=1e-6)
        lam = float(v @ a @ v)
        assert_allclose(a @ v, lam * v, atol=1e-9)


@scene_group("Eigenvectors")
def test_the_case_is_said_on_screen(ring_case: Case) -> None:
    from manim import MathTex, Text

    members = ring_case.scene.get_mobject_family_members()
    texts = [m.original_text for m in members if isinstance(m, Text)]
    texts += [m.tex_string for m in members if isinstance(m, MathTex)]
    # Words may be wrapped onto lines anywhere: compare with whitespace collapsed.
    said = [" ".join(t.split()) for t in texts]
    assert any(" ".join(CASE_WORDS[ring_case.name].split()) in t for t in said), texts


@scene_group("Eigenvectors")
def test_no_stray_words_beside_the_plane_in_the_eigen_rows(ring_case: Case) -> None:
    # Issue 17: "two eigen-directions" alone in the panel at the x-axis's height read as
    # an axis label. Two real eigen-directions are said by their lambda rows only.
    from manim import Text

    scene = ring_case.scene
    words = [m.original_text for m in scene.picture.eigen_rows if isinstance(m, Text)]
    assert not any("two eigen-directions" in w for w in words), words
    if scene.data["eigen_structure"] == "distinct" and not words:
        assert len(scene.picture.eigen_rows) >= 2


@scene_group("Eigenvectors")
def test_eigen_lines_follow_the_eigenvectors(ring_scene: Any) -> None:
    lines = ring_scene.picture.eigen_lines
    kind = ring_scene.data["eigen_structure"]
    assert len(lines) == {"complex": 0, "defective": 1, "distinct": 2, "scalar": 0}[kind]
    for line, v in zip(lines, ring_scene.data["eigenvectors"], strict=False):
        d = ring_scene.picture.view.p2c(line.get_end()) - ring_scene.picture.view.p2c(
            line.get_start()
        )
        d = d / np.linalg.norm(d)
        assert_allclose(abs(d @ np.array(v)), 1.0, atol=1e-9)


# -- ChangeOfBasis: the drawn tips at every beat's end are the scene's invariants (in
# the report); the data they are checked against is compared with numpy here, and the
# final picture directly.

BEATS = ["setup", "to-eigenbasis", "scale", "back", "compare"]


@pytest.fixture(params=list(BASIS_MATRICES))
def basis_case(request: pytest.FixtureRequest, built: Any) -> Case:
    params = ChangeOfBasisParams(matrix=BASIS_MATRICES[request.param])
    return Case(request.param, built("ChangeOfBasis", params))


@pytest.fixture
def basis_scene(basis_case: Case) -> Any:
    return basis_case.scene


def drawn(scene: Any, mobjects: Any) -> np.ndarray:
    """Plane coordinates of the drawn tips of ``mobjects``."""
    return np.array([scene.picture.view.p2c(m.get_end()) for m in mobjects])


def assert_every_beat_checked(report: Any) -> None:
    """The beats ran in order, each declared its invariants, and every one held."""
    assert report.beats == BEATS
    assert all(report.measured[beat]["invariants"] > 0 for beat in BEATS), report.measured
    assert report.problems == [], "\n".join(report.problems)


@scene_group("ChangeOfBasis")
def test_p_and_d_match_numpy_eig(basis_scene: Any) -> None:
    a = np.array(basis_scene.params.matrix)
    p = np.array(basis_scene.data["P"])
    d = np.array(basis_scene.data["D"])
    values = np.sort(np.linalg.eigvals(a).real)
    assert_allclose(np.diag(d), values, atol=1e-9)
    assert_allclose(p @ d @ np.linalg.inv(p), a, atol=1e-9)  # A = P D P^-1
    assert_allclose(np.array(basis_scene.data["P_inv"]), np.linalg.inv(p), atol=1e-12)
    for k in range(2):
        col = p[:, k]
        assert_allclose(np.linalg.norm(col), 1.0, rtol=1e-12)
        assert largest_entry(col) > 0


@scene_group("ChangeOfBasis")
def test_three_moves_end_on_a(basis_case: Case) -> None:
    scene, data = basis_case.scene, basis_case.scene.data
    a = np.array(scene.params.matrix)
    p = np.array(data["P"])
    lam = np.diag(np.array(data["D"]))
    # At every beat's end the drawn basis and eigenvector tips equal the data's stage
    # (the scene's invariants, within ATOL); the stages themselves against numpy:
    assert_every_beat_checked(basis_case.report)
    assert_allclose(data["eigenvectors"], p.T, atol=ATOL)
    # After P^-1: the eigenvectors lie on the axes with length 1; e1, e2 at P^-1's columns.
    assert_allclose(data["eigenvector_stages"][0], np.eye(2), atol=ATOL)
    assert_allclose(data["basis_stages"][0], np.linalg.inv(p).T, atol=ATOL)
    # After D: along the axes, scaled by the eigenvalues.
    assert_allclose(data["eigenvector_stages"][1], np.diag(lam), atol=ATOL)
    # After P (and still at the end): i-hat and j-hat at A's columns; v_k at lambda_k v_k.
    stage = scene.picture.stage
    for basis, eigen_tips in (
        (data["basis_stages"][2], data["eigenvector_stages"][2]),
        (drawn(scene, (stage.i_hat, stage.j_hat)), drawn(scene, scene.picture.eigen_arrows)),
    ):
        assert_allclose(basis, a.T, atol=ATOL)
        assert_allclose(eigen_tips, lam[:, None] * p.T, atol=ATOL)


@scene_group("ChangeOfBasis")
def test_eigen_lines_become_the_axes_and_come_back(basis_case: Case) -> None:
    scene, data = basis_case.scene, basis_case.scene.data
    p = np.array(data["P"])
    # Every beat's invariants hold: each eigen-line runs along its eigenvector's stage.
    assert_every_beat_checked(basis_case.report)
    view = scene.picture.view
    lines = [view.p2c(m.get_end()) - view.p2c(m.get_start()) for m in scene.picture.eigen_lines]
    if data["eigen_structure"] == "scalar":
        assert lines == []
        return
    lam = np.diag(np.array(data["D"]))
    # The line directions the invariants held at setup and after P^-1, then the lines
    # as drawn at the end (after P; the last beat does not move them).
    stages = (("setup", data["eigenvectors"]), ("to-eigenbasis", data["eigenvector_stages"][0]))
    for beat, directions in (*stages, ("back", lines)):
        want = {"setup": p.T, "to-eigenbasis": np.eye(2), "back": p.T}[beat]
        for k, (d, v) in enumerate(zip(np.array(directions), want, strict=True)):
            if beat == "back" and abs(lam[k]) < 1e-12:
                # D's zero factor sent this whole line to the origin; it stays there.
                assert_allclose(d, [0.0, 0.0], atol=ATOL)
                continue
            assert_allclose(abs(d @ v) / np.linalg.norm(d), 1.0, atol=1e-9)


@scene_group("ChangeOfBasis")
def test_ghost_of_a_lands_on_the_moved_basis(basis_scene: Any) -> None:
    a = np.array(basis_scene.params.matrix)
    ghosts = drawn(basis_scene, basis_scene.picture.ghost_arrows)
    assert_allclose(ghosts, a.T, atol=ATOL)


# -- Bad input: one line, exit 2, nothing written.

BAD = [
    (["ChangeOfBasis", "--set", "matrix=0,-1,1,0"], "complex eigenvalues"),
    (["ChangeOfBasis", "--set", "matrix=1,1,0,1"], "defective"),
    (["ChangeOfBasis", "--set", "matrix=1,1,0,1.001"], "nearly parallel eigenvectors"),
    (["ChangeOfBasis", "--set", "matrix=nan,0,0,1"], "parameter 'matrix'"),
    (["ChangeOfBasis", "--set", "matrix=1,2,3"], "2x2 matrix of real numbers"),
    (["Eigenvectors", "--set", "matrix=1,2,3,nan"], "parameter 'matrix'"),
    (["Eigenvectors", "--set", "matrix=11,0,0,1"], "each in [-10, 10]"),
    (["Eigenvectors", "--set", "matrix=1,0,0"], "2x2 matrix of real numbers"),
    (["Eigenvectors", "--set", "arrows=7"], "parameter 'arrows'"),
    (["Eigenvectors", "--set", "arrows=25"], "parameter 'arrows'"),
    (["Eigenvectors", "--set", "run_time=inf"], "parameter 'run_time'"),
]


@pytest.mark.parametrize(("args", "fragment"), BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_input_exits_2_with_one_line(tmp_path: Path, args: list[str], fragment: str) -> None:
    line = rejected_render(tmp_path, *args)
    assert fragment in line, line
    if "matrix=0,-1" in args[-1] or "matrix=1,1,0" in args[-1]:
        assert "real eigenvalues with two independent eigenvectors" in line


@pytest.mark.parametrize(
    "matrix",
    [((3.0, 0.0), (0.0, 3.0)), ((0.0, 0.0), (0.0, 0.0)), ((1.0, 2.0), (2.0, 4.0))],
    ids=["scalar", "zero", "singular"],
)
def test_diagonalizable_awkward_matrices_are_accepted(matrix: Any) -> None:
    params = build("ChangeOfBasis", ChangeOfBasisParams, {"matrix": [list(r) for r in matrix]})
    assert params.matrix == matrix


def test_check_names_matrix_and_what_is_allowed() -> None:
    with pytest.raises(ParamError) as err:
        build("ChangeOfBasis", ChangeOfBasisParams, {"matrix": "2,1,0,2"})
    message = str(err.value)
    assert message.startswith("ChangeOfBasis: parameter 'matrix' got [[2, 1], [0, 2]]")
    assert "allowed: a diagonalizable matrix" in message and "\n" not in message


#: Parameter sets that broke the layout once (found by fuzzing), or extreme ones:
#: each must pass the scene checker (layout and invariants at every beat).
CHECKED = [
    # Eigenvalues -10 and 10: the unit arrows are tiny and P^-1 e1 lands near e1, so the
    # i-hat and v1 labels overlapped after the first move.
    ("ChangeOfBasis", {"matrix": [[-1.9175493579374804e-146, -10.0], [-10.0, 0.0]]}),
    ("ChangeOfBasis", {"matrix": [[10.0, 9.0], [9.0, 10.0]]}),
    ("Eigenvectors", {"matrix": [[-10.0, -10.0], [-5e-324, -10.0]]}),
    ("Eigenvectors", {"matrix": [[1.0, 1.0], [0.0, 1.0001]], "arrows": 24}),
]


@pytest.mark.parametrize(
    ("scene", "overrides"),
    [pytest.param(s, o, marks=scene_group(s), id=str(o)) for s, o in CHECKED],
)
def test_extreme_parameters_pass_the_checker(
    scene: str, overrides: dict[str, Any], built: Any
) -> None:
    params_type = {"ChangeOfBasis": ChangeOfBasisParams, "Eigenvectors": EigenvectorsParams}
    report = built(scene, build(scene, params_type[scene], overrides), keep=False)
    assert report.problems == [], "\n".join(report.problems)


def test_key_points_cover_the_image_ellipse(rng: np.random.Generator) -> None:
    """The view's key points (moved from mlmath_viz to the scene) hold the whole image
    of the unit circle."""
    from scenes.linear_algebra.eigenvectors import key_points

    for a in rng.uniform(-10, 10, size=(20, 2, 2)):
        s = eigen.summarize_eigenvectors(a)
        pts = key_points(s)
        t = np.linspace(0, 2 * np.pi, 721)
        ellipse = np.stack([np.cos(t), np.sin(t)], axis=1) @ a.T
        assert np.all(ellipse.max(axis=0) <= pts.max(axis=0) + 1e-9)
        assert np.all(ellipse.min(axis=0) >= pts.min(axis=0) - 1e-9)
