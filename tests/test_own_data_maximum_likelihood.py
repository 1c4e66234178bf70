"""MaximumLikelihood on a user's CSV file (issue 21): one group of rows, one column.

The scene is built (no video) from a CSV file written here and from the ``exam-final``
preset; the sidecar's MLE is compared with ``scipy.stats.norm.fit`` on the same rows read
by ``pandas.read_csv``, the MAP with the conjugate closed form computed here from numpy's
moments and with ``scipy.optimize.minimize_scalar`` on the log-posterior. The refusals
particular to this scene go through the real command line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import scipy.optimize
import scipy.stats
from numpy.testing import assert_allclose

from conftest import PROJECT_DIR, rejected_render, scene_group
from mlmath_viz import tables
from scenes.parameters import ParamError, build
from scenes.statistics.maximum_likelihood import MaximumLikelihood
from scenes.statistics.params import MaximumLikelihoodParams

#: Both sides are float64 sums over the same numbers (the MLE std: scipy's own fit).
RTOL = 1e-9
EXAM = PROJECT_DIR / "data" / "exam_scores.csv"
SCENE = "MaximumLikelihood"


@pytest.fixture(scope="module")
def user_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """60 plants (awkward names, a text group column, missing cells: one in the sun
    group's height, one in the group column, one in a column not used here)."""
    rng = np.random.default_rng(2122)
    n = 60
    plot = np.where(np.arange(n) % 2 == 0, "shade", "sun")
    height = 20.0 + np.where(plot == "sun", 6.0, 0.0) + rng.normal(0, 3.0, n)
    frame = pd.DataFrame(
        {
            "plant id": [f"p{i:02d}" for i in range(n)],
            "height_cm": np.round(height, 1),
            "leaf width (mm)": np.round(rng.normal(30.0, 4.0, n), 1),
            "plot": plot,
        }
    ).astype(object)
    frame.loc[5, "height_cm"] = None  # sun
    frame.loc[30, "plot"] = None  # in no group
    frame.loc[7, "leaf width (mm)"] = None  # not used here
    path = tmp_path_factory.mktemp("own-data-ml") / "plants.csv"
    frame.to_csv(path, index=False)
    return path


def closed_form(x: np.ndarray, m: float, s: float) -> tuple[float, float]:
    """The posterior of mu with sigma known (= the 1/n std): precisions add,
    mean = (m/s^2 + n xbar/sigma^2) / (1/s^2 + n/sigma^2)."""
    n, xbar, var = x.size, float(np.mean(x)), float(np.var(x))
    precision = 1 / s**2 + n / var
    return (m / s**2 + n * xbar / var) / precision, precision**-0.5


def check_fit(data: dict[str, Any], x: np.ndarray, m: float, s: float) -> None:
    loc, scale = scipy.stats.norm.fit(x)
    assert data["n"] == x.size
    assert_allclose(data["mle_mean"], loc, rtol=RTOL)
    assert_allclose(data["mle_std"], scale, rtol=RTOL)
    assert_allclose(
        data["log_likelihood_at_mle"], np.sum(scipy.stats.norm.logpdf(x, loc, scale)), rtol=RTOL
    )
    map_mean, post_sd = closed_form(x, m, s)
    assert_allclose(data["map_mean"], map_mean, rtol=RTOL)
    assert_allclose(data["posterior_sd"], post_sd, rtol=RTOL)
    found = scipy.optimize.minimize_scalar(
        lambda mu: (
            -(np.sum(scipy.stats.norm.logpdf(x, mu, scale)) + scipy.stats.norm.logpdf(mu, m, s))
        ),
        bounds=(min(m, x.min()) - 1, max(m, x.max()) + 1),
        method="bounded",
        options={"xatol": 1e-10},
    ).x
    assert_allclose(data["map_mean"], found, atol=1e-6 * max(1.0, abs(found)))


@scene_group(SCENE)
def test_one_group_of_a_csv_equals_scipy_and_the_closed_form(user_csv: Path, built: Any) -> None:
    params = build(
        SCENE,
        MaximumLikelihoodParams,
        {
            "data": str(user_csv),
            "feature": "height_cm",
            "group_column": "plot",
            "group": "sun",
            "prior_mean": "20",
            "prior_sd": "1.5",
        },
    )
    report = built(MaximumLikelihood, params)
    assert report.problems == [], "\n".join(report.problems)
    assert report.standard == [], "\n".join(report.standard)
    data = report.scene.data
    raw = pd.read_csv(user_csv)
    group = raw[raw["plot"] == "sun"]
    x = group["height_cm"].dropna().to_numpy()
    check_fit(data, x, 20.0, 1.5)
    assert_allclose(np.sort(data["values"]), np.sort(x), rtol=0, atol=0)
    assert (data["group_column"], data["group"]) == ("plot", "sun")
    source = data["data_source"]
    assert source["sha256"] == tables.file_sha256(user_csv)
    assert (source["rows"], source["rows_dropped"]) == (x.size, len(group) - x.size) == (29, 1)
    assert source["columns"] == ["height_cm", "plot"]
    captions = [b.caption for b in report.scene.beats]
    assert "over the 29 rows with plot sun" in captions[0]
    assert "1 row dropped (missing values)" in captions[0]
    for caption in captions:  # a file's columns have no unit
        assert not re.search(r"\d cm\b", caption), caption


@scene_group(SCENE)
def test_preset_exam_final_equals_scipy_and_the_closed_form(built: Any) -> None:
    from scenes import presets

    overrides = presets.load_all(presets.PRESETS_FILE)[0][SCENE]["exam-final"]
    report = built(SCENE, build(SCENE, MaximumLikelihoodParams, overrides))
    assert report.problems == [], "\n".join(report.problems)
    data = report.scene.data
    raw = pd.read_csv(EXAM)
    x = raw[raw["section"] == "B"]["final"].dropna().to_numpy()
    check_fit(data, x, 65.0, 5.0)
    # the numbers the preset's comment states
    assert data["n"] == 46 and data["data_source"]["rows_dropped"] == 2
    shown = {k: f"{data[k]:.2f}" for k in ("mle_mean", "mle_std", "map_mean", "posterior_sd")}
    assert shown == {
        "mle_mean": "77.74",
        "mle_std": "10.72",
        "map_mean": "76.58",
        "posterior_sd": "1.51",
    }
    assert f"{data['data_weight']:.3f}" == "0.909"
    assert f"{data['prior_precision']:.2f}" == "0.04" and f"{data['data_precision']:.2f}" == "0.40"


@pytest.mark.parametrize(
    ("settings", "words"),
    [
        (("feature=height",), "parameter 'feature' got 'height'"),
        (("feature=height_cm", "group_column=plot", "group=rain"), "parameter 'group' got 'rain'"),
        (("feature=height_cm", "prior_sd=0"), "parameter 'prior_sd' got 0; allowed"),
    ],
)
def test_bad_columns_groups_and_priors_exit_2_naming_them(
    tmp_path: Path, user_csv: Path, settings: tuple[str, ...], words: str
) -> None:
    args = [a for s in (f"data={user_csv}", *settings) for a in ("--set", s)]
    line = rejected_render(tmp_path, SCENE, *args)
    assert words in line, line


def test_the_iris_ranges_of_the_prior_stay_refused_without_data(tmp_path: Path) -> None:
    line = rejected_render(tmp_path, SCENE, "--set", "prior_mean=65")
    assert "parameter 'prior_mean' got 65; allowed: a real number in [0, 10]" in line
    with pytest.raises(ParamError, match=re.escape("'prior_sd' got 20; allowed: a real number")):
        build(SCENE, MaximumLikelihoodParams, {"prior_sd": "20"})
    with pytest.raises(ParamError, match=re.escape("'group' got 'A'; allowed only with data")):
        build(SCENE, MaximumLikelihoodParams, {"group": "A"})


def test_a_prior_in_a_files_units_is_accepted(user_csv: Path) -> None:
    p = build(
        SCENE,
        MaximumLikelihoodParams,
        {"data": str(user_csv), "feature": "height_cm", "prior_mean": "-250", "prior_sd": "400"},
    )
    assert (p.prior_mean, p.prior_sd) == (-250.0, 400.0)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("v\n3\n3\n3\n", "column 'v' has 1 distinct value in the rows used"),
        ("v,w\n3,1\n,2\n", "has 1 usable row after dropping 1 with missing values"),
        ("v\n3\nx\n", "column 'v' must be numeric but line 3 holds 'x'"),
    ],
)
def test_refusals_in_process(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ParamError, match=re.escape(message)):
        build(SCENE, MaximumLikelihoodParams, {"data": str(path), "feature": "v"})
