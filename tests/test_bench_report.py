"""The benchmark report checks each target against its threshold, on made-up results."""

from __future__ import annotations

from typing import Any

from bench.report import report


def row(scene: str, quality: str, fps: float, encode_fps: float, rss: float = 600.0) -> dict:
    return {
        "scene": scene,
        "quality": quality,
        "fps": fps,
        "ratio_to_encode_only": fps / encode_fps,
        "speedup_vs_plain_manim": 1.5,
        "peak_rss_mb": rss,
    }


def results(**gallery: Any) -> dict[str, Any]:
    return {
        "scenes": [
            row("Fast", "high", 40.0, 50.0),  # 0.80: exactly on the target, met
            row("Slow", "high", 39.0, 50.0, rss=1600.0),  # 0.78: missed
            row("Fast", "low", 30.0, 150.0),
        ],
        "gallery": {
            "renders": 2,
            "frames": 1000,
            "wall_s": 130.0,
            "two_stream_encode_only_s": 100.0,
            "ratio_to_encode_only": 1.3,
            "sequential_plain_manim_s": 220.0,
            "speedup_vs_sequential_plain_manim": 220.0 / 130.0,
            "noop_renders": 5,
            "noop_render_s": 2.0,
            "noop_make_render_s": 2.1,
            **gallery,
        },
        "point_cloud": {
            "fps_by_points": {"10000": {"fps": 42.0}},
            "linear_map_low_fps": 42.0,
        },
    }


def test_scene_rows_bold_only_the_ratios_that_meet_the_target() -> None:
    text = report(results())
    fast = next(line for line in text.splitlines() if line.startswith("| Fast"))
    slow = next(line for line in text.splitlines() if line.startswith("| Slow"))
    assert "**0.80**" in fast and "| 0.20 |" in fast  # low is never bold
    assert "0.78" in slow and "**" not in slow
    assert "| Slow | 39.0 | 0.78 | 1.50x | 1600 MB | not run |" in slow


def test_each_target_is_met_or_missed_at_its_threshold() -> None:
    lines = report(results()).split("\n\n")[1].splitlines()
    assert lines[0].endswith("1 of 2 (ratios 0.78 to 0.80)")
    assert lines[1].endswith("1600 MB, missed")
    assert lines[2].endswith(", met")  # 1.3 is at most 1.3
    assert lines[3].endswith(", missed")  # 1.69x is under 2x
    assert lines[4].endswith(", missed")  # 2.0 s is not under 2 s
    assert ", met (" in lines[5]  # equal fps meets "at least"


def test_a_faster_gallery_meets_the_speedup_target() -> None:
    lines = report(results(speedup_vs_sequential_plain_manim=2.0)).splitlines()
    assert any(
        "faster than sequential plain Manim: 2.00x" in ln and ln.endswith("met") for ln in lines
    )


def test_a_run_without_the_noop_check_says_it_was_not_run() -> None:
    run = results()
    for key in ("noop_renders", "noop_render_s", "noop_make_render_s"):
        del run["gallery"][key]
    lines = report(run).split("\n\n")[1].splitlines()
    assert lines[4].endswith("under 2 s: not run")
    assert lines[2].endswith(", met")  # the gallery's own figures are still checked


def test_before_after_puts_each_scene_beside_its_earlier_row() -> None:
    from bench.report import before_after_table

    earlier = {"scenes": [row("Slow", "high", 20.0, 50.0), row("Gone", "high", 1.0, 50.0)]}
    text = before_after_table(earlier, results())
    lines = text.splitlines()
    assert lines[2] == "| Fast | new |  | 40.0 | **0.80** | 1.50x | 600 MB |"
    assert lines[3] == "| Slow | 20.0 | 0.40 | 39.0 | 0.78 | 1.50x | 1600 MB |"
    assert len(lines) == 4  # a scene only in the earlier run, or only at low, has no row
