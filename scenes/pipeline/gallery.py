"""The gallery page: ``renders/index.html`` with every rendered scene and preset.

Self-contained (inline styles, no scripts, fonts or anything fetched from the network),
so it opens from the file system. Built from the JSON sidecars, so it lists exactly
what has been rendered, with the command that regenerates each clip. The renders of a
sweep declared in ``scenes.toml`` (sidecar key ``sweep``) are not listed one by one:
each sweep gets a player page with a slider (:mod:`scenes.pipeline.player`), linked from here.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from scenes import catalog
from scenes.pipeline import outputs, player

QUALITY_ORDER = ("high", "4k", "medium", "low")

STYLE = """
body { background: #10131a; color: #e8e8e8; font: 16px/1.5 system-ui, sans-serif;
       margin: 0 auto; max-width: 1100px; padding: 1.5rem; }
h1 { font-weight: 600; } h2 { margin: 0 0 .2rem; font-weight: 600; }
a { color: #58c4dd; }
.clip { border-top: 1px solid #2a3140; padding: 1.5rem 0; }
.clip video { width: 100%; max-width: 854px; background: #000; border-radius: 4px; }
.desc { color: #9aa3b2; margin: 0 0 .8rem; }
table { border-collapse: collapse; margin: .6rem 0; font-size: 14px; }
td, th { border: 1px solid #2a3140; padding: .2rem .6rem; text-align: left; }
code { background: #1c212c; padding: .1rem .3rem; border-radius: 3px; }
.files a { margin-right: 1rem; }
nav a { margin-right: .8rem; }
.sweep img { width: 320px; height: auto; border-radius: 4px; display: block; margin: .4rem 0; }
"""


def _load(out_dir: Path) -> list[tuple[str, dict[str, Any]]]:
    """Sidecars of the best quality rendered for each stem, in gallery order."""
    best: dict[str, tuple[str, dict[str, Any]]] = {}
    for quality in reversed(QUALITY_ORDER):
        for sidecar in sorted((out_dir / quality).glob("*.json")):
            try:
                meta = json.loads(sidecar.read_text(encoding="utf-8"))
            except ValueError:
                continue
            best[meta.get("stem", sidecar.stem)] = (quality, meta)
    order = {e.name: k for k, e in enumerate(catalog.SCENES)}
    return sorted(
        best.values(),
        key=lambda qm: (
            order.get(qm[1]["scene"], 999),
            qm[1].get("preset") is not None,
            qm[1].get("stem", ""),
        ),
    )


def _extra_links(out_dir: Path, quality: str, meta: dict[str, Any]) -> str:
    """Links to the outputs made only on request, for those that exist: the WebM, the
    GIF, the per-beat clips in ``<stem>.sections/`` and the scene's slide deck."""
    e = html.escape
    stem = meta.get("stem", meta["scene"])
    base = f"{quality}/{stem}"
    links = [
        f'<a href="{e(base)}{suffix}">{name}</a>'
        for name, suffix in (("video (webm)", ".webm"), ("animation (gif)", ".gif"))
        if (out_dir / f"{base}{suffix}").is_file()
    ]
    sections = out_dir / f"{base}.sections"
    if sections.is_dir():
        clips = sorted(p for p in sections.iterdir() if p.suffix in (".mp4", ".webm"))
        links += [
            f'<a href="{e(base)}.sections/{e(p.name)}">beat {k}: {e(p.stem)}</a>'
            for k, p in enumerate(clips, 1)
        ]
    slides = Path("slides") / f"{stem}.html"  # decks are named by stem, like renders
    if (out_dir / slides).is_file():
        links.append(f'<a href="{e(slides.as_posix())}">slides</a>')
    return f'\n  <p class="files">{"".join(links)}</p>' if links else ""


def _clip(quality: str, meta: dict[str, Any], out_dir: Path) -> str:
    stem = meta.get("stem", meta["scene"])
    base = f"{quality}/{stem}"
    e = html.escape
    title = e(meta.get("title", meta["scene"]))
    label = e(stem)
    rows = "".join(
        f"<tr><th>{e(k)}</th><td><code>{e(json.dumps(v))}</code></td></tr>"
        for k, v in meta.get("params", {}).items()
    )
    return f"""
<section class="clip" id="{label}">
  <h2>{title} <small>({label})</small></h2>
  <p class="desc">{e(meta.get("description", ""))}</p>
  <video controls preload="metadata" poster="{e(base)}.png" width="{meta["width"]}"
         height="{meta["height"]}">
    <source src="{e(base)}.mp4" type="video/mp4">
    <track kind="captions" src="{e(base)}.vtt" srclang="en" label="English">
  </video>
  <table>{rows}</table>
  <p>Regenerate: <code>{e(meta.get("command", ""))}</code></p>
  <p class="files"><a href="{e(base)}.mp4">video</a><a href="{e(base)}.png">poster</a>
  <a href="{e(base)}.vtt">captions (vtt)</a><a href="{e(base)}.srt">captions (srt)</a>
  <a href="{e(base)}.json">numbers (json)</a>
  <span>{quality}, {meta["width"]}x{meta["height"]}, {meta["duration_s"]:.1f} s</span></p>\
{_extra_links(out_dir, quality, meta)}
</section>"""


def _sweep_card(name: str, variants: list[tuple[str, dict[str, Any]]]) -> str:
    """The gallery's entry for one sweep: a poster, what is swept, a link to its player."""
    e = html.escape
    ordered = sorted(variants, key=lambda qm: player.sort_key(qm[1]))
    quality, meta = ordered[len(ordered) // 2]
    swept = ", ".join(meta.get("sweep_values") or {})
    anchor = name.removesuffix(".html")
    return f"""
<section class="clip sweep" id="{e(anchor)}">
  <h2>{e(meta.get("title", meta["scene"]))} <small>(sweep {e(meta["sweep"])})</small></h2>
  <p class="desc">{e(meta.get("description", ""))}</p>
  <a href="{e(name)}"><img src="{e(quality)}/{e(meta["stem"])}.png" width="{meta["width"]}"
     height="{meta["height"]}" alt="{e(meta["scene"])} at {e(player.label(meta))}"></a>
  <p><a href="{e(name)}">Open the player</a>: {len(variants)} renders over
  <code>{e(swept)}</code>, one slider.</p>
</section>"""


def write(out_dir: Path) -> Path:
    """Write ``out_dir/index.html`` atomically and return its path."""
    loaded = _load(out_dir)
    clips = [(q, m) for q, m in loaded if not m.get("sweep")]
    groups: dict[tuple[str, str, str | None], list[tuple[str, dict[str, Any]]]] = {}
    for q, m in loaded:
        if m.get("sweep"):
            groups.setdefault((m["scene"], m["sweep"], m.get("theme")), []).append((q, m))
    out_dir.mkdir(parents=True, exist_ok=True)
    pages = player.write(out_dir, groups)
    nav = " ".join(
        f'<a href="#{html.escape(m.get("stem", m["scene"]))}">{html.escape(m.get("stem", ""))}</a>'
        for _, m in clips
    )
    nav += "".join(
        f' <a href="{html.escape(name)}">{html.escape(scene)} sweep {html.escape(sweep)}</a>'
        for (scene, sweep, _), name in pages.items()
    )
    body = "".join(_clip(q, m, out_dir) for q, m in clips)
    body += "".join(_sweep_card(pages[key], variants) for key, variants in groups.items())
    body = body or "<p>Nothing rendered yet: run make render.</p>"
    sweeps_note = f" {len(groups)} sweeps, each with a player." if groups else ""
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>mlmath-viz gallery</title><style>{STYLE}</style></head>
<body><h1>mlmath-viz gallery</h1>
<p>{len(clips)} clips. Each plays inline; captions are in the player's menu.{sweeps_note}</p>
<nav>{nav}</nav>{body}
</body></html>
"""
    target = out_dir / "index.html"
    out_dir.mkdir(parents=True, exist_ok=True)
    outputs.write_if_changed(target, page)
    return target
