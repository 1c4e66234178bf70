"""StochasticGradientDescent on a user's CSV file (issue 21).

A CSV file written here (awkward column names, a few empty cells) goes through the
scene's checked build (conftest's ``built``); the sidecar's numbers are recomputed with
numpy and scikit-learn from the same file read by pandas (the rows complete in the two
columns, x standardised with the population sd): the least-squares fit on z, the full
gradient 2/N X^T(X theta - y) at the start, the per-example covariance and the closed
form (N - B)/(B(N - 1)) Sigma, the full batch's run as plain gradient descent, and the
seeded draws by the documented recipe. The scene's own refusals (a batch larger than the
rows used, columns the file lacks, a constant feature) go through the real command line:
exit 2, one line naming the parameter, nothing written. The ``exam-hours`` preset is
checked against scikit-learn on data/exam_scores.csv.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from sklearn.linear_model import LinearRegression  # type: ignore[import-untyped]

from conftest import PROJECT_DIR, rejected_render, scene_group
from mlmath_viz import tables
from scenes.optimization.params import StochasticGradientDescentParams as Params
from scenes.optimization.stochastic_gradient_descent import StochasticGradientDescent
from scenes.parameters import build

#: Relative tolerance against the oracles: float64 on the same numbers.
RTOL = 1e-9
X_COL = "dose (mg)"
Y_COL = "response_level"


@pytest.fixture(scope="module")
def user_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """60 invented measurements: an id, a dose in mg, a response; 3 empty cells in the
    used columns and one in an unused column."""
    rng = np.random.default_rng(2122)
    n = 60
    dose = rng.uniform(5.0, 50.0, n)
    response = 12.0 + 0.8 * dose + rng.normal(0.0, 5.0, n)
    frame = pd.DataFrame(
        {
            "sample id": [f"m{i}" for i in range(n)],
            X_COL: np.round(dose, 2),
            Y_COL: np.round(response, 2),
            "note": ["ok"] * n,
        }
    ).astype(object)
    frame.loc[[4, 33], X_COL] = None
    frame.loc[20, Y_COL] = None
    frame.loc[7, "note"] = None
    path = tmp_path_factory.mktemp("own-data-sgd") / "doses.csv"
    frame.to_csv(path, index=False)
    return path


def oracle_xy(path: Path, x: str, y: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """z (x standardised, ddof = 0), y and x of the file's rows complete in x and y."""
    complete = pd.read_csv(path)[[x, y]].dropna()
    xs = complete[x].to_numpy(dtype=float)
    return (xs - xs.mean()) / xs.std(), complete[y].to_numpy(dtype=float), xs


def check_against_oracles(data: dict[str, Any], p: Params, path: Path) -> None:
    z, y, xs = oracle_xy(path, p.feature, p.target)
    n = len(y)
    xm = np.column_stack([np.ones_like(z), z])
    assert data["n"] == n
    assert_allclose([data["x_mean"], data["x_std"]], [xs.mean(), xs.std()], rtol=RTOL)
    model = LinearRegression().fit(z.reshape(-1, 1), y)
    assert_allclose(data["lstsq"], [model.intercept_, model.coef_[0]], rtol=RTOL)
    start = np.zeros(2)
    full = 2.0 / n * xm.T @ (xm @ start - y)
    assert_allclose(data["full_gradient"], full, rtol=1e-12)
    per = 2.0 * (xm @ start - y)[:, None] * xm
    sigma = np.cov(per, rowvar=False, ddof=0)
    assert_allclose(data["per_example_covariance"], sigma, rtol=1e-10)
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence(p.seed)))
    for b in p.batch_sizes:
        run = data[str(b)]
        closed = (n - b) / (b * (n - 1)) * sigma
        assert_allclose(run["predicted_covariance"], closed, rtol=1e-10, atol=1e-9)
        # The documented draws: 1000 batches rng.permutation(N)[:B], then the run's epochs.
        samples = []
        for _ in range(len(data["gradient_samples"][str(b)])):
            s = rng.permutation(n)[:b]
            samples.append(2.0 / b * xm[s].T @ (xm[s] @ start - y[s]))
        assert_allclose(data["gradient_samples"][str(b)], samples, rtol=1e-9, atol=1e-9)
        theta, want, order = start, [start], np.zeros(0, dtype=int)
        per_epoch = n // b
        for k in range(p.steps):
            if k % per_epoch == 0:
                order = rng.permutation(n)
            s = order[(k % per_epoch) * b : (k % per_epoch + 1) * b]
            theta = theta - p.lr * 2.0 / b * xm[s].T @ (xm[s] @ theta - y[s])
            want.append(theta)
        assert_allclose(run["trajectory"], want, rtol=1e-9, atol=1e-6)
        losses = [np.mean((xm @ t - y) ** 2) for t in want]
        assert_allclose(run["losses"], losses, rtol=1e-12)
    if n in p.batch_sizes:  # the full batch is plain gradient descent
        theta, want = start, [start]
        for _ in range(p.steps):
            theta = theta - p.lr * 2.0 / n * xm.T @ (xm @ theta - y)
            want.append(theta)
        assert_allclose(data[str(n)]["trajectory"], want, rtol=1e-11, atol=1e-9)


@scene_group("StochasticGradientDescent")
def test_a_csv_through_the_scene_equals_numpy_and_scikit_learn(user_csv: Path, built: Any) -> None:
    overrides = {"data": str(user_csv), "feature": X_COL, "target": Y_COL}
    params = build("StochasticGradientDescent", Params, {**overrides, "batch_sizes": "1,4,57"})
    report = built(StochasticGradientDescent, params)
    assert report.problems == [], "\n".join(report.problems)
    assert report.standard == [], "\n".join(report.standard)
    scene = report.scene
    data = scene.data
    check_against_oracles(data, params, user_csv)
    source = data["data_source"]
    assert source["path"] == str(user_csv)
    assert source["sha256"] == tables.file_sha256(user_csv)
    assert (source["rows"], source["rows_dropped"]) == (57, 3)  # the note's gap drops none
    assert source["columns"] == [X_COL, Y_COL]
    assert (data["feature"], data["target"]) == (X_COL, Y_COL)
    # On screen: the column names (underscores as spaces) and the dropped-rows note.
    shown = [getattr(m, "original_text", getattr(m, "tex_string", "")) for m in scene.picture.units]
    assert any("dose (mg)" in t for t in shown), shown
    assert any("response level" in t for t in shown), shown
    assert "3 rows dropped (missing values)" in shown
    caption = scene.beats[0].caption
    assert "57 rows of doses.csv (3 dropped for a missing value)" in caption
    assert "standardised dose (mg) and y the response level" in caption
    assert "diabetes" not in caption and "patients" not in caption
    assert "The full batch (B = 57) is plain gradient descent" in scene.beats[-1].caption


@scene_group("StochasticGradientDescent")
def test_shipped_preset_exam_hours_equals_the_oracles(built: Any) -> None:
    from scenes import presets

    overrides = presets.load_all(presets.PRESETS_FILE)[0]["StochasticGradientDescent"]["exam-hours"]
    params = build("StochasticGradientDescent", Params, overrides)
    report = built(StochasticGradientDescent, params)
    assert report.problems == [], "\n".join(report.problems)
    data = report.scene.data
    exam = PROJECT_DIR / "data" / "exam_scores.csv"
    check_against_oracles(data, params, exam)
    # The preset's comment: 93 students (3 of 96 dropped), b = 74.14, w = 7.72, batches of
    # 1, 8 and all 93; final = 57.03 + 2.49 hours in the original units.
    assert params.batch_sizes == (1, 8, 93)
    assert (data["n"], data["data_source"]["rows_dropped"]) == (93, 3)
    assert_allclose(data["lstsq"], [74.14, 7.72], atol=0.005)
    slope = data["lstsq"][1] / data["x_std"]
    assert_allclose([data["lstsq"][0] - slope * data["x_mean"], slope], [57.03, 2.49], atol=0.005)
    assert data["data_source"]["path"] == "data/exam_scores.csv"


SMALL = "id,x_val,y val,flat\na,1,2,3\nb,,3,3\nc,2,5,3\nd,3,4,3\ne,4,9,3\n"


@pytest.mark.parametrize(
    ("settings", "words"),
    [
        ({"batch_sizes": "1,5"}, ["parameter 'batch_sizes' got [1,5]", "has 4 usable rows",
                                  "1 dropped", "1..4"]),
        ({"batch_sizes": "2,1"}, ["parameter 'batch_sizes'", "strictly increasing"]),
        ({"feature": "x"}, ["parameter 'feature' got 'x'", "columns: id, x_val, y val, flat"]),
        ({"target": "y"}, ["parameter 'target' got 'y'", "no such column"]),
        ({"target": "x_val"}, ["parameter 'target'", "other than feature"]),
        ({"feature": "flat"}, ["parameter 'data'", "'flat' is constant"]),
    ],
    ids=["batch-above-rows", "decreasing", "no-feature", "no-target", "same-column", "constant"],
)  # fmt: skip
def test_bad_batches_and_columns_exit_2_naming_the_parameter(
    tmp_path: Path, settings: dict[str, str], words: list[str]
) -> None:
    path = tmp_path / "small.csv"
    path.write_text(SMALL, encoding="utf-8")
    base = {"data": str(path), "feature": "x_val", "target": "y val", "batch_sizes": "1,4"}
    sets = [f"{k}={v}" for k, v in {**base, **settings}.items()]
    line = rejected_render(
        tmp_path, "StochasticGradientDescent", *(a for s in sets for a in ("--set", s))
    )
    for word in words:
        assert word in line, line


def test_shipped_mode_still_refuses_batches_past_442(tmp_path: Path) -> None:
    line = rejected_render(tmp_path, "StochasticGradientDescent", "--set", "batch_sizes=1,443")
    assert "parameter 'batch_sizes' got [1,443]" in line and "[1, 442]" in line, line


def test_a_full_batch_of_a_file_is_its_rows_used(user_csv: Path) -> None:
    """In process: the batch sizes' limit is the rows used, not the diabetes data's 442."""
    overrides = {"data": str(user_csv), "feature": X_COL, "target": Y_COL}
    assert build("StochasticGradientDescent", Params, {**overrides, "batch_sizes": "57"})
    from scenes.parameters import ParamError

    with pytest.raises(ParamError, match="has 57 usable rows, 3 dropped"):
        build("StochasticGradientDescent", Params, {**overrides, "batch_sizes": "58"})
