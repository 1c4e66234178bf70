"""The gallery page and sweep players, from hand-written sidecars (no rendering)."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Any

import pytest

from scenes import catalog
from scenes.pipeline import gallery, player


def _sidecar(out: Path, stem: str, scene: str, **extra: Any) -> dict[str, Any]:
    meta = {
        "scene": scene,
        "stem": stem,
        "params": {},
        "quality": "low",
        "width": 854,
        "height": 480,
        "fps": 15,
        "duration_s": 4.0,
        "data": {},
        "beats": [{"name": "end", "caption": f"caption of {stem}", "start_s": 0, "end_s": 4}],
        "command": f"make render SCENE={scene}",
        **extra,
    }
    (out / "low").mkdir(parents=True, exist_ok=True)
    (out / "low" / f"{stem}.json").write_text(json.dumps(meta))
    for suffix in (".mp4", ".png", ".vtt", ".srt"):
        (out / "low" / f"{stem}{suffix}").write_bytes(b"")
    return meta


def _gd(out: Path, lr: float, losses: list[float], diverged: bool) -> None:
    _sidecar(
        out,
        f"GradientDescent--lr--{int(lr * 100):08d}",
        "GradientDescent",
        sweep="lr",
        sweep_values={"lr": lr},
        data={"losses": losses, "diverged": diverged, "lr_critical": 0.452, "steps_taken": 3},
    )


LINK = re.compile(r'(?:src|href|poster)="([^"#]+)"')


def _links_exist(out: Path, page: Path) -> None:
    """Every file a page links to exists, relative to the page's own folder."""
    for link in LINK.findall(page.read_text()):
        if link.startswith("data:text/vtt;"):
            continue  # a track's WebVTT, inline
        assert not re.match(r"[a-z]+:|//", link), f"{page.name}: external URL {link}"
        assert (page.parent / link).exists(), f"{page.name}: {link}"


def _track(page: str, kind: str) -> str:
    """The WebVTT a page's ``<track kind=...>`` carries inline."""
    (payload,) = re.findall(
        rf'<track kind="{kind}" src="data:text/vtt;charset=utf-8;base64,([^"]*)"', page
    )
    return base64.b64decode(payload).decode("utf-8")


def _scripts(text: str) -> list[str]:
    return re.findall(r"<script([^>]*)>", text)


def test_sweeps_get_a_player_page_linked_from_the_index(tmp_path: Path) -> None:
    _sidecar(tmp_path, "LinearMap", "LinearMap")
    for lr, losses, diverged in ((0.6, [1, 9e6], True), (0.2, [1, 0.5], False)):
        _gd(tmp_path, lr, losses, diverged)
    index = gallery.write(tmp_path).read_text()
    # One script, inline (the filter box): nothing is loaded from anywhere.
    assert _scripts(index) == [""]
    assert gallery.FILTER_JS in index
    assert 'href="GradientDescent-lr.html"' in index
    assert 'href="clips/LinearMap.html"' in index
    detail = (tmp_path / "clips" / "LinearMap.html").read_text()
    assert 'src="../low/LinearMap.mp4"' in detail
    assert _track(detail, "captions") == ""  # the (empty) vtt, inline
    assert 'href="../low/LinearMap.vtt"' in detail
    assert "<script" not in detail
    assert "GradientDescent--lr--" not in re.sub(r'<img src="[^"]+"', "", index), (
        "sweep renders are in the player, not listed one by one"
    )
    assert not list((tmp_path / "clips").glob("GradientDescent--*"))
    page = (tmp_path / "GradientDescent-lr.html").read_text()
    (payload,) = re.findall(r'<script type="application/json" id="variants">(.*?)</script>', page)
    variants = json.loads(payload)
    assert [v["label"] for v in variants] == ["lr = 0.2", "lr = 0.6"]  # sorted by value
    assert dict(variants[1]["numbers"])["diverged"] == "yes"
    assert float(dict(variants[1]["numbers"])["final loss"]) == 9e6
    assert variants[0]["caption"] == "caption of GradientDescent--lr--00000020"
    assert "2/λmax = 0.452" in page
    for written in (tmp_path / "index.html", tmp_path / "GradientDescent-lr.html"):
        _links_exist(tmp_path, written)
    _links_exist(tmp_path, tmp_path / "clips" / "LinearMap.html")
    # A sweep that is no longer rendered loses its page.
    for f in (tmp_path / "low").glob("GradientDescent--*"):
        f.unlink()
    gallery.write(tmp_path)
    assert not (tmp_path / "GradientDescent-lr.html").exists()


def test_the_detail_page_links_the_optional_outputs_that_exist(tmp_path: Path) -> None:
    _sidecar(tmp_path, "LinearMap", "LinearMap")
    _sidecar(tmp_path, "Derivative", "Derivative")
    (tmp_path / "low" / "LinearMap.webm").write_bytes(b"")
    (tmp_path / "low" / "LinearMap.gif").write_bytes(b"")
    (tmp_path / "low" / "LinearMap.sections").mkdir()
    (tmp_path / "low" / "LinearMap.sections" / "01-grid.mp4").write_bytes(b"")
    (tmp_path / "slides").mkdir()
    (tmp_path / "slides" / "LinearMap.html").write_text("")
    gallery.write(tmp_path)
    detail = (tmp_path / "clips" / "LinearMap.html").read_text()
    for href in (
        "low/LinearMap.webm",
        "low/LinearMap.gif",
        "low/LinearMap.sections/01-grid.mp4",
        "slides/LinearMap.html",
    ):
        assert f'href="../{href}"' in detail
    other = (tmp_path / "clips" / "Derivative.html").read_text()
    assert "Derivative.webm" not in other and "slides/Derivative.html" not in other
    _links_exist(tmp_path, tmp_path / "clips" / "LinearMap.html")


def _lecture(out: Path, quality: str, name: str, clips: list[str], **extra: Any) -> None:
    """A lecture's sidecar and (empty) files, as ``python -m scenes lecture`` leaves them."""
    folder = out / "lectures" / quality
    folder.mkdir(parents=True, exist_ok=True)
    entries = [{"kind": "card", "stem": None, "title": "A card", "start_s": 0, "end_s": 2}]
    entries += [
        {"kind": "clip", "stem": c, "title": c, "start_s": 2 + 4 * k, "end_s": 6 + 4 * k}
        for k, c in enumerate(clips)
    ]
    chapters = [
        {"title": c["title"], "start_s": c["start_s"], "end_s": c["end_s"]} for c in entries
    ]
    meta = {
        "lecture": name,
        "title": f"Lecture {name}",
        "stem": name,
        "quality": quality,
        "theme": "dark",
        "width": 854,
        "height": 480,
        "duration_s": entries[-1]["end_s"],
        "clips": entries,
        "chapters": chapters,
        "command": f"make lecture NAME={name}",
        **extra,
    }
    for suffix in (".mp4", ".vtt", ".srt", ".html", ".pdf"):
        (folder / f"{name}{suffix}").write_bytes(b"")
    (folder / f"{name}.vtt").write_text(f"WEBVTT\n\ncaptions of {name}\n")
    (folder / f"{name}.chapters.vtt").write_text(f"WEBVTT\n\nchapters of {name}\n")
    (folder / f"{name}.json").write_text(json.dumps(meta))


def _cards(index: str) -> list[tuple[str, str, str]]:
    """(section id, card href, img alt) of every card, in page order."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(index, "html.parser")
    found = []
    for section in soup.select("section.group"):
        for card in section.select("li.card"):
            link = card.find("a")
            image = link.find("img")
            alt = image["alt"] if image else link.find(class_="noposter")["aria-label"]
            found.append((section["id"], link["href"], alt))
    return found


def test_course_page_groups_in_syllabus_order_lectures_first(tmp_path: Path) -> None:
    # Written in an order unlike the syllabus; two scenes of a topic in different groups.
    for stem, scene, preset in (
        ("BayesianCoin", "BayesianCoin", None),
        ("SamplingHistogram", "SamplingHistogram", None),
        ("GradientDescent", "GradientDescent", None),
        ("LagrangeMultipliers", "LagrangeMultipliers", None),
        ("Derivative", "Derivative", None),
        ("SVD", "SVD", None),
        ("Eigenvectors--shear", "Eigenvectors", "shear"),
        ("Eigenvectors", "Eigenvectors", None),
        ("Vectors", "Vectors", None),
        ("LinearMap--shear", "LinearMap", "shear"),
        ("LinearMap", "LinearMap", None),
    ):
        _sidecar(tmp_path, stem, scene, preset=preset, title=f"Title of {stem}")
    _sidecar(  # a value set on the command line is named under the title
        tmp_path,
        "GradientDescent",
        "GradientDescent",
        title="Title of GradientDescent",
        command='make render SCENE=GradientDescent SET="lr=0.3" QUALITY=low',
    )
    for lr, losses, diverged in ((0.6, [1, 9e6], True), (0.2, [1, 0.5], False)):
        _gd(tmp_path, lr, losses, diverged)
    _lecture(tmp_path, "low", "eigen", ["LinearMap--shear", "Eigenvectors"])
    _lecture(tmp_path, "high", "descent", ["Derivative"])  # no high clips: no poster
    _lecture(tmp_path, "low", "descent", ["Derivative"], title="the low one")
    index_path = gallery.write(tmp_path)
    index = index_path.read_text()
    cards = _cards(index)
    sections = list(dict.fromkeys(s for s, _, _ in cards))
    assert sections == [
        "lectures",
        "vectors",
        "maps",
        "decompositions",
        "derivatives",
        "optimisation",
        "probability",
        "statistics",
    ]
    hrefs = [h for _, h, _ in cards]
    assert hrefs == [
        "clips/lecture--descent.html",  # lectures by name, the best quality present
        "clips/lecture--eigen.html",
        "clips/Vectors.html",
        "clips/LinearMap.html",  # a scene, then its presets
        "clips/LinearMap--shear.html",
        "clips/Eigenvectors.html",
        "clips/Eigenvectors--shear.html",
        "clips/SVD.html",
        "clips/Derivative.html",
        # Calculus, but constrained optimisation; in the catalog's order, so first.
        "clips/LagrangeMultipliers.html",
        "clips/GradientDescent.html",  # the scene, then its sweep
        "GradientDescent-lr.html",
        "clips/SamplingHistogram.html",
        "clips/BayesianCoin.html",
    ]
    assert "Lecture descent" in index and "the low one" not in index
    assert 'href="lectures/high/descent.pdf"' in index
    alts = dict((h, a) for _, h, a in cards)
    assert alts["clips/LinearMap--shear.html"] == "Poster of Title of LinearMap--shear (shear)"
    assert alts["clips/lecture--eigen.html"] == "Lecture: Lecture eigen"
    assert alts["clips/GradientDescent.html"] == "Poster of Title of GradientDescent (lr=0.3)"
    assert all(alt.strip() for alt in alts.values())
    # Every rendered stem outside a sweep has a card and a detail page; nothing else does.
    stems = {p.stem for p in (tmp_path / "low").glob("*.json")} - {
        p.stem for p in (tmp_path / "low").glob("GradientDescent--lr--*.json")
    }
    assert {h.removeprefix("clips/").removesuffix(".html") for h in hrefs if "/" in h} == (
        stems | {"lecture--eigen", "lecture--descent"}
    )
    pages = sorted((tmp_path / "clips").glob("*.html"))
    assert {p.stem for p in pages} == stems | {"lecture--eigen", "lecture--descent"}
    for page in [index_path, *pages]:
        _links_exist(tmp_path, page)
    # The lecture's page plays it with its chapters and captions tracks, and links its
    # clips' own pages.
    eigen = (tmp_path / "clips" / "lecture--eigen.html").read_text()
    assert _track(eigen, "chapters") == "WEBVTT\n\nchapters of eigen\n"
    assert _track(eigen, "captions") == "WEBVTT\n\ncaptions of eigen\n"
    assert 'href="../lectures/low/eigen.chapters.vtt"' in eigen
    assert 'poster="../low/LinearMap--shear.png"' in eigen
    assert 'href="LinearMap--shear.html"' in eigen and 'href="Eigenvectors.html"' in eigen
    # A scene's page links its sweep's player.
    assert (
        'href="../GradientDescent-lr.html"' in (tmp_path / "clips/GradientDescent.html").read_text()
    )
    # Without JavaScript the filter box is hidden and every card is shown.
    assert '<form id="filter" role="search" hidden>' in index
    assert "<li hidden" not in index and 'class="card" hidden' not in index


def test_cards_carry_what_the_filter_matches(tmp_path: Path) -> None:
    _sidecar(
        tmp_path,
        "LinearMap--shear",
        "LinearMap",
        preset="shear",
        title="A matrix as a map of the plane",
        params={"matrix": [[1, 1], [0, 1]], "run_time": 2},
    )
    index = gallery.write(tmp_path).read_text()
    (search,) = re.findall(r'data-search="([^"]*)"', index)
    for text in (
        "a matrix as a map",
        "linearmap",
        "shear",
        "matrix=[[1, 1], [0, 1]]",
        "run_time=2",
    ):
        assert text in search, text
    assert search == search.lower()


def test_stale_detail_pages_are_removed_others_kept(tmp_path: Path) -> None:
    _sidecar(tmp_path, "LinearMap", "LinearMap")
    _sidecar(tmp_path, "Derivative", "Derivative")
    gallery.write(tmp_path)
    (tmp_path / "clips" / "mine.html").write_text("<p>not the gallery's</p>")
    for f in (tmp_path / "low").glob("Derivative.*"):
        f.unlink()
    index = gallery.write(tmp_path).read_text()
    assert not (tmp_path / "clips" / "Derivative.html").exists()
    assert (tmp_path / "clips" / "LinearMap.html").exists()
    assert (tmp_path / "clips" / "mine.html").exists()
    assert "Derivative" not in index


def test_every_scene_of_a_split_topic_is_placed_on_purpose() -> None:
    groups = {g for g, _ in gallery.SYLLABUS}
    assert set(gallery.SCENE_GROUP.values()) <= groups
    assert set(gallery.TOPIC_GROUP.values()) <= groups
    assert set(gallery.SCENE_GROUP) <= set(catalog.BY_NAME), "SCENE_GROUP names a lost scene"
    for entry in catalog.SCENES:
        assert entry.topic in gallery.TOPIC_GROUP, f"topic {entry.topic}: add it to TOPIC_GROUP"
        if entry.topic in ("linear_algebra", "calculus"):
            assert entry.name in gallery.SCENE_GROUP, (
                f"{entry.name}: choose its syllabus group in gallery.SCENE_GROUP"
            )


@pytest.mark.parametrize(
    ("values", "critical", "expected"),
    [
        ([0.05, 0.45, 0.65], 0.452, (1 + 0.002 / 0.2) / 2),
        ([0.1, 0.2, 0.3, 0.4], 0.1, 0.0),
        ([0.1, 0.2], 0.5, None),
    ],
)
def test_critical_mark_sits_between_the_values_around_it(
    values: list[float], critical: float, expected: float | None
) -> None:
    position = player.critical_position(values, critical)
    if expected is None:
        assert position is None
    else:
        assert position == pytest.approx(expected, abs=1e-12)


def test_other_scenes_show_their_scalar_data() -> None:
    meta = {
        "sweep_values": {"matrix": [[0, -1], [1, 0]]},
        "data": {"determinant": 1.0, "rank": 2, "eigenvalues": [[0, 1], [0, -1]], "big": [0] * 9},
    }
    meta["data"] = {"matrix": [[0, -1], [1, 0]], **meta["data"]}
    listed = player.key_numbers(meta)
    assert [name for name, _ in listed].count("matrix") == 1, "the swept value once"
    rows = dict(listed)
    assert rows == {
        "matrix": "[[0, -1], [1, 0]]",
        "determinant": "1",
        "rank": "2",
        "eigenvalues": "[[0, 1], [0, -1]]",
    }


def _old_number(x: float) -> str:
    """The player's own formatter before it used the kit's (``format(x, ".4g")``), kept
    as the reference the kit's form is compared with."""
    import math

    if isinstance(x, bool):
        return "yes" if x else "no"
    if isinstance(x, int):
        return str(x)
    if not math.isfinite(x):
        return str(x)
    return format(x, ".4g")


def test_player_numbers_match_the_old_form_except_the_scientific_spelling() -> None:
    import math

    import numpy as np

    rng = np.random.default_rng(20261202)
    magnitudes = 10.0 ** rng.uniform(-12, 32, 4000)
    values: list[float] = [*magnitudes, *(-magnitudes), *np.round(magnitudes, 3)]
    values += [0.0, 1.0, 0.5, 0.05, 0.35, 0.452, 2 / 3, 1e-3, 9999.0, math.inf, -math.inf]
    values += [math.nan, 1e-4, 3.2e-9, 1.5e30, 12345.0, 99999.0, 1e5, 9999.5, 0.00099995]
    same = 0
    for x in values:
        old, new = _old_number(x), player.shown_number(x)
        plain = 1e-3 <= abs(x) < 1e4 and 1e-3 <= abs(float(old)) < 1e4
        if not math.isfinite(x) or old == "0" or plain:
            assert new == old, (x, old, new)  # the plain range: identical
            same += 1
            continue
        # Outside it the kit writes 1.5e-9 for 1.5e-09 and every digit of 12345: the
        # same number, at least as close to x.
        assert "e+" not in new and "e-0" not in new, (x, new)
        assert abs(float(new) - x) <= abs(float(old) - x) + 1e-15 * abs(x), (x, old, new)
        assert math.isclose(float(new), x, rel_tol=5e-4), (x, new)
    assert same > 1000
    assert (_old_number(-0.0), player.shown_number(-0.0)) == ("-0", "0")  # never "-0"
    for x in (True, False, 0, 30, 123456789):
        assert player.shown_number(x) == _old_number(x)


def test_player_strings_are_the_hand_written_ones() -> None:
    descent = {
        "sweep_values": {"lr": 0.35},
        "data": {
            "losses": [4.5, 0.25, 3.2e-09],
            "diverged": False,
            "verdict": "converged",
            "steps_taken": 30,
            "lr_critical": 0.45238095238,
        },
    }
    assert player.key_numbers(descent) == [
        ("lr", "0.35"),
        ("final loss", "3.2e-9"),
        ("diverged", "no"),
        ("verdict", "converged"),
        ("steps taken", "30"),
        ("critical lr 2/λmax", "0.4524"),
    ]
    blown = {"sweep_values": {"lr": 0.6}, "data": {"losses": [4.5, 1.5e30], "diverged": True}}
    assert player.key_numbers(blown) == [
        ("lr", "0.6"),
        ("final loss", "1.5e30"),
        ("diverged", "yes"),
    ]
    assert player.label({"sweep_values": {"lr": 0.05}}) == "lr = 0.05"
    matrix = {"sweep_values": {"matrix": [[0.25, -0.5], [0.75, 1 / 3]]}}
    assert player.label(matrix) == "matrix = [[0.25, -0.5], [0.75, 0.3333]]"
    other = {"sweep_values": {"t": 0.5}, "data": {"determinant": -0.0001, "rank": 2}}
    assert player.key_numbers(other) == [("t", "0.5"), ("determinant", "-1e-4"), ("rank", "2")]


def test_the_player_loads_no_manim() -> None:
    import subprocess
    import sys

    from conftest import PROJECT_DIR

    code = (
        "import sys, scenes.pipeline.player\n"
        "print(','.join(m for m in sys.modules if m == 'manim' or m.startswith('manim.')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT_DIR, check=True
    )
    assert out.stdout.strip() == ""
