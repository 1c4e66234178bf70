"""Rendering from Python, for notebooks: :func:`render` and the :class:`Clip` it returns.

``scenes.render("LinearMap", matrix=[[1, 1], [0, 1]], quality="low")`` is
``python -m scenes render LinearMap --set 'matrix=[[1, 1], [0, 1]]' --quality low``:
each keyword becomes the ``--set`` text the command line would read, so the planning,
the validation and its one-line messages, the cache (an up-to-date render is not made
again), the output folder's lock, the atomic install (a failed render leaves the earlier
files in place) and the gallery page are the command line's own
(:func:`scenes.pipeline.cli.plan_renders` and :func:`~scenes.pipeline.cli.write_renders`).
The render runs in this process, so Manim is imported once per kernel; its progress
line goes to stdout (in a notebook, plain output under the cell rather than an error box).

A :class:`Clip` shows itself in Jupyter as a ``<video>`` with its poster and its WebVTT
captions, all three embedded as ``data:`` URIs: the output then plays in JupyterLab, in
the classic notebook and in an HTML export alike, wherever the renders folder is.
:meth:`Clip.html` with ``embed=False`` links the files by relative path instead (a
smaller notebook; the page then needs the renders folder beside it).
"""

from __future__ import annotations

import base64
import html
import json
import math
import numbers
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scenes.kit.palettes import DEFAULT_THEME
from scenes.parameters import ParamError
from scenes.presets import PRESETS_FILE

#: Width of the inline video in pixels (it shrinks to the cell's width).
VIDEO_WIDTH = 640


class RenderError(RuntimeError):
    """A render failed or its output folder could not be used; ``str`` is the command
    line's one line for it (without ``error: ``). Earlier files are untouched."""


@dataclass(frozen=True)
class Clip:
    """One installed render: its files, what the scene measured and its parameters.

    ``data`` and ``params`` are the sidecar's (``<stem>.json``); ``status`` is
    ``"rendered"`` or ``"skipped"`` (it was up to date, nothing was rendered).
    """

    stem: str
    mp4: Path
    poster: Path
    sidecar: Path
    captions: Path  # WebVTT
    title: str
    status: str
    data: dict[str, Any] = field(repr=False)
    params: dict[str, Any] = field(repr=False)

    @classmethod
    def from_sidecar(cls, sidecar: Path, status: str) -> Clip:
        """The clip whose sidecar is ``sidecar`` (the files beside it)."""
        record = json.loads(sidecar.read_text(encoding="utf-8"))
        base = sidecar.with_suffix("")
        return cls(
            stem=record["stem"],
            mp4=base.with_suffix(".mp4"),
            poster=base.with_suffix(".png"),
            sidecar=sidecar,
            captions=base.with_suffix(".vtt"),
            title=record.get("title", record["stem"]),
            status=status,
            data=record["data"],
            params=record["params"],
        )

    def html(self, *, embed: bool = True) -> str:
        """A ``<video controls>`` with the poster and a captions ``<track>``.

        ``embed=True`` puts the three files in the page as ``data:`` URIs (plays in any
        notebook front end and in an HTML export); ``embed=False`` links them by paths
        relative to the working directory (the notebook's folder in Jupyter).
        """

        def src(path: Path, mime: str) -> str:
            if embed:
                encoded = base64.b64encode(path.read_bytes()).decode("ascii")
                return f"data:{mime};base64,{encoded}"
            return html.escape(Path(os.path.relpath(path)).as_posix(), quote=True)

        label = html.escape(f"{self.title} ({self.stem})")
        return (
            f'<figure style="margin:0"><video controls playsinline preload="metadata" '
            f'width="{VIDEO_WIDTH}" style="max-width:100%" '
            f'poster="{src(self.poster, "image/png")}" aria-label="{label}">'
            f'<source src="{src(self.mp4, "video/mp4")}" type="video/mp4">'
            f'<track kind="captions" srclang="en" label="Captions" default '
            f'src="{src(self.captions, "text/vtt")}">'
            f"</video><figcaption>{label}</figcaption></figure>"
        )

    def _repr_html_(self) -> str:
        return self.html()


def _set_text(scene: str, name: str, value: Any) -> str:
    """A Python value as the text of ``--set name=TEXT``: lists as JSON (``[[1, 1], [0,
    1]]``), numbers and booleans as the command line writes them, strings as they are.
    The command line's validation then reads it (and words any error)."""
    if hasattr(value, "tolist"):  # a NumPy array or scalar
        value = value.tolist()
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        return repr(float(value)) if math.isfinite(value) else str(float(value))
    if isinstance(value, (list, tuple)):
        try:
            return json.dumps(_plain(value), allow_nan=False)
        except (TypeError, ValueError):
            pass
    raise ParamError(
        f"{scene}: parameter '{name}' got a {type(value).__name__}; allowed: a number, "
        "text, true or false, or a list of numbers (nested for a matrix)"
    )


def _plain(value: Any) -> Any:
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(value)
    return int(value) if isinstance(value, numbers.Integral) else float(value)


def render(
    scene: str,
    *,
    preset: str | None = None,
    quality: str = "low",
    theme: str = DEFAULT_THEME,
    formats: Sequence[str] = (),
    out: str | os.PathLike[str] = "renders",
    force: bool = False,
    presets: str | os.PathLike[str] = PRESETS_FILE,
    **params: Any,
) -> Clip:
    """Render ``scene`` as ``python -m scenes render`` does and return the :class:`Clip`.

    ``params`` are the scene's parameters as Python values (``matrix=[[1, 1], [0, 1]]``,
    ``lr=0.1``, ``show_steps=True``); ``preset`` names one from ``scenes.toml``
    (``presets``), the keywords then change it. ``quality`` is ``low`` (the default
    here: quick), ``medium``, ``high`` or ``4k``; ``theme`` ``dark`` or ``light``;
    ``formats`` extra files (``webm``, ``gif``, ``png-sequence``). An up-to-date render
    is not made again unless ``force``. Files go to ``out/<quality>/``.

    Raises :class:`~scenes.parameters.ParamError` (a ``ValueError``) with the command
    line's one-line message for bad input, before anything is written, and
    :class:`RenderError` if the render fails (the earlier files stay).
    """
    from scenes.pipeline.cli import plan_renders, write_renders
    from scenes.pipeline.lock import OutputError, describe_os_error, output_folder

    if isinstance(formats, str):
        formats = (formats,)
    sets = [f"{name}={_set_text(scene, name, value)}" for name, value in params.items()]
    (job,) = plan_renders(
        [scene],
        quality=quality,
        sets=sets,
        preset=preset,
        out=os.fspath(out),
        presets_file=Path(presets),
        theme=theme,
        formats=list(formats),
    )
    folder = Path(os.fspath(out))
    try:
        with output_folder(folder, wait=True):
            (result,) = write_renders([job], folder, n_jobs=1, force=force, stream=sys.stdout)
    except OutputError as err:
        raise RenderError(f"render: {err}") from None
    except OSError as err:
        raise RenderError(f"render: {describe_os_error(err)}") from None
    if result.status == "failed":
        raise RenderError(f"{result.stem}: {result.error}")
    return Clip.from_sidecar(job.outputs()[2], result.status)
