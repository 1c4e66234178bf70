"""Caption files from beats: cue times are the beats' start and end times."""

from __future__ import annotations

from scenes.pipeline.captions import to_srt, to_vtt

BEATS = [
    {"name": "a", "caption": "First.", "start_s": 0.0, "end_s": 1.5},
    {"name": "b", "caption": "Second.", "start_s": 1.5, "end_s": 3723.0041},
    {"name": "c", "caption": "Empty beat.", "start_s": 5.0, "end_s": 5.0},
]


def test_srt_cues_follow_the_beats() -> None:
    assert to_srt(BEATS) == (
        "1\n00:00:00,000 --> 00:00:01,500\nFirst.\n\n2\n00:00:01,500 --> 01:02:03,004\nSecond.\n"
    )


def test_vtt_has_header_and_dot_milliseconds() -> None:
    assert to_vtt(BEATS) == (
        "WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nFirst.\n\n"
        "00:00:01.500 --> 01:02:03.004\nSecond.\n"
    )
