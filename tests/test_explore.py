"""scenes.explore: widgets made from the declared parameters, and the Render button.

The widget tests build no video. The button tests render LinearMap once at low quality
(a half-second map) and share it on one worker (xdist group "explore").
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as w
import numpy as np
import pytest
from test_api import keep, warm

import scenes
from conftest import rejected_render
from scenes import catalog
from scenes.parameters import build, specs, to_plain
from scenes.pipeline.api import _set_text
from scenes.pipeline.widgets import SLIDER_SPAN, Explorer

# (scene, parameter) -> the widget class it must get: sliders for ranges, drop-downs for
# choices, check boxes for booleans, grids of number boxes for vectors and matrices,
# number boxes for ranges too wide to slide, text in the command line's syntax for
# shapes that vary.
EXPECTED = {
    ("LinearMap", "matrix"): w.GridBox,
    ("LinearMap", "run_time"): w.FloatSlider,
    ("GradientDescent", "objective"): w.Dropdown,
    ("GradientDescent", "hessian"): w.GridBox,
    ("GradientDescent", "lr"): w.FloatText,  # allowed up to 1e9
    ("GradientDescent", "start"): w.GridBox,
    ("GradientDescent", "steps"): w.IntSlider,
    ("SamplingHistogram", "n"): w.IntSlider,
    ("SamplingHistogram", "seed"): w.IntText,  # up to 2**32 - 1
    ("HypothesisTest", "equal_var"): w.Checkbox,
    ("HypothesisTest", "alpha"): w.FloatSlider,
    ("PCA", "standardize"): w.Checkbox,
    ("PCADigits", "digits"): w.Text,  # free text with a pattern
    ("MatrixMultiplication", "left"): w.Text,  # any shape up to 4x4
    ("LowRankApproximation", "ranks"): w.Text,  # 1 to 8 whole numbers
    ("LeastSquares", "rows"): w.GridBox,  # exactly 3 whole numbers
}


def explorer(scene: str, **kwargs: Any) -> Explorer:
    made = scenes.explore(scene, **kwargs)
    assert isinstance(made, Explorer)
    return made


@pytest.mark.parametrize(("scene", "name"), sorted(EXPECTED))
def test_each_parameter_gets_the_widget_of_its_kind(scene: str, name: str) -> None:
    control = explorer(scene).controls[name]
    assert type(control.widget) is EXPECTED[scene, name], type(control.widget)
    spec = control.spec
    default = to_plain(spec.default)
    widget = control.widget
    if isinstance(widget, (w.IntSlider, w.FloatSlider)):
        assert (widget.min, widget.max) == (spec.low, spec.high)
        assert spec.high - spec.low <= SLIDER_SPAN
        assert widget.value == pytest.approx(default, abs=0)
        if isinstance(widget, w.FloatSlider):  # the step reaches low, high and the default
            for x in (spec.low, spec.high, default):
                k = (x - spec.low) / widget.step
                np.testing.assert_allclose(k, round(k), atol=1e-9, err_msg=f"{x} off the steps")
    elif isinstance(widget, w.Dropdown):
        assert tuple(widget.options) == spec.choices and widget.value == default
    elif isinstance(widget, w.GridBox):
        cells = control.cells
        flat = np.ravel(np.array(default, dtype=float))
        assert len(cells) == flat.size == len(widget.children)
        number_box = w.IntText if spec.kind == "ints" else w.FloatText
        assert all(type(c) is number_box for c in cells)
        np.testing.assert_array_equal([c.value for c in cells], flat)
        columns = spec.shape[1] if spec.kind == "matrix" else spec.shape[0]
        assert widget.layout.grid_template_columns.startswith(f"repeat({columns},")
    elif isinstance(widget, w.Text):  # what --set would take, read back to the default
        assert isinstance(widget.value, str)
        entry = catalog.BY_NAME[scene]
        resolved = build(scene, entry.params_type, {name: widget.value})
        assert to_plain(getattr(resolved, name)) == default
        return
    else:
        assert widget.value == default
    assert control.value() == default


def test_float_slider_steps_follow_the_range() -> None:
    run_time = explorer("LinearMap").controls["run_time"].widget  # [0.5, 20], default 3
    assert run_time.step == pytest.approx(0.1) and run_time.readout_format == ".1f"
    sigma = explorer("SamplingHistogram").controls["sigma"].widget  # [0.01, 100], default 1
    assert sigma.step == pytest.approx(0.01) and sigma.readout_format == ".2f"


@pytest.mark.parametrize("scene", [e.name for e in catalog.SCENES])
def test_every_scenes_controls_start_at_its_defaults_and_pass_validation(scene: str) -> None:
    made = explorer(scene)
    entry = catalog.BY_NAME[scene]
    assert list(made.controls) == [s.name for s in specs(entry.params_type)]
    as_set = {name: _set_text(scene, name, v) for name, v in made.values().items()}
    resolved = to_plain(build(scene, entry.params_type, as_set))
    assert resolved == to_plain(entry.params_type())


def test_a_preset_sets_the_starting_values() -> None:
    made = explorer("LinearMap", preset="shear")
    assert made.values()["matrix"] == [[1.0, 1.0], [0.0, 1.0]]


def test_unknown_scene_or_preset_is_one_line() -> None:
    with pytest.raises(scenes.ParamError, match=r"^explore: unknown scene 'Nope'; scenes: "):
        scenes.explore("Nope")
    with pytest.raises(scenes.ParamError, match=r"^LinearMap: unknown preset 'nope'; presets: "):
        scenes.explore("LinearMap", preset="nope")


def set_matrix(made: Explorer, name: str, rows: list[list[float]]) -> None:
    for cell, x in zip(made.controls[name].cells, np.ravel(rows), strict=True):
        cell.value = float(x)


@pytest.fixture(scope="module")
def clicked(tmp_path_factory: pytest.TempPathFactory) -> Explorer:
    """LinearMap's explorer with a shear and a half-second map, its button pressed."""
    out = tmp_path_factory.mktemp("explore") / "renders"
    warm(out)
    made = explorer("LinearMap", out=out)
    set_matrix(made, "matrix", [[1, 1], [0, 1]])
    made.controls["run_time"].widget.value = 0.5
    made.button.click()  # runs the button's click handlers, as a press does
    keep(out)
    return made


@pytest.mark.render
@pytest.mark.xdist_group("explore")
def test_pressing_render_renders_the_widgets_values_and_shows_the_clip(clicked: Explorer) -> None:
    assert clicked.error is None
    clip = clicked.clip
    assert clip is not None and clip.status == "rendered"
    assert clip.params == {"matrix": [[1.0, 1.0], [0.0, 1.0]], "run_time": 0.5}
    assert clip.mp4.parent.name == "low" and clip.mp4.is_file()
    assert clip.data["determinant"] == pytest.approx(1.0, abs=1e-12)
    (shown,) = clicked.output.outputs
    assert shown["output_type"] == "display_data"
    assert "<video controls" in shown["data"]["text/html"]
    assert clicked.status.value == f"{clip.stem}: rendered"
    assert not clicked.button.disabled


@pytest.mark.render
@pytest.mark.xdist_group("explore")
def test_a_bad_value_shows_the_command_lines_line_and_keeps_the_clip(
    clicked: Explorer, tmp_path: Path
) -> None:
    before = clicked.clip
    set_matrix(clicked, "matrix", [[11, 1], [0, 1]])
    try:
        clicked.button.click()
        line = rejected_render(tmp_path, "LinearMap", "--set", "matrix=[[11.0, 1.0], [0.0, 1.0]]")
        assert clicked.error == line
        assert clicked.clip is None
        (shown,) = clicked.output.outputs
        assert shown == {"output_type": "stream", "name": "stderr", "text": line + "\n"}
        assert before.mp4.is_file() and before.sidecar.is_file()  # nothing removed
    finally:
        set_matrix(clicked, "matrix", [[1, 1], [0, 1]])
    clicked.button.click()  # the same values again: up to date, not rendered again
    assert clicked.clip.status == "skipped" and clicked.clip.stem == before.stem
    assert clicked.status.value == f"{before.stem}: up to date"
