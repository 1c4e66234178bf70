"""Sweep players: one page per declared sweep with a slider over its pre-rendered values.

Moving the slider (mouse, or the arrow, Home/End and Page keys once it has focus) swaps
the video, its poster and captions to the variant rendered at that value and shows the
numbers from that variant's sidecar. Everything the page needs is inside it or next to
it in the output folder: the variants' numbers and captions (WebVTT as ``data:`` URLs,
:func:`inline_vtt`) are embedded as JSON and a short inline script does the swapping,
so it works from the file system with no network.
"""

from __future__ import annotations

import base64
import html
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from scenes.kit.numbers import sig
from scenes.pipeline import outputs

#: Marks the pages written here, so stale ones can be told apart and removed.
GENERATOR = "mlmath-viz sweep player"
#: The slider thumb's width in pixels; tick marks are placed with it in mind.
THUMB_PX = 18
#: Larger WebVTT files are linked from their ``<track>``, not embedded (:func:`inline_vtt`).
INLINE_VTT_BYTES = 256_000
#: Significant figures of the numbers shown beside a variant.
DIGITS = 4

STYLE = f"""
body {{ background: #10131a; color: #e8e8e8; font: 16px/1.5 system-ui, sans-serif;
       margin: 0 auto; max-width: 1100px; padding: 1.5rem; }}
h1 {{ font-weight: 600; margin-bottom: .2rem; }}
a {{ color: #58c4dd; }}
.desc {{ color: #9aa3b2; margin: 0 0 1rem; }}
video {{ width: 100%; max-width: 854px; background: #000; border-radius: 4px; display: block; }}
.control {{ max-width: 854px; margin: 1rem 0; }}
.control label {{ display: block; margin-bottom: .3rem; }}
.control output {{ font-weight: 600; color: #f0c674; }}
.track {{ position: relative; padding: 1.4rem 0 1.6rem; }}
input[type=range] {{ -webkit-appearance: none; appearance: none; width: 100%; height: 6px;
       margin: 0; background: #2a3140; border-radius: 3px; }}
input[type=range]::-webkit-slider-thumb {{ -webkit-appearance: none; width: {THUMB_PX}px;
       height: {THUMB_PX}px; border-radius: 50%; background: #58c4dd; cursor: pointer; }}
input[type=range]::-moz-range-thumb {{ width: {THUMB_PX}px; height: {THUMB_PX}px;
       border: 0; border-radius: 50%; background: #58c4dd; cursor: pointer; }}
input[type=range]:focus-visible {{ outline: 2px solid #f0c674; outline-offset: 6px; }}
.tick {{ position: absolute; bottom: 0; transform: translateX(-50%); font-size: 12px;
        color: #9aa3b2; white-space: nowrap; }}
.tick::before {{ content: ""; position: absolute; left: 50%; top: -.55rem; height: .4rem;
        border-left: 1px solid #9aa3b2; }}
.critical {{ position: absolute; top: 0; bottom: 1.3rem; border-left: 2px dashed #fc6255;
        transform: translateX(-1px); }}
.critical span {{ position: absolute; top: -.1rem; left: 4px; font-size: 12px; color: #fc6255;
        white-space: nowrap; }}
table {{ border-collapse: collapse; margin: .6rem 0; font-size: 14px; }}
td, th {{ border: 1px solid #2a3140; padding: .2rem .6rem; text-align: left; }}
code {{ background: #1c212c; padding: .1rem .3rem; border-radius: 3px; }}
.caption {{ color: #c8ccd4; max-width: 854px; }}
.strip {{ display: flex; flex-wrap: wrap; gap: .5rem; margin-top: 1.5rem; }}
.strip button {{ background: #1c212c; color: #e8e8e8; border: 2px solid transparent;
        border-radius: 4px; padding: .2rem; font: 12px system-ui, sans-serif; cursor: pointer; }}
.strip button[aria-pressed=true] {{ border-color: #58c4dd; }}
.strip img {{ display: block; width: 128px; height: auto; }}
.files a {{ margin-right: 1rem; }}
"""

SCRIPT = """
"use strict";
const variants = JSON.parse(document.getElementById("variants").textContent);
const slider = document.getElementById("slider");
const video = document.getElementById("video");
const output = document.getElementById("value");
const numbers = document.getElementById("numbers");
const caption = document.getElementById("caption");
const files = document.getElementById("files");
const command = document.getElementById("command");
const buttons = Array.from(document.querySelectorAll(".strip button"));

function cell(tag, text) {
  const el = document.createElement(tag);
  el.textContent = text;
  return el;
}

function show(index) {
  const v = variants[index];
  slider.value = String(index);
  slider.setAttribute("aria-valuetext", v.label);
  output.textContent = v.label;
  video.pause();
  video.poster = v.poster;
  video.width = v.width;
  video.height = v.height;
  video.querySelectorAll("track").forEach((t) => t.remove());
  const track = document.createElement("track");
  track.kind = "captions";
  track.srclang = "en";
  track.label = "English";
  track.src = v.vtt;
  video.appendChild(track);
  video.src = v.video;
  video.load();
  numbers.replaceChildren(
    ...v.numbers.map(([name, text]) => {
      const row = document.createElement("tr");
      row.append(cell("th", name), cell("td", text));
      return row;
    })
  );
  caption.textContent = v.caption;
  command.textContent = v.command;
  files.replaceChildren(
    ...v.files.map(([name, href]) => {
      const a = cell("a", name);
      a.href = href;
      return a;
    })
  );
  buttons.forEach((b, k) => b.setAttribute("aria-pressed", String(k === index)));
  history.replaceState(null, "", "#" + v.stem);
}

slider.addEventListener("input", () => show(Number(slider.value)));
buttons.forEach((b, k) => b.addEventListener("click", () => { show(k); slider.focus(); }));
const start = variants.findIndex((v) => "#" + v.stem === location.hash);
show(start >= 0 ? start : 0);
"""


def shown_number(x: float) -> str:
    """A number for people: the kit's significant-figure form with
    :data:`DIGITS` digits (:func:`scenes.kit.numbers.sig`: no trailing zeros, the house
    scientific form ``1.5e-9`` below 1e-3 and from 1e5); whole numbers as they are,
    booleans as yes or no."""
    if isinstance(x, bool):
        return "yes" if x else "no"
    if isinstance(x, int):
        return str(x)
    return sig(x, DIGITS)


def _compact(value: Any) -> str:
    """A parameter or data value in a short, readable form."""
    if isinstance(value, list):
        return "[" + ", ".join(_compact(v) for v in value) + "]"
    if isinstance(value, bool | int | float):
        return shown_number(value)
    return str(value)


def _flat(value: Any) -> list[Any]:
    if isinstance(value, list):
        return [x for v in value for x in _flat(v)]
    return [value]


def sort_key(meta: dict[str, Any]) -> tuple[Any, ...]:
    """Variants in the order of their swept values (numbers before text)."""
    key: list[Any] = []
    for value in meta.get("sweep_values", {}).values():
        for x in _flat(value):
            key.append((0, float(x), "") if isinstance(x, int | float) else (1, 0.0, str(x)))
    return (*key, meta.get("stem", ""))


def label(meta: dict[str, Any]) -> str:
    """``lr = 0.35`` (several swept parameters are joined with commas)."""
    values = meta.get("sweep_values") or {}
    return ", ".join(f"{k} = {_compact(v)}" for k, v in values.items())


def key_numbers(meta: dict[str, Any]) -> list[tuple[str, str]]:
    """The numbers shown beside a variant, from its sidecar's ``data``.

    A descent (``losses`` and ``diverged`` in the data): the final loss, whether it
    diverged, the verdict (diverged, diverging, converged, still descending), the steps
    taken and the critical learning rate 2/lambda_max when known.
    Otherwise every scalar entry of the data, and short numeric lists (up to 8 numbers).
    """
    data = meta.get("data") or {}
    rows: list[tuple[str, str]] = [(k, _compact(v)) for k, v in meta["sweep_values"].items()]
    losses = data.get("losses")
    if isinstance(losses, list) and "diverged" in data:
        if losses:
            rows.append(("final loss", shown_number(float(losses[-1]))))
        rows.append(("diverged", shown_number(bool(data["diverged"]))))
        if isinstance(data.get("verdict"), str):
            rows.append(("verdict", data["verdict"]))  # e.g. "diverging" before it blows up
        if "steps_taken" in data:
            rows.append(("steps taken", shown_number(data["steps_taken"])))
        if isinstance(data.get("lr_critical"), int | float):
            rows.append(("critical lr 2/λmax", shown_number(float(data["lr_critical"]))))
        return rows
    for name, value in data.items():
        if name in meta["sweep_values"]:
            continue  # already the first rows
        if isinstance(value, bool | int | float | str):
            rows.append((name, _compact(value)))
        elif isinstance(value, list):
            flat = _flat(value)
            if 0 < len(flat) <= 8 and all(isinstance(x, int | float) for x in flat):
                rows.append((name, _compact(value)))
    return rows


def _caption(meta: dict[str, Any]) -> str:
    """The scene's last caption: what the video concludes (e.g. the descent's verdict)."""
    beats = [b for b in meta.get("beats", []) if b.get("caption")]
    return str(beats[-1]["caption"]) if beats else ""


def critical_position(values: Sequence[float], critical: float) -> float | None:
    """Where ``critical`` falls on a slider over the sorted ``values`` (as a fraction).

    The slider moves in equal steps from one value to the next, so the mark is placed by
    linear interpolation between the two values around it; ``None`` if outside.
    """
    if len(values) < 2:
        return None
    for k in range(len(values) - 1):
        lo, hi = values[k], values[k + 1]
        if lo <= critical <= hi and hi > lo:
            return (k + (critical - lo) / (hi - lo)) / (len(values) - 1)
    return None


def _critical(metas: Sequence[dict[str, Any]]) -> tuple[float, float] | None:
    """(critical lr, position) when the sweep is over ``lr`` and the data knows 2/lambda_max."""
    if any(list(m.get("sweep_values", {})) != ["lr"] for m in metas):
        return None
    criticals = {(m.get("data") or {}).get("lr_critical") for m in metas}
    if len(criticals) != 1:
        return None
    (critical,) = criticals
    if not isinstance(critical, int | float):
        return None
    position = critical_position([float(m["sweep_values"]["lr"]) for m in metas], critical)
    return None if position is None else (float(critical), position)


def page_name(scene: str, sweep: str, theme: str | None = None) -> str:
    """``<Scene>-<sweep>.html`` (``<Scene>-<sweep>--<theme>.html`` in a non-default theme)."""
    suffix = "" if theme in (None, "dark") else f"--{theme}"
    return f"{scene}-{sweep}{suffix}.html"


def inline_vtt(out_dir: Path, path: str, prefix: str = "") -> str:
    """A ``<track>``'s ``src`` for the WebVTT file ``path`` (relative to ``out_dir``): the
    file as a ``data:`` URL, or ``prefix + path`` when it is missing or too large.

    Chromium treats every ``file:`` URL as a unique origin and loads no text track from
    one, so captions linked by path never appear on a page opened from the file system.
    """
    try:
        data = (out_dir / path).read_bytes()
    except OSError:
        data = None
    if data is None or len(data) > INLINE_VTT_BYTES:
        return prefix + path
    return "data:text/vtt;charset=utf-8;base64," + base64.b64encode(data).decode("ascii")


def _variant(quality: str, meta: dict[str, Any], out_dir: Path) -> dict[str, Any]:
    stem = meta["stem"]
    base = f"{quality}/{stem}"
    files = [("video", f"{base}.mp4"), ("poster", f"{base}.png")]
    for name, suffix in (("webm", ".webm"), ("gif", ".gif")):
        if (out_dir / f"{base}{suffix}").exists():
            files.append((name, f"{base}{suffix}"))
    files += [("captions (vtt)", f"{base}.vtt"), ("numbers (json)", f"{base}.json")]
    return {
        "stem": stem,
        "label": label(meta),
        "video": f"{base}.mp4",
        "poster": f"{base}.png",
        "vtt": inline_vtt(out_dir, f"{base}.vtt"),
        "width": meta["width"],
        "height": meta["height"],
        "duration_s": meta["duration_s"],
        "numbers": key_numbers(meta),
        "caption": _caption(meta),
        "command": meta.get("command", ""),
        "files": files,
    }


def _tick_left(fraction: float) -> str:
    """CSS ``left`` of a point at ``fraction`` of the slider's travel (thumb centre)."""
    return f"calc({THUMB_PX / 2}px + (100% - {THUMB_PX}px) * {fraction:.6f})"


def render_page(
    scene: str, sweep: str, variants: Sequence[tuple[str, dict[str, Any]]], out_dir: Path
) -> str:
    """The HTML of one sweep's player; ``variants`` are (quality, sidecar) pairs."""
    e = html.escape
    ordered = sorted(variants, key=lambda qm: sort_key(qm[1]))
    metas = [m for _, m in ordered]
    data = [_variant(q, m, out_dir) for q, m in ordered]
    first = metas[0]
    n = len(data)
    swept = ", ".join(first.get("sweep_values", {}))
    # Tick labels: the value itself when one short number or word is swept, else 1..n.
    labels = [", ".join(_compact(x) for x in m["sweep_values"].values()) for m in metas]
    if len(first["sweep_values"]) > 1 or any(len(t) > 8 for t in labels):
        labels = [str(k + 1) for k in range(n)]
    ticks = "".join(
        f'<span class="tick" style="left: {_tick_left(k / max(1, n - 1))}">{e(t)}</span>'
        for k, t in enumerate(labels)
    )
    options = "".join(f'<option value="{k}" label="{e(t)}"></option>' for k, t in enumerate(labels))
    critical = _critical(metas)
    marker = ""
    critical_note = ""
    if critical is not None:
        value, position = critical
        marker = (
            f'<div class="critical" style="left: {_tick_left(position)}" '
            f'title="critical learning rate 2/λmax = {value:.4g}">'
            f"<span>2/λmax = {value:.4g}</span></div>"
        )
        critical_note = (
            f" The dashed mark is the critical learning rate 2/λmax = {value:.4g}: "
            "descent on this quadratic converges below it and diverges above it."
        )
    strip = "".join(
        f'<button type="button" aria-pressed="false" title="{e(v["label"])}">'
        f'<img src="{e(v["poster"])}" alt="{e(v["label"])}" width="128" height="'
        f'{round(128 * v["height"] / v["width"])}" loading="lazy">{e(v["label"])}</button>'
        for v in data
    )
    payload = json.dumps(data).replace("<", "\\u003c")
    v0 = data[0]
    title = f"{first.get('title', scene)}: sweep {sweep}"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{GENERATOR}">
<title>{e(title)}</title><style>{STYLE}</style></head>
<body><p><a href="index.html">← gallery</a></p>
<h1>{e(title)}</h1>
<p class="desc">{e(first.get("description", ""))} {n} renders, one per value of
<code>{e(swept)}</code>; move the slider (or use the arrow keys on it) to switch.
{e(critical_note)}</p>
<video id="video" controls preload="metadata" poster="{e(v0["poster"])}" width="{v0["width"]}"
       height="{v0["height"]}" src="{e(v0["video"])}">
  <track kind="captions" src="{e(v0["vtt"])}" srclang="en" label="English">
</video>
<div class="control">
  <label for="slider">Rendered at <output id="value" for="slider"
    aria-live="polite">{e(v0["label"])}</output></label>
  <div class="track">
    {marker}
    <input type="range" id="slider" min="0" max="{n - 1}" step="1" value="0"
           list="ticks" aria-valuetext="{e(v0["label"])}">
    <datalist id="ticks">{options}</datalist>
    {ticks}
  </div>
</div>
<p class="caption" id="caption" aria-live="polite"></p>
<table><tbody id="numbers"></tbody></table>
<p>Regenerate: <code id="command"></code></p>
<p class="files" id="files"></p>
<div class="strip">{strip}</div>
<script type="application/json" id="variants">{payload}</script>
<script>{SCRIPT}</script>
</body></html>
"""


def write(
    out_dir: Path, groups: dict[tuple[str, str, str | None], list[tuple[str, dict[str, Any]]]]
) -> dict[tuple[str, str, str | None], str]:
    """Write one player page per sweep into ``out_dir``; return each page's file name.

    Pages of sweeps no longer rendered are removed (only pages this module wrote).
    """
    written: dict[tuple[str, str, str | None], str] = {}
    for (scene, sweep, theme), variants in groups.items():
        name = page_name(scene, sweep, theme)
        target = out_dir / name
        outputs.write_if_changed(target, render_page(scene, sweep, variants, out_dir))
        written[(scene, sweep, theme)] = name
    keep = set(written.values())
    for page in out_dir.glob("*.html"):
        if page.name in keep or page.name == "index.html":
            continue
        try:
            head = page.read_text(encoding="utf-8")[:600]
        except (OSError, UnicodeDecodeError):
            continue
        if f'content="{GENERATOR}"' in head:
            page.unlink(missing_ok=True)
    return written
