"""The scene checker: run a scene without video and check every beat's picture.

``check_scene(SceneClass, params)`` runs ``construct`` with animations skipped (Manim
jumps each ``play`` to its end state and encodes nothing) and, as each beat ends,
inspects the mobjects on screen:

- every coordinate is finite;
- every text, formula and number is inside the frame (with a small margin), and so
  is every arrow tip and dot, unless the scene lists it in ``scene.layout_exempt``;
- no two texts overlap (bounding boxes, with a small tolerance), and no text covers a
  dot, an arrow tip or a plotted curve (unless the scene exempts it);
- text is big enough to read at 480p on a projector (font size >= MIN_FONT_SIZE);
- the truth invariants the scene declares for that beat (``scene.invariants(beat)``)
  hold within their tolerance.

It returns the list of problems, one line each; an empty list means the scene passed.
A new scene gets the layout checks for free and only declares its own invariants.

:func:`build_checked` is the one entry point: it builds the scene once and, at every
beat's end, runs the layout checks, the invariants and the contrast check and keeps the
frame, returning one :class:`CheckReport` that also holds the built scene (its final
mobjects and ``data``), so that a test suite can run every check, and its own oracle
comparisons, on one build. :func:`check_scene` is the same run reported the older way.

Layout is measured in scene units (the frame is 8 units high at every pixel size) and
the text-size check reads ``font_size``, not pixels, so layout and invariant results do
not depend on the pixel size of the build: a build at the golden-frame size
(:data:`GOLDEN_SIZE`) serves the layout and invariant checks as well.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

#: Nothing may come closer than this to the frame's edge (scene units; frame is 8 high).
FRAME_TOLERANCE = 0.02
#: Two texts may touch by this much (scene units) before they count as overlapping.
OVERLAP_TOLERANCE = 0.03
#: WCAG 2 level AA contrast ratio for normal text, the contrast check's default.
AA_CONTRAST = 4.5
#: Pixel size of the checker's builds (480p, as ``--quality low`` renders).
CHECK_SIZE = (854, 480)
#: Pixel size of the golden frames (tests/golden).
GOLDEN_SIZE = (320, 180)
#: Smallest font size allowed. Manim's font size 20 gives capitals about 0.2 units
#: high, 2.6% of the frame height: 12 pixels at 480p.
MIN_FONT_SIZE = 20.0


@dataclass
class CheckReport:
    """What one checked build found.

    ``problems``: layout and invariant problems (and, from :func:`check_scene` with
    ``min_contrast``, contrast problems), one line each, prefixed with ``[beat]``.
    ``beats``: the beats checked, in order. ``frames``: each beat's last frame (RGB),
    when captured. ``contrast``: the contrast problems at every beat (prefixed the same
    way), from :func:`build_checked`. ``measured``: for each beat, how many texts the
    layout checks measured and how many invariants the scene declared (so that a
    check cannot pass by measuring nothing). ``scene``: the built scene in its final
    state, from :func:`build_checked`; shared builds must only be read, never changed.
    ``standard``: the visual standard's problems at every beat (prefixed the same way),
    from :func:`build_checked` with ``standard=True``.
    """

    problems: list[str] = field(default_factory=list)
    beats: list[str] = field(default_factory=list)
    frames: dict[str, np.ndarray] = field(default_factory=dict)
    contrast: list[str] = field(default_factory=list)
    measured: dict[str, dict[str, int]] = field(default_factory=dict)
    scene: Any = None
    standard: list[str] = field(default_factory=list)


def _text_types() -> tuple[type, ...]:
    from manim import MarkupText, MathTex, Paragraph, SingleStringMathTex, Tex, Text
    from manim.mobject.text.numbers import DecimalNumber

    from scenes.kit.readouts import Readout

    return (
        MathTex,
        SingleStringMathTex,
        Tex,
        Text,
        MarkupText,
        Paragraph,
        DecimalNumber,
        Readout,
    )


def _visible(mob: Any) -> bool:
    """True if any part of ``mob`` is drawn with non-zero opacity."""
    from manim import PMobject, VMobject

    for m in mob.get_family():
        if len(m.points) == 0:
            continue
        if isinstance(m, VMobject):
            fill = float(np.max(m.get_fill_opacities(), initial=0))
            stroke = float(np.max(m.get_stroke_opacities(), initial=0))
            if fill > 0.01 or (stroke > 0.01 and m.get_stroke_width() > 0):
                return True
        elif isinstance(m, PMobject):
            if len(m.rgbas) and float(np.max(m.rgbas[:, 3])) > 0.01:
                return True
    return False


def _outermost_texts(mobjects: Iterable[Any], exempt: set[int]) -> list[Any]:
    """Text mobjects that are not part of a larger text mobject, and not exempt."""
    text_types = _text_types()
    found: list[Any] = []

    def walk(mob: Any) -> None:
        if id(mob) in exempt:
            return
        if isinstance(mob, text_types):
            found.append(mob)
            return
        for sub in mob.submobjects:
            walk(sub)

    for mob in mobjects:
        walk(mob)
    return [m for m in found if _visible(m)]


def measured_texts(scene: Any) -> list[Any]:
    """The texts the layout and contrast checks measure: every visible text, formula
    and number on screen that is not part of a larger one or exempt."""
    exempt = {id(m) for e in getattr(scene, "layout_exempt", []) for m in e.get_family()}
    return _outermost_texts(scene.mobjects, exempt)


def _box(mob: Any) -> tuple[float, float, float, float]:
    """``mob``'s bounding box (left, right, bottom, top): the same numbers as
    ``get_left()[0]``, ``get_right()[0]``, ``get_bottom()[1]``, ``get_top()[1]``, from
    one pass over its boundary points instead of four."""
    points = mob.get_points_defining_boundary()
    if len(points) == 0:
        return 0.0, 0.0, 0.0, 0.0
    xs, ys = points[:, 0], points[:, 1]
    return float(np.min(xs)), float(np.max(xs)), float(np.min(ys)), float(np.max(ys))


def _describe(mob: Any) -> str:
    from manim.mobject.text.numbers import DecimalNumber

    from scenes.kit.readouts import Readout

    if isinstance(mob, DecimalNumber | Readout):
        return f"DecimalNumber({mob.get_value():.4g})"
    tex = getattr(mob, "tex_string", None) or getattr(mob, "text", None)
    if tex is None:
        return type(mob).__name__
    return f"{type(mob).__name__}({str(tex)[:40]!r})"


def layout_problems(scene: Any) -> list[str]:
    """Layout problems of the scene's current mobjects (see module docstring)."""
    from manim import Arrow, Dot, config

    problems: list[str] = []
    half_w = config.frame_width / 2 + FRAME_TOLERANCE
    half_h = config.frame_height / 2 + FRAME_TOLERANCE
    exempt = {id(m) for e in getattr(scene, "layout_exempt", []) for m in e.get_family()}

    for mob in scene.mobjects:
        for m in mob.get_family():
            if len(m.points) and not np.all(np.isfinite(m.points)):
                problems.append(f"non-finite coordinates in {_describe(m)}")
                break

    texts = _outermost_texts(scene.mobjects, exempt)
    boxes = {id(t): _box(t) for t in texts}
    for t in texts:
        left, right, bottom, top = boxes[id(t)]
        if left < -half_w or right > half_w or bottom < -half_h or top > half_h:
            problems.append(
                f"{_describe(t)} leaves the frame: x [{left:.2f}, {right:.2f}], "
                f"y [{bottom:.2f}, {top:.2f}]"
            )
        size = getattr(t, "font_size", None)
        if size is not None and float(size) < MIN_FONT_SIZE - 0.5:
            problems.append(f"{_describe(t)} is too small to read: font size {float(size):.1f}")

    for a, b in itertools.combinations(texts, 2):
        la, ra, ba, ta = boxes[id(a)]
        lb, rb, bb, tb = boxes[id(b)]
        dx = min(ra, rb) - max(la, lb)
        dy = min(ta, tb) - max(ba, bb)
        if dx > OVERLAP_TOLERANCE and dy > OVERLAP_TOLERANCE:
            problems.append(f"{_describe(a)} overlaps {_describe(b)} by {dx:.2f} x {dy:.2f}")

    problems.extend(_covered_marks(scene, texts, exempt, boxes))

    for mob in scene.mobjects:
        for m in mob.get_family():
            if id(m) in exempt or not _visible(m):
                continue
            if isinstance(m, Arrow):
                x, y = m.get_end()[:2]
            elif isinstance(m, Dot):
                x, y = m.get_center()[:2]
            else:
                continue
            if abs(x) > half_w or abs(y) > half_h:
                problems.append(f"{type(m).__name__} at ({x:.2f}, {y:.2f}) is outside the frame")
    return problems


def _marks(scene: Any, exempt: set[int]) -> list[tuple[str, np.ndarray]]:
    """Points a label must not cover: dots, arrow tips, and samples along plotted curves."""
    from manim import Arrow, Dot, ParametricFunction

    found: list[tuple[str, np.ndarray]] = []
    for mob in scene.mobjects:
        for m in mob.get_family():
            if id(m) in exempt or not _visible(m) or len(m.points) == 0:
                continue
            if isinstance(m, Dot):
                found.append(("dot", m.get_center()))
            elif isinstance(m, Arrow) and m.get_length() > 0.05:
                found.append(("arrow tip", m.get_end()))
            elif isinstance(m, ParametricFunction):
                for t in np.linspace(0, 1, 60):
                    found.append(("curve", m.point_from_proportion(float(t))))
    return found


def _covered_marks(
    scene: Any,
    texts: list[Any],
    exempt: set[int],
    boxes: dict[int, tuple[float, float, float, float]],
) -> list[str]:
    """Texts drawn on top of a dot, an arrow tip or a plotted curve (``boxes``: each
    text's bounding box by ``id``)."""
    marks = _marks(scene, exempt)
    problems = []
    inset = OVERLAP_TOLERANCE
    for t in texts:
        left, right, bottom, top = boxes[id(t)]
        for kind, p in marks:
            if left + inset < p[0] < right - inset and bottom + inset < p[1] < top - inset:
                problems.append(f"{_describe(t)} covers a {kind} at ({p[0]:.2f}, {p[1]:.2f})")
                break
    return problems


def _hex(color: Any) -> str:
    from manim import ManimColor

    return str(ManimColor.parse(color).to_hex())[:7]


def contrast_problems(scene: Any, min_ratio: float = 4.5) -> list[str]:
    """Visible text whose colour has less than ``min_ratio`` contrast with the background.

    The WCAG AA level for normal text is 4.5:1. Each drawn part of each text mobject
    (fill, or stroke if stroked) is checked against the camera's background colour.
    """
    from manim import VMobject

    from scenes.kit.palettes import contrast_ratio

    background = _hex(scene.camera.background_color)
    problems = []
    for text in _outermost_texts(scene.mobjects, {id(m) for m in scene.layout_exempt}):
        colors = set()
        for part in text.family_members_with_points():
            if not isinstance(part, VMobject):
                continue
            if float(np.max(part.get_fill_opacities(), initial=0)) > 0.01:
                colors.add(_hex(part.get_fill_color()))
            if part.get_stroke_width() > 0 and float(np.max(part.get_stroke_opacities())) > 0.01:
                colors.add(_hex(part.get_stroke_color()))
        for color in sorted(colors):
            ratio = contrast_ratio(color, background)
            if ratio < min_ratio:
                problems.append(
                    f"{_describe(text)} in {color} on {background}: contrast {ratio:.2f} "
                    f"< {min_ratio}"
                )
    return problems


def invariant_problems(scene: Any, beat: str) -> list[str]:
    """The scene's declared invariants for ``beat`` that do not hold."""
    problems = []
    for inv in scene.invariants(beat):
        actual = np.asarray(inv.actual, dtype=float)
        expected = np.asarray(inv.expected, dtype=float)
        if actual.shape != expected.shape:
            problems.append(
                f"invariant '{inv.name}': drawn shape {actual.shape} != data {expected.shape}"
            )
        elif not np.all(np.isfinite(actual)):
            problems.append(f"invariant '{inv.name}': drawn value is not finite")
        elif not np.allclose(actual, expected, rtol=0, atol=inv.atol):
            worst = float(np.max(np.abs(actual - expected)))
            problems.append(
                f"invariant '{inv.name}': drawn {np.round(actual, 6).tolist()} vs data "
                f"{np.round(expected, 6).tolist()} (off by {worst:.3g} > {inv.atol:g})"
            )
    return problems


def beat_problems(scene: Any, beat: str) -> list[str]:
    """Layout problems of the picture now and the invariants of ``beat`` that fail.

    This is the check a scene must pass at the end of each beat; call it from a
    ``beat_observer`` when a test records its own measurements on the same build.
    """
    return layout_problems(scene) + invariant_problems(scene, beat)


#: Stands for a static image :class:`DrawOnDemand` has not drawn yet.
_NOT_DRAWN = object()


class DrawOnDemand:
    """Keeps a Cairo renderer from drawing the frames of a build nobody looks at.

    With animations skipped and no video written, Manim still draws every ``play`` and
    ``wait`` once (``CairoRenderer.update_frame``) and a static background before each
    (``save_static_frame_data``), a quarter of a checked build's time, for frames that
    are thrown away. Here both draw nothing until :meth:`frame` is asked for one; the
    static background of the last ``wait`` (a ``play`` clears it) is then drawn from
    the same mobjects. The frames equal Manim's own to the pixel in 35 of 43 scenes'
    golden beats and are within the golden-frame tolerance in the rest (up to 70/255 on
    a few hundred pixels of a 320x180 frame: Cairo's drawing is not free of state). A 3-D
    camera's rotation matrix is still brought up to date on every skipped draw, as its
    ``capture_mobjects`` does, since the checks project points through it.
    """

    def __init__(self, renderer: Any) -> None:
        self.renderer = renderer
        self.draw = renderer.update_frame
        self.statics: list[Any] = []
        renderer.update_frame = self._skip_drawing
        renderer.save_static_frame_data = self._remember_statics

    def _skip_drawing(self, scene: Any, *args: Any, **kwargs: Any) -> None:
        reset = getattr(self.renderer.camera, "reset_rotation_matrix", None)
        if reset is not None:
            reset()

    def _remember_statics(self, scene: Any, static_mobjects: Any) -> None:
        self.statics = list(static_mobjects or [])
        self.renderer.static_image = _NOT_DRAWN if self.statics else None

    def frame(self, scene: Any) -> np.ndarray:
        """The frame as Manim draws it now (RGB, ``height x width x 3``)."""
        renderer = self.renderer
        if renderer.static_image is _NOT_DRAWN:
            renderer.static_image = None
            self.draw(scene, mobjects=self.statics)
            renderer.static_image = renderer.get_frame()
        self.draw(scene, ignore_skipping=True)
        return np.array(renderer.get_frame())[:, :, :3]


def build_checked(
    scene_class: type,
    params: Any = None,
    *,
    theme: str = "dark",
    pixel_width: int = CHECK_SIZE[0],
    pixel_height: int = CHECK_SIZE[1],
    capture_frames: bool = True,
    min_contrast: float | None = AA_CONTRAST,
    work_dir: Path | None = None,
    tex_dir: Path | None = None,
    observer: Callable[[Any, Any], None] | None = None,
    standard: bool = False,
) -> CheckReport:
    """Build ``scene_class(params)`` once without video and check it at every beat's end.

    At each beat's end: the layout checks and the beat's invariants
    (:func:`beat_problems`, into ``problems``), the contrast check against
    ``min_contrast`` (:func:`contrast_problems`, into ``contrast``; ``None`` skips
    it), with ``standard`` the visual standard (:func:`scenes.kit.standard.standard_problems`,
    into ``standard``), the frame at
    ``pixel_width`` x ``pixel_height`` (into ``frames``, with ``capture_frames``), then
    ``observer(scene, beat)`` if given (a test's own measurements). The scene is built
    in ``theme``; the report keeps it (``scene``) in its final state. ``tex_dir`` is the
    LaTeX cache (its parent also holds the text cache); ``work_dir`` takes Manim's media.
    """
    import tempfile

    from manim import tempconfig

    from scenes.kit.config import manim_settings
    from scenes.kit.style import theme as use

    report = CheckReport()

    def observe(scene: Any, beat: Any) -> None:
        report.beats.append(beat.name)
        report.measured[beat.name] = {
            "texts": len(measured_texts(scene)),
            "invariants": len(scene.invariants(beat.name)),
        }
        report.problems.extend(f"[{beat.name}] {p}" for p in beat_problems(scene, beat.name))
        if min_contrast is not None:
            report.contrast.extend(
                f"[{beat.name}] {p}" for p in contrast_problems(scene, min_contrast)
            )
        if standard:
            from scenes.kit.standard import standard_problems

            report.standard.extend(
                f"[{beat.name}] {p}" for p in standard_problems(scene, beat.name)
            )
        if capture_frames:
            report.frames[beat.name] = drawing.frame(scene)
        if observer is not None:
            observer(scene, beat)

    with tempfile.TemporaryDirectory() as scratch:
        media = Path(work_dir or scratch)
        settings = manim_settings(
            media_dir=media / "media",
            cache_dir=Path(tex_dir).parent if tex_dir else media,
            pixel_width=pixel_width,
            pixel_height=pixel_height,
            frame_rate=15,
            write_to_movie=False,
        )
        with use(theme), tempconfig(settings):
            scene = scene_class(params=params)
            drawing = DrawOnDemand(scene.renderer)
            scene.beat_observer = observe
            scene.render()
    if not report.beats:
        report.problems.append("the scene declared no beats")
    report.scene = scene
    return report


def check_scene(
    scene_class: type,
    params: Any = None,
    *,
    work_dir: Path | None = None,
    tex_dir: Path | None = None,
    capture_frames: bool = False,
    pixel_width: int = CHECK_SIZE[0],
    pixel_height: int = CHECK_SIZE[1],
    theme: str = "dark",
    min_contrast: float | None = None,
) -> CheckReport:
    """Run ``scene_class(params)`` without video and check the picture at every beat's end.

    The same build and checks as :func:`build_checked`, reported as before: with
    ``capture_frames`` the rendered frame at each beat's end is kept (for golden frame
    comparisons), at ``pixel_width`` x ``pixel_height``. The scene is built in
    ``theme``; with ``min_contrast`` every visible text must meet that contrast ratio
    (its failures join ``problems``). The scene itself is not kept.
    """
    report = build_checked(
        scene_class,
        params,
        theme=theme,
        pixel_width=pixel_width,
        pixel_height=pixel_height,
        capture_frames=capture_frames,
        min_contrast=min_contrast,
        work_dir=work_dir,
        tex_dir=tex_dir,
    )
    return CheckReport(
        problems=merged_problems(report),
        beats=report.beats,
        frames=report.frames,
        contrast=report.contrast,
        measured=report.measured,
    )


def merged_problems(report: CheckReport) -> list[str]:
    """Layout, invariant and contrast problems of ``report``, beat by beat in order."""
    order = {beat: i for i, beat in enumerate(report.beats)}

    def beat_of(line: str) -> int:
        return (
            order.get(line[1 : line.find("]")], len(order)) if line.startswith("[") else len(order)
        )

    return sorted(report.problems + report.contrast, key=beat_of)
