"""A lecture's reveal.js deck: one slide per beat of every clip, and one per title card.

The slide videos are cut from the clips already rendered (no second render): Manim
starts a new H.264 file, hence a keyframe, at every animation, and a beat starts with
an animation, so each beat is copied packet for packet from its first frame to its
last. A beat that does not start on a keyframe is decoded and encoded again. The deck
itself is made as ``make slides`` makes one (:mod:`scenes.pipeline.slides`):
manim-slides' reveal.js converter, with reveal.js bundled in ``<stem>_assets/``, so it
opens and plays with no network.
"""

from __future__ import annotations

import contextlib
import io
import logging
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scenes.pipeline import slides
from scenes.pipeline.jobs import QUALITIES

if TYPE_CHECKING:
    from scenes.pipeline.lectures import Lecture, Segment


def cut(source: Path, target: Path, first: int, last: int, fps: int) -> str:
    """Frames ``first`` to ``last - 1`` of ``source`` into ``target`` (web-ready).

    Returns ``"copy"`` when the packets were copied (``first`` is a keyframe) and
    ``"re-encoded"`` otherwise.
    """
    import av

    from scenes.pipeline.encoding import X264_OPTIONS

    with av.open(str(source)) as src:
        stream = src.streams.video[0]
        tb = stream.time_base
        per_frame = Fraction(1, fps) / tb

        def frame_of(pts: int) -> int:
            return round(pts / per_frame)

        packets = [p for p in src.demux(stream) if p.dts is not None and p.pts is not None]
        inside = [p for p in packets if first <= frame_of(p.pts) < last]
        # In decode order the first packet must be the keyframe of frame ``first``.
        starts_clean = bool(inside) and inside[0].is_keyframe and frame_of(inside[0].pts) == first
        with av.open(str(target), mode="w", options={"movflags": "+faststart"}) as dst:
            if starts_clean:
                out = dst.add_stream_from_template(stream)
                offset = round(first * per_frame)
                for packet in inside:
                    packet.pts -= offset
                    packet.dts -= offset
                    packet.stream = out
                    dst.mux(packet)
                return "copy"
            out = dst.add_stream("libx264", rate=fps)
            out.width, out.height, out.pix_fmt = stream.width, stream.height, "yuv420p"
            out.options = {"crf": "23", **X264_OPTIONS}
            with av.open(str(source)) as again:
                for frame in again.decode(again.streams.video[0]):
                    n = frame_of(frame.pts)
                    if first <= n < last:
                        frame = frame.reformat(format="yuv420p")
                        frame.pts, frame.time_base = n - first, Fraction(1, fps)
                        dst.mux(out.encode(frame))
            dst.mux(out.encode(None))
    return "re-encoded"


def slide_videos(parts: Sequence[Segment], folder: Path, fps: int) -> list[dict[str, Any]]:
    """One video per beat of every clip, and a card's own video: the slides in order."""
    from scenes.pipeline.lectures import Clip

    folder.mkdir(parents=True, exist_ok=True)
    listed: list[dict[str, Any]] = []
    for k, part in enumerate(parts, start=1):
        if not isinstance(part.entry, Clip):
            listed.append({"file": part.video, "notes": part.title, "title": part.title})
            continue
        for beat in part.meta.get("beats", []):
            first = round(beat["start_s"] * fps)
            last = min(round(beat["end_s"] * fps), part.frames)
            if last <= first:
                continue  # a beat with no animation has no slide (as `make slides`)
            target = folder / f"{k:02d}-{len(listed) + 1:03d}-{beat['name']}.mp4"
            cut(part.video, target, first, last, fps)
            listed.append({"file": target, "notes": beat["caption"], "title": part.title})
    return listed


def build(lecture: Lecture, parts: Sequence[Segment], staging: Path, stem: str) -> int:
    """Write ``<stem>.html`` and ``<stem>_assets/`` into ``staging``; returns the number
    of slides."""
    slides._check_manim_slides()
    slides.reveal_js()
    from manim_slides.config import PresentationConfig, SlideConfig
    from manim_slides.convert import RevealJS
    from manim_slides.logger import logger

    from scenes.kit.palettes import THEMES

    logger.setLevel(logging.WARNING)
    q = QUALITIES[lecture.quality]
    listed = slide_videos(parts, staging / "slide-videos", q.fps)
    presentation = PresentationConfig(
        slides=[SlideConfig(file=s["file"], rev_file=s["file"], notes=s["notes"]) for s in listed],
        resolution=(q.width, q.height),
        background_color=THEMES[lecture.theme].background,
    )
    page = Path(f"{stem}.html")
    assets = Path(f"{stem}_assets")
    prefix = f"{assets}/{slides.REVEAL_SUBDIR}"
    with contextlib.redirect_stderr(io.StringIO()):
        RevealJS(
            presentation_configs=[presentation],
            title=lecture.title,
            cdn_url=prefix,
            assets_dir=str(assets),
            controls="true",
            progress="true",
            slide_number="true",
            hash="true",
        ).convert_to(staging / page)
    text = (staging / page).read_text(encoding="utf-8")
    slides._bundle_reveal(text, staging / assets, prefix)
    remote = slides.remote_references(text)
    if remote:
        raise slides.SlidesError(f"lecture: {page} still loads from the network: {remote[0]}")
    return len(listed)
