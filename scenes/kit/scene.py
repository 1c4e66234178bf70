"""The base class of every scene: typed parameters, sidecar numbers and beats.

A scene subclasses :class:`MathScene`, names its parameter dataclass in
``params_type``, fills ``self.data`` with numbers from :mod:`mlmath_viz` and marks
each beat of its story with :meth:`MathScene.beat`. The render driver writes
``data`` and the beats into the JSON sidecar; plain ``manim`` renders the defaults.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, ClassVar

import srt
from manim import Mobject, Scene, config

from scenes.kit import fast_copy, svg_reuse
from scenes.kit.numbers import caption_text
from scenes.kit.path_cache import use_path_cache_camera
from scenes.kit.style import MATH_TEMPLATE, PALETTE

fast_copy.install()
svg_reuse.install()


@dataclass(frozen=True)
class Invariant:
    """A truth the picture must show: the drawn ``actual`` equals ``expected``.

    ``actual`` is measured from the scene's own mobjects (in the plotted coordinates);
    ``expected`` comes from the numbers in ``scene.data``. Compared with ``atol``.
    """

    name: str
    actual: Any
    expected: Any
    atol: float = 1e-6


@dataclass
class Beat:
    """One step of a scene's story, with its caption and times in seconds."""

    name: str
    caption: str
    start: float
    end: float | None = None


class MathScene(Scene):
    """A scene driven by a frozen parameter dataclass."""

    params_type: ClassVar[type[Any]]

    def __init__(self, params: Any = None, **kwargs: Any) -> None:
        self.params = params if params is not None else self.params_type()
        if not isinstance(self.params, self.params_type):
            raise TypeError(f"{type(self).__name__} takes {self.params_type.__name__}")
        # The kit's LaTeX (indices at 90%) for every formula of the scene. Set per scene:
        # leaving a ``tempconfig`` block puts Manim's default template back.
        config.tex_template = MATH_TEMPLATE
        self.data: dict[str, Any] = {}
        self.beats: list[Beat] = []
        #: Called with (scene, beat) as each beat ends; the scene checker sets it.
        self.beat_observer: Callable[[MathScene, Beat], None] | None = None
        #: Mobjects deliberately off screen or overlapping, skipped by layout checks.
        self.layout_exempt: list[Mobject] = []
        super().__init__(**kwargs)
        use_path_cache_camera(self)  # still mobjects' Cairo paths kept between frames

    def setup(self) -> None:
        self.camera.background_color = PALETTE.background

    def beat(self, name: str, caption: str) -> None:
        """Start a new beat: closes the previous one and records its caption, its
        numbers set as on screen (:func:`scenes.kit.numbers.caption_text`)."""
        self._close_beat()
        self.beats.append(Beat(name=name, caption=caption_text(caption), start=self.renderer.time))
        # Each beat is a section: `--sections` (Manim's save_sections) writes one clip
        # per beat; without it a section is only a marker.
        self.next_section(name)

    def invariants(self, beat: str) -> list[Invariant]:
        """Truths that hold at the end of ``beat``; the scene checker tests them.

        Subclasses return invariants comparing their drawn mobjects with ``self.data``.
        """
        return []

    def _close_beat(self) -> None:
        if self.beats and self.beats[-1].end is None:
            last = self.beats[-1]
            last.end = self.renderer.time
            if self.beat_observer is not None:
                self.beat_observer(self, last)
            if last.end > last.start and config.write_to_movie:
                self.renderer.file_writer.subcaptions.append(
                    srt.Subtitle(
                        index=len(self.renderer.file_writer.subcaptions),
                        start=timedelta(seconds=last.start),
                        end=timedelta(seconds=last.end),
                        content=last.caption,
                    )
                )

    def tear_down(self) -> None:
        self._close_beat()
        super().tear_down()

    def beats_json(self) -> list[dict[str, Any]]:
        """The beats as plain JSON for the sidecar."""
        return [
            {"name": b.name, "caption": b.caption, "start_s": b.start, "end_s": b.end}
            for b in self.beats
        ]
