"""Captions from a scene's beats: SubRip (.srt) and WebVTT (.vtt) text."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def _timestamp(seconds: float, separator: str) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"


def _cues(beats: Sequence[dict[str, Any]]) -> list[tuple[float, float, str]]:
    return [
        (b["start_s"], b["end_s"], b["caption"])
        for b in beats
        if b.get("end_s") is not None and b["end_s"] > b["start_s"] and b["caption"]
    ]


def to_srt(beats: Sequence[dict[str, Any]]) -> str:
    """SubRip captions, one cue per beat, timed by the beat's start and end."""
    blocks = [
        f"{k}\n{_timestamp(a, ',')} --> {_timestamp(b, ',')}\n{text}\n"
        for k, (a, b, text) in enumerate(_cues(beats), start=1)
    ]
    return "\n".join(blocks)


def to_vtt(beats: Sequence[dict[str, Any]]) -> str:
    """WebVTT captions (for HTML ``<track>``), one cue per beat."""
    blocks = [
        f"{_timestamp(a, '.')} --> {_timestamp(b, '.')}\n{text}\n" for a, b, text in _cues(beats)
    ]
    return "WEBVTT\n\n" + "\n".join(blocks)
