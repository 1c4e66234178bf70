"""Bootstrap on a user's CSV file (issue 21): one group of rows, one column.

The scene is built (no video) from a CSV file written here and from the ``exam-hours``
preset. The resamples are drawn again here with a fresh PCG64 generator from the seed
(the documented recipe) over the column as ``pandas.read_csv`` reads it, and the
statistics, percentile interval, standard error and t interval compared with numpy and
scipy. The refusals particular to this scene go through the real command line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import scipy.stats
from numpy.testing import assert_allclose

from conftest import PROJECT_DIR, rejected_render, scene_group
from mlmath_viz import tables
from scenes.parameters import ParamError, build
from scenes.statistics.bootstrap import Bootstrap
from scenes.statistics.params import BOOTSTRAP_MAX_ROWS, BootstrapParams

EXAM = PROJECT_DIR / "data" / "exam_scores.csv"
SCENE = "Bootstrap"


@pytest.fixture(scope="module")
def user_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """60 plants (awkward names, a text group column, missing cells: one in the sun
    group's leaf width, one in the group column, one in a column not used here)."""
    rng = np.random.default_rng(2123)
    n = 60
    plot = np.where(np.arange(n) % 2 == 0, "shade", "sun")
    frame = pd.DataFrame(
        {
            "plant id": [f"p{i:02d}" for i in range(n)],
            "height_cm": np.round(20.0 + rng.normal(0, 3.0, n), 1),
            "leaf width (mm)": np.round(rng.gamma(4.0, 7.0, n), 1),
            "plot": plot,
        }
    ).astype(object)
    frame.loc[7, "leaf width (mm)"] = None  # sun
    frame.loc[30, "plot"] = None  # in no group
    frame.loc[5, "height_cm"] = None  # not used here
    path = tmp_path_factory.mktemp("own-data-boot") / "plants.csv"
    frame.to_csv(path, index=False)
    return path


def check_bootstrap(data: dict[str, Any], x: np.ndarray, p: BootstrapParams) -> None:
    """Everything recomputed from ``x`` (the column as pandas reads it, file order)."""
    fn = np.mean if p.statistic == "mean" else np.median
    assert_allclose(data["sample"], x, rtol=0, atol=0)
    assert data["n"] == x.size
    assert_allclose(data["estimate"], fn(x), rtol=1e-14)
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence(p.seed)))
    idx = rng.integers(0, x.size, size=(p.resamples, x.size))
    stats = fn(x[idx], axis=1)
    assert_allclose(data["bootstrap_statistics"], stats, rtol=1e-14)
    q = np.quantile(stats, [(1 - p.level) / 2, (1 + p.level) / 2], method="linear")
    assert_allclose(data["percentile_interval"], q, rtol=1e-14)
    assert_allclose(data["standard_error"], stats.std(ddof=1), rtol=1e-12)
    t = scipy.stats.t.interval(p.level, x.size - 1, loc=x.mean(), scale=scipy.stats.sem(x))
    assert_allclose(data["mean_t_interval"], t, rtol=1e-12)


@scene_group(SCENE)
def test_one_group_of_a_csv_equals_numpy_and_scipy(user_csv: Path, built: Any) -> None:
    params = build(
        SCENE,
        BootstrapParams,
        {
            "data": str(user_csv),
            "feature": "leaf width (mm)",
            "group_column": "plot",
            "group": "sun",
            "resamples": "500",
        },
    )
    report = built(Bootstrap, params)
    assert report.problems == [], "\n".join(report.problems)
    assert report.standard == [], "\n".join(report.standard)
    data = report.scene.data
    raw = pd.read_csv(user_csv)
    group = raw[raw["plot"] == "sun"]
    x = group["leaf width (mm)"].dropna().to_numpy()
    check_bootstrap(data, x, params)
    assert (data["group_column"], data["group"]) == ("plot", "sun")
    source = data["data_source"]
    assert source["sha256"] == tables.file_sha256(user_csv)
    assert (source["rows"], source["rows_dropped"]) == (x.size, len(group) - x.size) == (29, 1)
    assert source["columns"] == ["leaf width (mm)", "plot"]
    captions = [b.caption for b in report.scene.beats]
    assert "The leaf width (mm) of 29 rows with plot sun in plants.csv" in captions[0]
    assert "1 row dropped (missing values)" in captions[0]
    for caption in captions:  # a file's columns have no unit
        assert not re.search(r"\d cm\b", caption), caption


@scene_group(SCENE)
def test_preset_exam_hours_equals_numpy_and_scipy(built: Any) -> None:
    from scenes import presets

    overrides = presets.load_all(presets.PRESETS_FILE)[0][SCENE]["exam-hours"]
    params = build(SCENE, BootstrapParams, overrides)
    report = built(SCENE, params)
    assert report.problems == [], "\n".join(report.problems)
    data = report.scene.data
    hours = pd.read_csv(EXAM)["hours_studied"]
    x = hours.dropna().to_numpy()
    check_bootstrap(data, x, params)
    # the numbers the preset's comment states
    assert data["n"] == 95 and data["data_source"]["rows_dropped"] == 1
    assert data["estimate"] == hours.median() == 6.6
    assert data["sample"] and max(data["sample"]) == 17.1
    assert data["statistic"] == "median" and data["t_interval"] is None


@pytest.mark.parametrize(
    ("settings", "words"),
    [
        (("feature=leaf width",), "parameter 'feature' got 'leaf width'"),
        (("feature=height_cm", "group_column=plot", "group=rain"), "parameter 'group' got 'rain'"),
        (("feature=height_cm", "group_column=plots", "group=sun"), "'group_column' got 'plots'"),
    ],
)
def test_bad_columns_and_groups_exit_2_naming_them(
    tmp_path: Path, user_csv: Path, settings: tuple[str, ...], words: str
) -> None:
    args = [a for s in (f"data={user_csv}", *settings) for a in ("--set", s)]
    line = rejected_render(tmp_path, SCENE, *args)
    assert words in line, line


def test_more_rows_than_the_cap_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    rows = "\n".join(str(i % 17) for i in range(BOOTSTRAP_MAX_ROWS + 1))
    path.write_text("v\n" + rows + "\n", encoding="utf-8")
    line = rejected_render(tmp_path, SCENE, "--set", f"data={path}", "--set", "feature=v")
    assert (
        f"has {BOOTSTRAP_MAX_ROWS + 1} usable rows; allowed: at most {BOOTSTRAP_MAX_ROWS}" in line
    )


@pytest.mark.parametrize(
    ("text", "settings", "message"),
    [
        ("v\n3\n3\n3\n", {}, "column 'v' has 1 distinct value in the rows used"),
        ("v\n3\n", {}, "has 1 usable row; the scene needs at least 2"),
        ("v,g\n1,a\n2,b\n", {"group_column": "g", "group": "c"}, "values: 'a', 'b'"),
        ("v,g\n1,a\n2,b\n", {"group": "a"}, "parameter 'group' got 'a'; allowed: empty"),
    ],
)
def test_refusals_in_process(
    tmp_path: Path, text: str, settings: dict[str, str], message: str
) -> None:
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ParamError, match=re.escape(message)):
        build(SCENE, BootstrapParams, {"data": str(path), "feature": "v", **settings})


def test_a_group_value_list_shows_at_most_ten(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("v,g\n" + "\n".join(f"{i},k{i}" for i in range(12)) + "\n", encoding="utf-8")
    with pytest.raises(ParamError, match=re.escape("'k8', 'k9', ...")):
        build(
            SCENE,
            BootstrapParams,
            {"data": str(path), "feature": "v", "group_column": "g", "group": "z"},
        )


def test_group_column_and_group_need_data(tmp_path: Path) -> None:
    line = rejected_render(tmp_path, SCENE, "--set", "group=setosa")
    assert "parameter 'group' got 'setosa'; allowed only with data" in line


@scene_group(SCENE)
def test_few_distinct_values_are_counted_from_the_file(tmp_path: Path, built: Any) -> None:
    """Medians of a column with 3 values take few values; the caption counts the file's
    distinct values (pandas nunique), not the Iris data's 0.1 cm grid."""
    rng = np.random.default_rng(3)
    path = tmp_path / "few.csv"
    path.write_text("v\n" + "".join(f"{x}\n" for x in rng.choice([1, 2, 3], 30)), "utf-8")
    params = build(
        SCENE,
        BootstrapParams,
        {"data": str(path), "feature": "v", "statistic": "median", "resamples": "200"},
    )
    report = built(Bootstrap, params, keep=False)
    assert report.problems == [], "\n".join(report.problems)
    assert report.standard == [], "\n".join(report.standard)
    data = report.scene.data
    x = pd.read_csv(path)["v"].to_numpy(dtype=float)
    check_bootstrap(data, x, params)
    distinct = len(np.unique(data["bootstrap_statistics"]))
    assert data["distinct_statistics"] == distinct <= 12
    caption = {b.name: b.caption for b in report.scene.beats}["all"]
    assert f"The medians take only {distinct} values" in caption
    assert f"the 30 rows hold {pd.Series(x).nunique()} distinct values" in caption
    assert "0.1 cm" not in caption
