"""The gallery: ``renders/index.html``, a course page of poster thumbnails, and a detail
page per clip and lecture.

The index is a grid of posters grouped by topic in syllabus order (:data:`SYLLABUS`),
the built lectures first. Each card is one link to its detail page,
``clips/<stem>.html`` for a clip and ``clips/lecture--<stem>.html`` for a lecture: the
video with its poster and captions (a lecture's also with its chapters track), the
parameters, the command that regenerates it and every file, with links to the scene's
sweep players and slides when they exist. The renders of a sweep declared in
``scenes.toml`` (sidecar key ``sweep``) get one card that opens the sweep's player
page with a slider (:mod:`scenes.pipeline.player`).

Everything is built from the JSON sidecars, so the page lists exactly what has been
rendered, and it is self-contained: inline styles, no fonts, images or scripts from
the network, so it opens from the file system on a lecture-room PC. The index carries
one small inline script, the filter box: it hides the cards whose title, scene, preset
or parameters (each card's ``data-search``) do not contain every word typed. A filter
needs a script (HTML and CSS cannot match typed text against content); it is inline,
reads only the page and fetches nothing. A lecture's page has another, as small, that
turns each chapter's start time into a button seeking the video there. Without
JavaScript the filter box stays hidden, the whole grid shows and the times stay text.

The detail pages' ``<track>`` elements carry their WebVTT inline, as ``data:`` URLs (the
``.vtt`` files are linked as well): Chromium treats every ``file:`` URL as a unique
origin and refuses to load a text track from one, so captions and chapters from the
file system would otherwise never appear. The pages follow the reader's colour scheme
(``prefers-color-scheme``): dark by default, as the default renders, light for a
light system setting, which suits the ``--theme light`` renders.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from scenes import catalog
from scenes.pipeline import outputs, player

QUALITY_ORDER = ("high", "4k", "medium", "low")
#: Marks the detail pages written here, so stale ones can be told apart and removed.
GENERATOR = "mlmath-viz gallery"
#: The folder of the detail pages, under the output folder.
DETAIL_DIR = "clips"
#: The lectures' folder under the output folder (as :mod:`scenes.pipeline.lectures`).
LECTURES_DIR = "lectures"

#: The course's groups, in syllabus order: (id, heading).
SYLLABUS: tuple[tuple[str, str], ...] = (
    ("vectors", "Vectors and matrices"),
    ("maps", "Maps and eigenvectors"),
    ("decompositions", "Decompositions and PCA"),
    ("derivatives", "Derivatives"),
    ("optimisation", "Optimisation"),
    ("probability", "Probability"),
    ("statistics", "Statistics"),
)
#: A topic package's group; linear_algebra and calculus split by :data:`SCENE_GROUP`.
TOPIC_GROUP = {
    "linear_algebra": "vectors",
    "calculus": "derivatives",
    "optimization": "optimisation",
    "probability": "probability",
    "statistics": "statistics",
}
#: The scenes whose group is not their topic's (:data:`TOPIC_GROUP`). Every scene of
#: linear_algebra and calculus is listed, so the split is a decision, not a default
#: (tests/test_gallery.py checks it); a scene of a topic missing from both goes last.
SCENE_GROUP = {
    "Vectors": "vectors",
    "MatrixMultiplication": "vectors",
    "LinearSystem": "vectors",
    "Norms": "vectors",
    "LinearMap": "maps",
    "Composition": "maps",
    "Inverse": "maps",
    "Eigenvectors": "maps",
    "ChangeOfBasis": "maps",
    "QuadraticForm": "maps",
    "SVD": "decompositions",
    "PCA": "decompositions",
    "PCADigits": "decompositions",
    "LowRankApproximation": "decompositions",
    "LeastSquares": "decompositions",
    "GramSchmidt": "decompositions",
    "Derivative": "derivatives",
    "PartialDerivatives": "derivatives",
    "GradientField": "derivatives",
    "ChainRule": "derivatives",
    "TaylorSeries": "derivatives",
    "Jacobian": "derivatives",
    "Backpropagation": "derivatives",
    "LagrangeMultipliers": "optimisation",  # constrained optimisation
}
OTHER = ("other", "More scenes")

STYLE = """
:root { --bg: #10131a; --fg: #e8e8e8; --muted: #9aa3b2; --link: #58c4dd;
        --line: #2a3140; --panel: #181c25; --code: #1c212c; --focus: #f0c674; }
@media (prefers-color-scheme: light) {
  :root { --bg: #f7f7f4; --fg: #1a1d24; --muted: #4e5665; --link: #0a5f7a;
          --line: #cfd4dc; --panel: #ffffff; --code: #eceef2; --focus: #b35900; }
}
[hidden] { display: none !important; }
body { background: var(--bg); color: var(--fg); font: 16px/1.5 system-ui, sans-serif;
       margin: 0 auto; max-width: 1240px; padding: 1.5rem; }
h1 { font-weight: 600; margin: 0 0 .3rem; } h2 { margin: 1.6rem 0 .6rem; font-weight: 600; }
a { color: var(--link); }
a:focus-visible, input:focus-visible, summary:focus-visible {
  outline: 3px solid var(--focus); outline-offset: 3px; border-radius: 4px; }
.lead, .desc { color: var(--muted); margin: 0 0 .8rem; }
#filter { margin: 1rem 0; }
#filter label { margin-right: .5rem; }
#filter input { font: inherit; padding: .35rem .6rem; width: min(26rem, 100%);
       background: var(--panel); color: var(--fg); border: 1px solid var(--line);
       border-radius: 4px; }
#count { color: var(--muted); margin-left: .6rem; }
.grid { list-style: none; padding: 0; margin: 0; display: grid; gap: 1rem;
        grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 6px;
        overflow: hidden; }
.card > a { display: block; color: inherit; text-decoration: none; height: 100%; }
.card > a:hover .title { text-decoration: underline; }
.card > a:focus-visible { outline-offset: -3px; border-radius: 6px; } /* the card clips */
.card img, .card .noposter { display: block; width: 100%; height: auto;
        aspect-ratio: 16 / 9; object-fit: cover; background: #000; }
.card .title { display: block; font-weight: 600; padding: .4rem .6rem 0; line-height: 1.3; }
.card .sub { display: block; color: var(--muted); font-size: 13px; padding: .1rem .6rem .5rem; }
.card .links { font-size: 13px; padding: 0 .6rem .6rem; margin: 0; }
.card .links a { margin-right: .6rem; }
.lecture > a { height: auto; }
video { width: 100%; max-width: 960px; background: #000; border-radius: 4px; display: block; }
table { border-collapse: collapse; margin: .6rem 0; font-size: 14px; }
td, th { border: 1px solid var(--line); padding: .2rem .6rem; text-align: left;
         vertical-align: top; }
code { background: var(--code); padding: .1rem .3rem; border-radius: 3px;
       overflow-wrap: anywhere; }
.files a { margin-right: 1rem; display: inline-block; }
.chapters li { margin: .15rem 0; }
.chapters .t { color: var(--muted); font: inherit; font-variant-numeric: tabular-nums;
       margin-right: .5rem; }
.chapters button.t { background: var(--code); color: var(--fg); border: 1px solid var(--line);
       border-radius: 3px; padding: 0 .3rem; cursor: pointer; }
.chapters .t:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
"""

#: The filter box's script (see the module docstring): inline, no network.
FILTER_JS = """
(() => {
  const form = document.getElementById("filter");
  const box = document.getElementById("q");
  const count = document.getElementById("count");
  const cards = Array.from(document.querySelectorAll(".card"));
  const groups = Array.from(document.querySelectorAll("section.group"));
  form.hidden = false;
  form.addEventListener("submit", (event) => event.preventDefault());
  const apply = () => {
    const words = box.value.toLowerCase().split(/\\s+/).filter(Boolean);
    let shown = 0;
    for (const card of cards) {
      const match = words.every((w) => card.dataset.search.includes(w));
      card.hidden = !match;
      shown += match ? 1 : 0;
    }
    for (const group of groups) {
      const mine = group.querySelectorAll(".card").length;
      const left = group.querySelectorAll(".card:not([hidden])").length;
      group.hidden = left === 0;
      group.querySelector(".n").textContent =
        "(" + (words.length ? left + " of " + mine : mine) + ")";
    }
    count.textContent = words.length ? shown + " of " + cards.length + " shown" : "";
  };
  box.addEventListener("input", apply);
  apply();
})();
"""

#: A lecture page's chapter times become buttons that seek its video (inline, no network;
#: without JavaScript they stay plain times).
SEEK_JS = """
(() => {
  const video = document.querySelector("video");
  for (const time of document.querySelectorAll(".chapters .t[data-t]")) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "t";
    button.textContent = time.textContent;
    button.setAttribute("aria-label", "Play from " + time.textContent);
    button.addEventListener("click", () => {
      video.currentTime = parseFloat(time.dataset.t) + 0.001;
      video.play().catch(() => {});
    });
    time.replaceWith(button);
  }
})();
"""

Meta = dict[str, Any]
Rendered = tuple[str, Meta]  # (quality, sidecar)


def group_of(scene: str) -> str:
    """The syllabus group (an id of :data:`SYLLABUS`) a scene is shown in."""
    if scene in SCENE_GROUP:
        return SCENE_GROUP[scene]
    entry = catalog.BY_NAME.get(scene)
    return TOPIC_GROUP.get(entry.topic, OTHER[0]) if entry else OTHER[0]


def _best(folders: Iterable[Path]) -> dict[str, Rendered]:
    """The sidecars of the best quality present for each stem, keyed by stem."""
    best: dict[str, Rendered] = {}
    for folder in folders:
        quality = folder.name
        for sidecar in sorted(folder.glob("*.json")):
            try:
                meta = json.loads(sidecar.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if isinstance(meta, dict):
                best[meta.get("stem", sidecar.stem)] = (quality, meta)
    return best


def _load(out_dir: Path) -> list[Rendered]:
    """Sidecars of the best quality rendered for each stem, in gallery order."""
    best = _best(out_dir / q for q in reversed(QUALITY_ORDER))
    order = {e.name: k for k, e in enumerate(catalog.SCENES)}
    return sorted(
        (qm for qm in best.values() if "scene" in qm[1]),
        key=lambda qm: (
            order.get(qm[1]["scene"], 999),
            qm[1].get("preset") is not None,
            qm[1].get("stem", ""),
        ),
    )


def _load_lectures(out_dir: Path) -> list[Rendered]:
    """The built lectures (their sidecars, best quality present), by name and theme."""
    root = out_dir / LECTURES_DIR
    best = _best(root / q for q in reversed(QUALITY_ORDER))
    found = [qm for qm in best.values() if "lecture" in qm[1] and "chapters" in qm[1]]
    return sorted(found, key=lambda qm: (qm[1]["lecture"], qm[1].get("stem", "")))


def _stem(meta: Meta) -> str:
    return str(meta.get("stem", meta["scene"]))


def detail_name(stem: str) -> str:
    """A clip's detail page, relative to the output folder."""
    return f"{DETAIL_DIR}/{stem}.html"


def lecture_detail_name(stem: str) -> str:
    """A lecture's detail page, relative to the output folder."""
    return f"{DETAIL_DIR}/lecture--{stem}.html"


def _subtitle(meta: Meta) -> str:
    """What tells a clip apart from its scene's other clips: preset, the values set on
    the command line (as its regenerate command spells them), theme."""
    parts = []
    if meta.get("preset"):
        parts.append(str(meta["preset"]))
    parts += re.findall(r'SET="([^"]*)"', str(meta.get("command", "")))
    if meta.get("theme") not in (None, "dark"):
        parts.append(f"{meta['theme']} theme")
    return ", ".join(parts)


def _search_text(meta: Meta, *more: str) -> str:
    """What the filter box matches: title, scene, preset, stem, parameters, group."""
    params = " ".join(f"{k}={json.dumps(v)}" for k, v in meta.get("params", {}).items())
    words = [
        meta.get("title", ""),
        meta.get("scene", ""),
        meta.get("preset") or "",
        meta.get("stem", ""),
        meta.get("theme") or "",
        params,
        *more,
    ]
    return " ".join(" ".join(str(w).split()) for w in words if w).lower()


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _seconds(value: float, *, floor: bool = False) -> str:
    """``m:ss``; a chapter's start is floored, as a player's clock shows it then."""
    minutes, seconds = divmod(int(value) if floor else round(value), 60)
    return f"{minutes}:{seconds:02d}"


def _page(title: str, body: str, *, script: str = "") -> str:
    tail = f"<script>{script}</script>\n" if script else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{GENERATOR}">
<meta name="color-scheme" content="dark light">
<title>{html.escape(title)}</title><style>{STYLE}</style></head>
<body>{body}
{tail}</body></html>
"""


# -- the index's cards ------------------------------------------------------------------


def _card(
    href: str,
    poster: str | None,
    alt: str,
    title: str,
    sub: str,
    search: str,
    *,
    kind: str = "",
    extra: str = "",
) -> str:
    """One card: a single link (poster, title, a line under it), then ``extra``."""
    e = html.escape
    image = (
        f'<img src="{e(poster)}" loading="lazy" decoding="async" width="854" height="480" '
        f'alt="{e(alt)}">'
        if poster
        else f'<span class="noposter" role="img" aria-label="{e(alt)}"></span>'
    )
    return f"""
<li class="card{kind}" data-search="{e(search)}"><a href="{e(href)}">{image}
  <span class="title">{e(title)}</span><span class="sub">{e(sub)}</span></a>{extra}</li>"""


def _clip_card(quality: str, meta: Meta) -> str:
    stem = _stem(meta)
    title = meta.get("title", meta["scene"])
    sub = _subtitle(meta)
    alt = f"Poster of {title}" + (f" ({sub})" if sub else "")
    info = " · ".join(x for x in (sub or stem, f"{meta.get('duration_s', 0):.0f} s") if x)
    return _card(detail_name(stem), f"{quality}/{stem}.png", alt, title, info, _search_text(meta))


def _sweep_card(name: str, variants: list[Rendered]) -> str:
    """One sweep's card: the middle variant's poster, what is swept, opens its player."""
    ordered = sorted(variants, key=lambda qm: player.sort_key(qm[1]))
    quality, meta = ordered[len(ordered) // 2]
    swept = ", ".join(meta.get("sweep_values") or {})
    title = meta.get("title", meta["scene"])
    theme = "" if meta.get("theme") in (None, "dark") else f", {meta['theme']} theme"
    alt = f"Poster of {title} at {player.label(meta)}{theme}"
    sub = f"sweep {meta['sweep']}{theme}: {len(variants)} renders over {swept}. Open the player"
    # Not the variants' stems: the sweep's renders are its player's, not the index's.
    named = {k: v for k, v in meta.items() if k != "stem"}
    search = _search_text(named, f"sweep {meta['sweep']}", swept)
    return _card(name, f"{quality}/{meta['stem']}.png", alt, title, sub, search)


def _lecture_card(out_dir: Path, quality: str, meta: Meta) -> str:
    e = html.escape
    stem = meta["stem"]
    base = f"{LECTURES_DIR}/{quality}/{stem}"
    poster = _lecture_poster(out_dir, quality, meta)
    title = meta.get("title", meta["lecture"])
    chapters = len(meta.get("chapters", []))
    theme = "" if meta.get("theme") in (None, "dark") else f", {meta['theme']} theme"
    sub = f"Lecture · {_seconds(meta.get('duration_s', 0))} · {_count(chapters, 'chapter')}{theme}"
    clips = " ".join(c.get("title", "") for c in meta.get("clips", []))
    search = _search_text(meta, "lecture", meta["lecture"], clips)
    links = [("video", f"{base}.mp4"), ("captions", f"{base}.vtt")]
    links += [(n, f"{base}{s}") for n, s in (("deck", ".html"), ("handout", ".pdf"))]
    shown = "".join(
        f'<a href="{e(href)}">{e(name)}</a>' for name, href in links if (out_dir / href).exists()
    )
    alt = f"Lecture: {title}{theme}"
    return _card(
        lecture_detail_name(stem),
        poster,
        alt,
        title,
        sub,
        search,
        kind=" lecture",
        extra=f'\n  <p class="links">{shown}</p>',
    )


def _lecture_poster(out_dir: Path, quality: str, meta: Meta) -> str | None:
    """The first clip's poster (as rendered for the lecture's quality), if present."""
    for clip in meta.get("clips", []):
        if clip.get("kind") == "clip" and clip.get("stem"):
            poster = f"{quality}/{clip['stem']}.png"
            return poster if (out_dir / poster).is_file() else None
    return None


# -- detail pages ---------------------------------------------------------------------


def _extra_links(out_dir: Path, quality: str, meta: Meta, up: str = "") -> str:
    """Links to the outputs made only on request, for those that exist: the WebM, the
    GIF, the per-beat clips in ``<stem>.sections/`` and the scene's slide deck."""
    e = html.escape
    stem = _stem(meta)
    base = f"{quality}/{stem}"
    links = [
        f'<a href="{up}{e(base)}{suffix}">{name}</a>'
        for name, suffix in (("video (webm)", ".webm"), ("animation (gif)", ".gif"))
        if (out_dir / f"{base}{suffix}").is_file()
    ]
    sections = out_dir / f"{base}.sections"
    if sections.is_dir():
        clips = sorted(p for p in sections.iterdir() if p.suffix in (".mp4", ".webm"))
        links += [
            f'<a href="{up}{e(base)}.sections/{e(p.name)}">beat {k}: {e(p.stem)}</a>'
            for k, p in enumerate(clips, 1)
        ]
    slides = Path("slides") / f"{stem}.html"  # decks are named by stem, like renders
    if (out_dir / slides).is_file():
        links.append(f'<a href="{up}{e(slides.as_posix())}">slides</a>')
    return f'\n<p class="files">{"".join(links)}</p>' if links else ""


def _track_src(out_dir: Path, path: str) -> str:
    """A detail page's ``<track>`` ``src``: the WebVTT inline (see the module docstring)."""
    return player.inline_vtt(out_dir, path, "../")


def _back(group: str) -> str:
    heading = dict((*SYLLABUS, OTHER, ("lectures", "Lectures"))).get(group, "")
    return f'<p><a href="../index.html#{group}">← gallery</a> · {html.escape(heading)}</p>'


def _clip_page(out_dir: Path, quality: str, meta: Meta, sweeps: list[tuple[str, str]]) -> str:
    e = html.escape
    stem = _stem(meta)
    base = f"../{quality}/{stem}"
    title = meta.get("title", meta["scene"])
    sub = _subtitle(meta)
    rows = "".join(
        f"<tr><th>{e(k)}</th><td><code>{e(json.dumps(v))}</code></td></tr>"
        for k, v in meta.get("params", {}).items()
    )
    related = "".join(
        f'<li><a href="../{e(name)}">Sweep player: {e(label)}</a></li>' for label, name in sweeps
    )
    related_html = f"\n<h2>Sweeps of this scene</h2><ul>{related}</ul>" if related else ""
    extra = _extra_links(out_dir, quality, meta, "../")
    body = f"""
{_back(group_of(meta["scene"]))}
<h1>{e(title)}{f" <small>({e(sub)})</small>" if sub else ""}</h1>
<p class="desc">{e(meta.get("description", ""))}</p>
<video controls preload="metadata" poster="{e(base)}.png" width="{meta["width"]}"
       height="{meta["height"]}">
  <source src="{e(base)}.mp4" type="video/mp4">
  <track kind="captions" src="{e(_track_src(out_dir, f"{quality}/{stem}.vtt"))}" srclang="en"
         label="English">
</video>
<h2>Parameters</h2>
<table>{rows or "<tr><td>defaults</td></tr>"}</table>
<p>Regenerate: <code>{e(meta.get("command", ""))}</code></p>
<h2>Files</h2>
<p class="files"><a href="{e(base)}.mp4">video</a><a href="{e(base)}.png">poster</a>\
<a href="{e(base)}.vtt">captions (vtt)</a><a href="{e(base)}.srt">captions (srt)</a>\
<a href="{e(base)}.json">numbers (json)</a><span>{e(stem)}: {quality}, \
{meta["width"]}x{meta["height"]}, {meta["duration_s"]:.1f} s</span></p>{extra}{related_html}
"""
    return _page(f"{title} · mlmath-viz", body)


def _lecture_page(out_dir: Path, quality: str, meta: Meta, details: set[str]) -> str:
    e = html.escape
    stem = meta["stem"]
    folder = f"{LECTURES_DIR}/{quality}/{stem}"
    base = f"../{folder}"
    title = meta.get("title", meta["lecture"])
    poster = _lecture_poster(out_dir, quality, meta)
    poster_attr = f' poster="../{e(poster)}"' if poster else ""
    items = []
    for clip, chapter in zip(meta.get("clips", []), meta.get("chapters", []), strict=False):
        name = e(chapter.get("title", ""))
        if clip.get("kind") == "clip" and clip.get("stem") in details:
            name = f'<a href="{e(clip["stem"])}.html">{name}</a>'
        elif clip.get("kind") == "card":
            name = f"<em>{name}</em>"
        start_s = float(chapter.get("start_s", 0))
        shown = _seconds(start_s, floor=True)
        items.append(f'<li><span class="t" data-t="{start_s:.3f}">{shown}</span>{name}</li>')
    files = [
        ("video", ".mp4"),
        ("captions (vtt)", ".vtt"),
        ("captions (srt)", ".srt"),
        ("chapters (vtt)", ".chapters.vtt"),
        ("deck", ".html"),
        ("handout (pdf)", ".pdf"),
        ("numbers (json)", ".json"),
    ]
    links = "".join(
        f'<a href="{e(base)}{suffix}">{name}</a>'
        for name, suffix in files
        if (out_dir / LECTURES_DIR / quality / f"{stem}{suffix}").exists()
    )
    body = f"""
{_back("lectures")}
<h1>{e(title)}</h1>
<p class="desc">Lecture {e(meta["lecture"])}: {len(items)} chapters, \
{_seconds(meta.get("duration_s", 0))}. The video carries its chapters (as MP4 chapters and
a WebVTT chapters track); they are listed below.</p>
<video controls preload="metadata"{poster_attr} width="{meta.get("width", 854)}"
       height="{meta.get("height", 480)}">
  <source src="{e(base)}.mp4" type="video/mp4">
  <track kind="captions" src="{e(_track_src(out_dir, f"{folder}.vtt"))}" srclang="en"
         label="English">
  <track kind="chapters" src="{e(_track_src(out_dir, f"{folder}.chapters.vtt"))}" srclang="en"
         label="Chapters" default>
</video>
<h2>Chapters</h2>
<ol class="chapters">{"".join(items)}</ol>
<p>Regenerate: <code>{e(meta.get("command", ""))}</code></p>
<h2>Files</h2>
<p class="files">{links}<span>{e(stem)}: {quality}, {meta.get("width")}x{meta.get("height")}, \
{meta.get("duration_s", 0):.1f} s</span></p>
"""
    return _page(f"{title} · mlmath-viz lecture", body, script=SEEK_JS)


def _remove_stale(folder: Path, keep: set[str]) -> None:
    """Remove the detail pages this module wrote that are no longer listed."""
    for page in folder.glob("*.html"):
        if page.name in keep:
            continue
        try:
            head = page.read_text(encoding="utf-8")[:600]
        except (OSError, UnicodeDecodeError):
            continue
        if f'content="{GENERATOR}"' in head:
            page.unlink(missing_ok=True)


# -- the index ------------------------------------------------------------------------


def write(out_dir: Path) -> Path:
    """Write ``out_dir/index.html`` and the detail pages (each atomically: a failed write
    leaves the earlier page) and return the index's path."""
    loaded = _load(out_dir)
    lectures = _load_lectures(out_dir)
    clips = [(q, m) for q, m in loaded if not m.get("sweep")]
    groups: dict[tuple[str, str, str | None], list[Rendered]] = {}
    for q, m in loaded:
        if m.get("sweep"):
            groups.setdefault((m["scene"], m["sweep"], m.get("theme")), []).append((q, m))
    out_dir.mkdir(parents=True, exist_ok=True)
    pages = player.write(out_dir, groups)

    detail_dir = out_dir / DETAIL_DIR
    detail_dir.mkdir(exist_ok=True)
    details = {_stem(m) for _, m in clips}
    written = set()
    for q, m in clips:
        sweeps = [
            (f"{sweep}{'' if theme in (None, 'dark') else f' ({theme} theme)'}", name)
            for (scene, sweep, theme), name in pages.items()
            if scene == m["scene"]
        ]
        outputs.write_if_changed(out_dir / detail_name(_stem(m)), _clip_page(out_dir, q, m, sweeps))
        written.add(Path(detail_name(_stem(m))).name)
    for q, m in lectures:
        name = lecture_detail_name(m["stem"])
        outputs.write_if_changed(out_dir / name, _lecture_page(out_dir, q, m, details))
        written.add(Path(name).name)
    _remove_stale(detail_dir, written)

    # Cards by syllabus group; within one, the catalog's order with a scene's presets
    # after it and its sweeps after those.
    order = {e.name: k for k, e in enumerate(catalog.SCENES)}
    entries: list[tuple[tuple[Any, ...], str, str]] = []
    for q, m in clips:
        key = (order.get(m["scene"], 999), 1 if m.get("preset") else 0, _stem(m))
        entries.append((key, group_of(m["scene"]), _clip_card(q, m)))
    for (scene, sweep, theme), variants in groups.items():
        key = (order.get(scene, 999), 2, f"{sweep}--{theme}")
        entries.append((key, group_of(scene), _sweep_card(pages[(scene, sweep, theme)], variants)))
    sections = []
    if lectures:
        cards = "".join(_lecture_card(out_dir, q, m) for q, m in lectures)
        sections.append(_section("lectures", "Lectures", cards, len(lectures)))
    for group, heading in (*SYLLABUS, OTHER):
        mine = sorted((k, c) for k, g, c in entries if g == group)
        if mine:
            sections.append(_section(group, heading, "".join(c for _, c in mine), len(mine)))
    body = "".join(sections) or "<p>Nothing rendered yet: run make render.</p>"
    sweeps_note = f", {_count(len(groups), 'sweep')} with a player" if groups else ""
    lectures_note = f"{_count(len(lectures), 'lecture')}, " if lectures else ""
    page = _page(
        "mlmath-viz gallery",
        f"""<h1>mlmath-viz gallery</h1>
<p class="lead">{lectures_note}{_count(len(clips), "clip")}{sweeps_note}, in syllabus order. Each
card opens the clip: the player with captions, its parameters, the command that
regenerates it and its files.</p>
<form id="filter" role="search" hidden><label for="q">Filter</label><input id="q"
  type="search" placeholder="title, scene, preset or parameter" autocomplete="off"
  ><span id="count" aria-live="polite"></span></form>
{body}""",
        script=FILTER_JS if sections else "",
    )
    target = out_dir / "index.html"
    outputs.write_if_changed(target, page)
    return target


def _section(group: str, heading: str, cards: str, count: int) -> str:
    return f"""
<section class="group" id="{group}" aria-labelledby="{group}-h">
<h2 id="{group}-h">{html.escape(heading)} <small class="lead n">({count})</small></h2>
<ul class="grid">{cards}
</ul></section>"""
