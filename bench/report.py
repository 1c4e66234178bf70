"""The benchmark's table: bench/results.json as Markdown, with each target checked.

``make bench`` prints it at the end of a run; ``python bench/report.py [results.json]``
prints it again from a saved run (the README's performance table is this output).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

#: The targets of the render-speed issue, as (name, threshold).
MIN_ENCODE_RATIO = 0.8  # each scene at high: render fps / encode-only fps
MAX_GALLERY_TO_ENCODE = 1.3  # gallery wall time / two-stream encode-only time
MIN_GALLERY_SPEEDUP = 2.0  # sequential plain Manim / gallery wall time (issue 24: at least 2x)
MAX_NOOP_S = 2.0
MAX_PEAK_MB = 1500.0


def _rows(results: dict[str, Any]) -> dict[str, dict[str, dict[str, Any]]]:
    by_scene: dict[str, dict[str, dict[str, Any]]] = {}
    for row in results["scenes"]:
        by_scene.setdefault(row["scene"], {})[row["quality"]] = row
    return by_scene


def _cells(row: dict[str, Any] | None, memory: bool) -> list[str]:
    """A row's fps, ratio to encode-only (bold at high when it meets the target) and
    speed-up over plain Manim, and with ``memory`` its peak RSS."""
    if row is None:
        return ["not run", "", ""] + ([""] if memory else [])
    ratio = row["ratio_to_encode_only"]
    shown = f"{ratio:.2f}"
    if row["quality"] == "high" and ratio >= MIN_ENCODE_RATIO:
        shown = f"**{shown}**"
    out = [f"{row['fps']:.1f}", shown, f"{row['speedup_vs_plain_manim']:.2f}x"]
    if memory:
        out.append(f"{row['peak_rss_mb']:.0f} MB")
    return out


def scene_table(results: dict[str, Any]) -> str:
    """One line per scene: high and low, each against encode-only and plain Manim."""
    lines = [
        "| scene | fps at high | of encode-only | vs plain Manim | peak RSS "
        "| fps at low | of encode-only | vs plain Manim |",
        "|---|---|---|---|---|---|---|---|",
    ]

    for scene, qualities in _rows(results).items():
        high = _cells(qualities.get("high"), memory=True)
        low = _cells(qualities.get("low"), memory=False)
        lines.append("| " + " | ".join([scene, *high, *low]) + " |")
    return "\n".join(lines)


def targets(results: dict[str, Any]) -> str:
    """Each target of the issue, with the measured figure and met or missed."""
    out = []
    high = [r for r in results["scenes"] if r["quality"] == "high"]
    if high:
        met = [r for r in high if r["ratio_to_encode_only"] >= MIN_ENCODE_RATIO]
        lo = min(r["ratio_to_encode_only"] for r in high)
        hi = max(r["ratio_to_encode_only"] for r in high)
        out.append(
            f"- each scene at high, at least {MIN_ENCODE_RATIO} of encode-only: "
            f"{len(met)} of {len(high)} (ratios {lo:.2f} to {hi:.2f})"
        )
        peak = max(r["peak_rss_mb"] for r in high)
        verdict = "met" if peak < MAX_PEAK_MB else "missed"
        out.append(f"- peak RSS at high under {MAX_PEAK_MB:.0f} MB: {peak:.0f} MB, {verdict}")
    g = results.get("gallery")
    if g:
        ratio = g["ratio_to_encode_only"]
        verdict = "met" if ratio <= MAX_GALLERY_TO_ENCODE else "missed"
        out.append(
            f"- gallery at high, at most {MAX_GALLERY_TO_ENCODE}x two-stream encode-only: "
            f"{ratio:.2f}x ({g['wall_s']:.0f} s against {g['two_stream_encode_only_s']:.0f} s"
            f", {g['renders']} renders, {g['frames']} frames), {verdict}"
        )
        speedup = g.get("speedup_vs_sequential_plain_manim")
        if speedup is not None:
            verdict = "met" if speedup >= MIN_GALLERY_SPEEDUP else "missed"
            out.append(
                f"- gallery at least {MIN_GALLERY_SPEEDUP}x faster than sequential plain "
                f"Manim: {speedup:.2f}x ({g['sequential_plain_manim_s']:.0f} s), {verdict}"
            )
        if "noop_render_s" not in g:
            out.append(f"- no-op render of the whole gallery under {MAX_NOOP_S:.0f} s: not run")
        else:
            verdict = "met" if g["noop_render_s"] < MAX_NOOP_S else "missed"
            out.append(
                f"- no-op render of the whole gallery under {MAX_NOOP_S:.0f} s: "
                f"{g['noop_render_s']:.2f} s ({g['noop_renders']} renders; "
                f"{g['noop_make_render_s']:.2f} s through make), {verdict}"
            )
    clouds = results.get("point_cloud")
    if clouds and clouds.get("linear_map_low_fps"):
        fps = clouds["fps_by_points"]["10000"]["fps"]
        lm = clouds["linear_map_low_fps"]
        verdict = "met" if fps >= lm else "missed"
        by_n = ", ".join(
            f"{int(n):,} points {v['fps']:.1f} fps" for n, v in clouds["fps_by_points"].items()
        )
        out.append(
            f"- 10,000-point cloud at low at least LinearMap's fps: {fps:.1f} against "
            f"{lm:.1f}, {verdict} ({by_n})"
        )
    return "\n".join(out)


def before_after_table(before: dict[str, Any], after: dict[str, Any]) -> str:
    """One line per scene of ``after`` at high beside the same scene's high row in
    ``before`` (an earlier run): fps and ratio to encode-only, then and now."""
    old = {s: q["high"] for s, q in _rows(before).items() if "high" in q}
    lines = [
        "| scene | before: fps at high | of encode-only | after: fps at high "
        "| of encode-only | vs plain Manim | peak RSS |",
        "|---|---|---|---|---|---|---|",
    ]
    for scene, qualities in _rows(after).items():
        row = qualities.get("high")
        if row is None:
            continue
        was = old.get(scene)
        then = [f"{was['fps']:.1f}", f"{was['ratio_to_encode_only']:.2f}"] if was else ["new", ""]
        lines.append("| " + " | ".join([scene, *then, *_cells(row, memory=True)]) + " |")
    return "\n".join(lines)


def report(results: dict[str, Any]) -> str:
    return scene_table(results) + "\n\n" + targets(results)


def main() -> None:
    """``report.py [RESULTS]`` prints the table and targets; ``report.py --before OLD
    [RESULTS]`` prints the before/after table at high against the earlier run OLD."""
    args = sys.argv[1:]
    before = None
    if args[:1] == ["--before"]:
        before = json.loads(Path(args[1]).read_text())
        args = args[2:]
    path = Path(args[0] if args else Path(__file__).parent / "results.json")
    results = json.loads(path.read_text())
    if before is not None:
        print(before_after_table(before, results) + "\n\n" + targets(results))
    else:
        print(report(results))


if __name__ == "__main__":
    main()
