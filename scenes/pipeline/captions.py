"""Captions from a scene's beats: SubRip (.srt) and WebVTT (.vtt) text, written with the
:mod:`srt` package (Manim's own subcaptions use it too)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

import srt


def _time(seconds: float) -> timedelta:
    """A cue time to the nearest millisecond (what both formats can say)."""
    return timedelta(milliseconds=round(seconds * 1000))


def _cues(beats: Sequence[dict[str, Any]]) -> list[srt.Subtitle]:
    """One cue per beat that lasts and has a caption, numbered from 1 in beat order."""
    shown = [
        b
        for b in beats
        if b.get("end_s") is not None and b["end_s"] > b["start_s"] and b["caption"]
    ]
    return [
        srt.Subtitle(
            index=k, start=_time(b["start_s"]), end=_time(b["end_s"]), content=b["caption"]
        )
        for k, b in enumerate(shown, start=1)
    ]


def to_srt(beats: Sequence[dict[str, Any]]) -> str:
    """SubRip captions, one cue per beat, timed by the beat's start and end."""
    text: str = srt.compose(_cues(beats), reindex=False)
    return text.removesuffix("\n")  # one newline after the last cue, not a blank line


def to_vtt(beats: Sequence[dict[str, Any]]) -> str:
    """WebVTT captions (for HTML ``<track>``), one cue per beat: SubRip's cues without
    their numbers and with a dot before the milliseconds."""
    blocks = []
    for cue in _cues(beats):
        _, timing, text = cue.to_srt().split("\n", 2)  # number, times, text + blank line
        blocks.append(timing.replace(",", ".") + "\n" + text.removesuffix("\n"))
    return "WEBVTT\n\n" + "\n".join(blocks)
