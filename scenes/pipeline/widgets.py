"""``scenes.explore(name)``: ipywidgets controls for a scene's parameters and a Render button.

The controls are made from the declared parameters (:func:`scenes.parameters.specs`),
one per parameter, starting at its default (or at a preset's value):

- a number with a range: a slider (``IntSlider``, ``FloatSlider``) from ``low`` to
  ``high``; a range wider than :data:`SLIDER_SPAN` (seeds, a learning rate allowed up
  to 1e9) gets a number box (``IntText``, ``FloatText``) instead, as a slider that wide
  cannot pick a value;
- choices: a ``Dropdown``; a boolean: a ``Checkbox``; free text: a ``Text`` box;
- a vector or a matrix of fixed shape: a ``GridBox`` of ``FloatText`` (``IntText``
  for whole numbers), one per entry, laid out as the matrix;
- a matrix of any shape or a list of any length: a ``Text`` box in the command line's
  syntax (``[[1, 2], [3, 4]]``, ``1,2,5``).

No control clamps or rounds what is typed: the Render button passes the values to
:func:`scenes.render` at low quality, whose validation is the command line's, and shows
the clip, or the one-line error, below the controls.
"""

from __future__ import annotations

import contextlib
import io
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scenes import catalog
from scenes.kit.palettes import DEFAULT_THEME
from scenes.parameters import ParamError, ParamSpec, build, specs, to_plain
from scenes.presets import PRESETS_FILE

#: Widest range shown as a slider; wider ones get a number box.
SLIDER_SPAN = 100_000
#: Most steps a float slider has between ``low`` and ``high`` (finer if the default,
#: or ``low``, needs it).
SLIDER_STEPS = 100
#: Width of a single number box.
BOX_WIDTH = "13em"


def _resolution(x: float) -> float:
    """The last decimal place ``x`` needs: 0.01 for 0.35, 1 for 3.0 (at most 1e-6)."""
    for places in range(7):
        if math.isclose(round(x, places), x, rel_tol=0, abs_tol=1e-12):
            return 10.0**-places
    return 1e-6


def slider_step(spec: ParamSpec, value: float) -> float:
    """A float slider's step: about :data:`SLIDER_STEPS` steps over the range, a power of
    ten, fine enough to hold ``low`` and the starting ``value`` exactly."""
    assert spec.low is not None and spec.high is not None
    span = spec.high - spec.low
    coarse = 10.0 ** math.floor(math.log10(span / SLIDER_STEPS)) if span > 0 else 1.0
    return min(coarse, _resolution(value), _resolution(spec.low))


def _places(step: float) -> int:
    return max(0, -math.floor(math.log10(step) + 1e-9))


@dataclass(frozen=True)
class Control:
    """The widget of one parameter and how to read its value."""

    spec: ParamSpec
    widget: Any  # what is shown: a slider, a box, a drop-down, a grid of boxes
    cells: tuple[Any, ...] = ()  # a grid's number boxes, row-major

    def value(self) -> Any:
        """The widget's value as :func:`scenes.render` takes it."""
        if self.spec.kind in ("vector", "ints") and self.cells:
            return [cell.value for cell in self.cells]
        if self.spec.kind == "matrix":
            rows, cols = self.spec.shape
            flat = [cell.value for cell in self.cells]
            return [flat[r * cols : (r + 1) * cols] for r in range(rows)]
        return self.widget.value


def _text_of(spec: ParamSpec, value: Any) -> str:
    """A list value in the command line's syntax, for a text box."""
    if spec.kind == "ints":
        return ",".join(str(x) for x in value)
    return str(to_plain(value)).replace("'", '"')


def make_control(spec: ParamSpec, value: Any) -> Control:
    """The widget for ``spec``, starting at ``value`` (a resolved value of that spec)."""
    import ipywidgets as w

    tip = f"{spec.help}; allowed: {spec.allowed_text()}"
    ranged = spec.low is not None and spec.high is not None
    narrow = ranged and spec.high - spec.low <= SLIDER_SPAN  # type: ignore[operator]
    if spec.choices is not None:
        return Control(spec, w.Dropdown(options=list(spec.choices), value=value, tooltip=tip))
    if spec.kind == "bool":
        return Control(spec, w.Checkbox(value=value, indent=False, tooltip=tip))
    if spec.kind == "str":
        return Control(spec, w.Text(value=value, tooltip=tip))
    if spec.kind == "int":
        if narrow:
            widget = w.IntSlider(
                value=value, min=int(spec.low), max=int(spec.high), step=1, tooltip=tip
            )  # type: ignore[arg-type]
        else:
            widget = w.IntText(value=value, tooltip=tip, layout=w.Layout(width=BOX_WIDTH))
        return Control(spec, widget)
    if spec.kind == "float":
        if narrow:
            step = slider_step(spec, value)
            widget = w.FloatSlider(
                value=value,
                min=spec.low,
                max=spec.high,
                step=step,
                readout_format=f".{_places(step)}f",
                tooltip=tip,
            )
        else:
            widget = w.FloatText(value=value, tooltip=tip, layout=w.Layout(width=BOX_WIDTH))
        return Control(spec, widget)
    if spec.kind in ("vector", "matrix") or (spec.kind == "ints" and spec.shape):
        rows, cols = spec.shape if spec.kind == "matrix" else (1, spec.shape[0])
        flat = [x for row in value for x in row] if spec.kind == "matrix" else list(value)
        box = w.IntText if spec.kind == "ints" else w.FloatText
        cells = tuple(box(value=x, layout=w.Layout(width="6em"), tooltip=tip) for x in flat)
        grid = w.GridBox(
            list(cells),
            layout=w.Layout(grid_template_columns=f"repeat({cols}, 6.5em)", width="auto"),
        )
        assert len(cells) == rows * cols
        return Control(spec, grid, cells)
    # "array" (any shape) and "ints" of any length: the command line's text
    return Control(spec, w.Text(value=_text_of(spec, value), tooltip=tip))


class Explorer:
    """The controls of one scene, a Render button and where the clip is shown.

    Displays as its widgets in Jupyter. After a render :attr:`clip` holds the
    :class:`~scenes.pipeline.api.Clip` (and :attr:`error` is ``None``); after bad input
    or a failed render :attr:`error` holds the one line shown (``error: ...``).
    """

    def __init__(
        self,
        scene: str,
        *,
        preset: str | None = None,
        theme: str = DEFAULT_THEME,
        out: str | os.PathLike[str] = "renders",
        presets: str | os.PathLike[str] = PRESETS_FILE,
    ) -> None:
        import ipywidgets as w

        from scenes import presets as preset_files

        entry = catalog.BY_NAME.get(scene)
        if entry is None:
            raise ParamError(
                f"explore: unknown scene {scene!r}; scenes: {', '.join(catalog.BY_NAME)}"
            )
        start: dict[str, Any] = {}
        if preset is not None:
            known = preset_files.load(Path(presets)).get(scene, {})
            if preset not in known:
                raise ParamError(
                    f"{scene}: unknown preset {preset!r}; presets: {', '.join(known) or 'none'}"
                )
            start = known[preset]
        initial = to_plain(build(scene, entry.params_type, start))
        self.scene, self.theme, self.out, self.presets = scene, theme, out, presets
        self.controls = {s.name: make_control(s, initial[s.name]) for s in specs(entry.params_type)}
        self.button = w.Button(description="Render", button_style="primary")
        self.button.on_click(self._on_click)
        self.status = w.Label(value="low quality; the clip appears below")
        self.output = w.Output()
        self.clip: Any = None
        self.error: str | None = None
        rows = []
        for name, control in self.controls.items():
            label = w.HTML(
                f"<b>{name}</b>",
                tooltip=control.spec.help,
                layout=w.Layout(width="11em"),
            )
            hint = w.HTML(f"<small>{control.spec.help}</small>", layout=w.Layout(width="auto"))
            rows.append(w.HBox([label, control.widget, hint]))
        title = w.HTML(f"<h4>{entry.title}: {entry.name}</h4><p>{entry.description}</p>")
        self.box = w.VBox([title, *rows, w.HBox([self.button, self.status]), self.output])

    def values(self) -> dict[str, Any]:
        """Every control's value, by parameter name."""
        return {name: control.value() for name, control in self.controls.items()}

    def render(self) -> Any:
        """Render with the controls' values at low quality and show the clip (or the
        error); returns the clip, or ``None`` on an error."""
        from scenes.pipeline.api import RenderError, render

        self.button.disabled = True
        self.status.value = "rendering..."
        self.output.outputs = ()  # the last clip or error (also without a kernel)
        try:
            with contextlib.redirect_stdout(io.StringIO()):  # the progress line
                clip = render(
                    self.scene,
                    quality="low",
                    theme=self.theme,
                    out=self.out,
                    presets=self.presets,
                    **self.values(),
                )
        except (ParamError, RenderError) as err:
            self.clip, self.error = None, f"error: {err}"
            self.output.append_stderr(self.error + "\n")
            self.status.value = "not rendered"
        else:
            self.clip, self.error = clip, None
            self.output.append_display_data(clip)
            done = "up to date" if clip.status == "skipped" else "rendered"
            self.status.value = f"{clip.stem}: {done}"
        finally:
            self.button.disabled = False
        return self.clip

    def _on_click(self, button: Any) -> None:
        self.render()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.box._repr_mimebundle_(**kwargs)


def explore(
    scene: str,
    *,
    preset: str | None = None,
    theme: str = DEFAULT_THEME,
    out: str | os.PathLike[str] = "renders",
    presets: str | os.PathLike[str] = PRESETS_FILE,
) -> Explorer:
    """Widgets for ``scene``'s parameters (from its defaults, or from ``preset``) and a
    button that renders them at low quality into ``out`` and shows the clip; leave it as
    a cell's last expression to show it. :class:`ParamError` for an unknown scene or
    preset."""
    return Explorer(scene, preset=preset, theme=theme, out=out, presets=presets)
