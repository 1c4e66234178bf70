"""BayesTheorem on a user's CSV file (issue 21): a screening test on the file's rows.

The scene is built (no video) from a CSV file written here, with awkward column names
(spaces, units, a slash) and a few empty cells; its sidecar numbers are compared with
scikit-learn's ``confusion_matrix`` on the same file read by pandas, and with Bayes'
theorem written out from the counts. The scene's own refusals go through the real
command line (exit 2, one line naming the parameter, nothing written). The shipped
``screening`` preset is checked against the same oracle on ``data/screening.csv``, and
that file against the script that makes it.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from sklearn.metrics import confusion_matrix

from conftest import PROJECT_DIR, rejected_render, scene_group
from mlmath_viz import tables
from scenes.parameters import ParamError, build
from scenes.statistics.params import BREAST_CANCER_PREVALENCE, BayesTheoremParams

#: Relative tolerance against the oracles: both sides are float64 on the same counts.
RTOL = 1e-12

FEATURE = "glucose (mg/dL)"
LABEL = "has diabetes"
SCREENING = PROJECT_DIR / "data" / "screening.csv"


@pytest.fixture(scope="module")
def user_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """120 invented people: a glucose level (mg/dL), a yes/no label, an age; two empty
    glucose cells, one empty label and an empty age (not used: drops nothing)."""
    rng = np.random.default_rng(2121)
    n = 120
    sick = rng.random(n) < 0.2
    glucose = np.where(sick, rng.normal(150, 25, n), rng.normal(100, 15, n))
    frame = pd.DataFrame(
        {
            "person id": [f"q{i:03d}" for i in range(n)],
            FEATURE: np.round(glucose, 1),
            LABEL: np.where(sick, "Yes", "No"),
            "age_years": rng.integers(20, 80, n),
        }
    ).astype(object)
    frame.loc[[7, 64], FEATURE] = None
    frame.loc[90, LABEL] = None
    frame.loc[3, "age_years"] = None
    path = tmp_path_factory.mktemp("own-data-bayes") / "glucose screening.csv"
    frame.to_csv(path, index=False)
    return path


def oracle(path: Path, feature: str, label: str) -> tuple[np.ndarray, np.ndarray]:
    """The feature and the label column as pandas reads the file, complete rows only."""
    frame = pd.read_csv(path, dtype={label: str})[[feature, label]].dropna()
    return frame[feature].to_numpy(dtype=float), frame[label].to_numpy(dtype=str)


def settings(path: Path, **extra: str) -> dict[str, str]:
    return {
        "data": str(path),
        "feature": FEATURE,
        "label_column": LABEL,
        "positive": "Yes",
        "threshold": "125",
        **extra,
    }


@scene_group("BayesTheorem")
@pytest.mark.parametrize("prevalence", [None, "0.02"])
def test_screening_a_csv_equals_scikit_learn_and_bayes(
    user_csv: Path, built: Any, prevalence: str | None
) -> None:
    extra = {"prevalence": prevalence} if prevalence else {}
    params = build("BayesTheorem", BayesTheoremParams, settings(user_csv, **extra))
    report = built("BayesTheorem", params)
    assert report.problems == [], "\n".join(report.problems)
    assert report.standard == [], "\n".join(report.standard)
    d = report.scene.data
    x, label = oracle(user_csv, FEATURE, LABEL)
    truth = label == "Yes"
    (tp, fn), (fp, tn) = confusion_matrix(truth, x > 125, labels=[True, False])
    assert d["confusion"] == {"tp": tp, "fp": fp, "fn": fn, "tn": tn}
    assert_allclose(d["sensitivity"], tp / (tp + fn), rtol=RTOL)
    assert_allclose(d["specificity"], tn / (tn + fp), rtol=RTOL)
    assert d["tumours"] == len(x) == 117 and d["positives"] == int(truth.sum())
    assert_allclose(d["data_prevalence"], truth.mean(), rtol=RTOL)
    if prevalence is None:
        # the default stands for the file's own share: then Bayes' theorem gives back
        # the counts' own ratios
        assert d["prevalence_source"] == "data"
        assert_allclose(d["prevalence"], truth.mean(), rtol=RTOL)
        assert_allclose(d["posterior"], tp / (tp + fp), rtol=RTOL)
        assert_allclose(d["negative_predictive_value"], tn / (tn + fn), rtol=RTOL)
        assert "the file's own prevalence" in report.scene.beats[2].caption
    else:
        assert d["prevalence_source"] == "given" and d["prevalence"] == 0.02
        s, c, pi = tp / (tp + fn), tn / (tn + fp), 0.02
        assert_allclose(d["posterior"], s * pi / (s * pi + (1 - c) * (1 - pi)), rtol=RTOL)
        assert "a given prevalence of 2%" in report.scene.beats[2].caption
    edges = np.array(d["bin_edges"])
    assert_allclose(edges[[0, -1]], [x.min(), x.max()], rtol=0, atol=0)
    pic = report.scene.picture
    want, _ = np.histogram(x[truth], bins=edges)
    assert_allclose(pic.malignant_bars.measured()[:, 2], want, atol=1e-6)
    source = d["data_source"]
    assert source["path"] == str(user_csv)
    assert source["sha256"] == tables.file_sha256(user_csv)
    assert (source["rows"], source["rows_dropped"]) == (117, 3)
    assert source["columns"] == [FEATURE, LABEL]
    caption = report.scene.beats[0].caption
    assert "3 rows dropped (missing values)" in caption and "glucose (mg/dL)" in caption


@scene_group("BayesTheorem")
def test_a_label_with_three_values_pools_the_others(tmp_path: Path, built: Any) -> None:
    """Every value other than ``positive`` is "without the condition"; values reach the
    screen with underscores as spaces."""
    rng = np.random.default_rng(7)
    n = 60
    stage = rng.choice(["none", "early", "late_stage"], n, p=[0.6, 0.25, 0.15])
    level = np.where(stage == "late_stage", 9.0, np.where(stage == "early", 6.0, 3.0))
    level = level + rng.normal(0, 1.5, n)
    path = tmp_path / "stages.csv"
    pd.DataFrame({"level_au": np.round(level, 2), "stage": stage}).to_csv(path, index=False)
    params = build(
        "BayesTheorem",
        BayesTheoremParams,
        {"data": str(path), "feature": "level_au", "label_column": "stage",
         "positive": "late_stage", "threshold": "7.5"},
    )  # fmt: skip
    report = built("BayesTheorem", params)
    assert report.problems == [], "\n".join(report.problems)
    assert report.standard == [], "\n".join(report.standard)
    x, label = oracle(path, "level_au", "stage")
    (tp, fn), (fp, tn) = confusion_matrix(label == "late_stage", x > 7.5, labels=[True, False])
    assert report.scene.data["confusion"] == {"tp": tp, "fp": fp, "fn": fn, "tn": tn}
    assert report.scene.data["positive"] == "late_stage"
    assert "stage not late stage" in report.scene.beats[0].caption


def test_the_default_prevalence_is_the_shipped_share_and_is_kept_without_data() -> None:
    p = build("BayesTheorem", BayesTheoremParams, {})
    tab, m = p.measurements()
    assert tab.source.path == "" and tab.source.rows == 569 and tab.source.rows_dropped == 0
    assert p.prevalence_from_data and p.prevalence_used(m) == BREAST_CANCER_PREVALENCE
    rare = build("BayesTheorem", BayesTheoremParams, {"prevalence": "0.01"})
    assert not rare.prevalence_from_data and rare.prevalence_used(m) == 0.01


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"positive": "yes"}, "parameter 'positive' got 'yes': data "),
        ({"positive": "yes"}, "values: 'No', 'Yes'"),
        ({"label_column": "person id"}, "parameter 'label_column' got 'person id'"),
        ({"label_column": "diagnosis"}, "parameter 'label_column' got 'diagnosis': data "),
        ({"feature": "glucose"}, "parameter 'feature' got 'glucose': data "),
        ({"feature": "person id"}, "column 'person id' must be numeric but line 2 holds"),
        ({"label_column": FEATURE}, "allowed: a column other than feature"),
        ({"threshold": "400"}, "feature's range on the rows used (else no row tests positive)"),
    ],
)
def test_bad_columns_and_values_are_refused_in_process(
    user_csv: Path, overrides: dict[str, str], message: str
) -> None:
    with pytest.raises(ParamError) as err:
        build("BayesTheorem", BayesTheoremParams, settings(user_csv, **overrides))
    assert message in str(err.value), str(err.value)
    assert "\n" not in str(err.value)


def test_a_label_column_with_one_value_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "one.csv"
    path.write_text("x,ill\n1,yes\n2,yes\n3,yes\n4,\n", encoding="utf-8")
    line = rejected_render(
        tmp_path, "BayesTheorem", "--set", f"data={path}", "--set", "feature=x",
        "--set", "label_column=ill", "--set", "positive=yes", "--set", "threshold=2",
    )  # fmt: skip
    assert "parameter 'label_column' got 'ill'" in line
    assert "has 1 value in that column on the rows used ('yes')" in line


def test_a_missing_positive_value_exits_2_listing_the_values(
    tmp_path: Path, user_csv: Path
) -> None:
    args = [f"{k}={v}" for k, v in settings(user_csv, positive="maybe").items()]
    line = rejected_render(tmp_path, "BayesTheorem", *(a for s in args for a in ("--set", s)))
    assert "parameter 'positive' got 'maybe'" in line
    assert f"has no row with {LABEL} = 'maybe'; values: 'No', 'Yes'" in line


def test_a_missing_column_exits_2_naming_its_parameter(tmp_path: Path, user_csv: Path) -> None:
    args = [f"{k}={v}" for k, v in settings(user_csv, label_column="diabetes").items()]
    line = rejected_render(tmp_path, "BayesTheorem", *(a for s in args for a in ("--set", s)))
    assert "parameter 'label_column' got 'diabetes'" in line
    assert f"columns: person id, {FEATURE}, {LABEL}, age_years" in line


def test_the_column_parameters_keep_their_choices_without_data(tmp_path: Path) -> None:
    line = rejected_render(tmp_path, "BayesTheorem", "--set", "positive=yes")
    assert "parameter 'positive' got 'yes'" in line and "any column with data set" in line


@scene_group("BayesTheorem")
def test_the_screening_preset_matches_the_oracle(built: Any) -> None:
    from scenes import presets

    overrides = presets.load_all(presets.PRESETS_FILE)[0]["BayesTheorem"]["screening"]
    params = build("BayesTheorem", BayesTheoremParams, overrides)
    report = built("BayesTheorem", params)
    assert report.problems == [], "\n".join(report.problems)
    d = report.scene.data
    x, label = oracle(SCREENING, "marker (ng/mL)", "condition")
    truth = label == "yes"
    (tp, fn), (fp, tn) = confusion_matrix(truth, x > 4.5, labels=[True, False])
    # the numbers the preset's comment in scenes.toml quotes
    assert (tp, fn, fp, tn) == (27, 3, 29, 238) and len(x) == 297
    assert_allclose(d["sensitivity"], 27 / 30, rtol=RTOL)
    assert_allclose(d["specificity"], 238 / 267, rtol=RTOL)
    assert_allclose(d["prevalence"], 30 / 297, rtol=RTOL)
    assert_allclose(d["posterior"], 27 / 56, rtol=RTOL)
    assert d["posterior"] < 0.5 and "most positives are false" in report.scene.beats[-1].caption
    assert d["data_source"]["rows_dropped"] == 3
    assert d["data_source"]["path"] == "data/screening.csv"


def test_the_screening_file_is_what_its_script_writes(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "make_screening", SCREENING.parent / "make_screening.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.OUT = tmp_path / "screening.csv"
    module.main()
    assert module.OUT.read_bytes() == SCREENING.read_bytes()
    frame = pd.read_csv(SCREENING)
    assert len(frame) == 300 and int(frame.isna().sum().sum()) == 3


@scene_group("BayesTheorem")
def test_the_screening_rare_preset_uses_the_given_prevalence(built: Any) -> None:
    from scenes import presets

    overrides = presets.load_all(presets.PRESETS_FILE)[0]["BayesTheorem"]["screening-rare"]
    report = built("BayesTheorem", build("BayesTheorem", BayesTheoremParams, overrides))
    assert report.problems == [], "\n".join(report.problems)
    d = report.scene.data
    s, c, pi = 27 / 30, 238 / 267, 0.01
    assert d["prevalence_source"] == "given" and d["prevalence"] == pi
    assert_allclose(d["posterior"], s * pi / (s * pi + (1 - c) * (1 - pi)), rtol=RTOL)
    assert round(d["posterior"], 3) == 0.077  # the preset's comment
    people = d["population_per_10000"]
    assert (round(people["tp"]), round(people["fp"])) == (90, 1075)
    assert "a given prevalence of 1% with condition yes (the file's own: 10.1%)" in (
        report.scene.beats[2].caption
    )
