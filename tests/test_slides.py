"""Slide decks through the real command line: one slide per beat, playable offline.

One deck of a short scene at low quality is built once for the module; the tests read
its files, open it in headless Chromium with the network blocked, and check that the
same scene still renders with plain Manim.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import av
import pytest
from bs4 import BeautifulSoup

from conftest import PROJECT_DIR, run_cli
from scenes.pipeline import plan, slides
from scenes.pipeline.jobs import RenderJob

pytestmark = [pytest.mark.render, pytest.mark.xdist_group("slides")]

SCENE = "LinearMap"  # about 11 s of video in 4 beats
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("decks")
    result = run_cli("slides", SCENE, "--quality", "low", "--out", str(out), cache=out)
    assert result.returncode == 0, result.stderr
    assert not (out / ".tmp").exists(), "the staging folder was left behind"
    return out / "slides"


def _meta(deck: Path) -> dict:
    return json.loads((deck / f"{SCENE}.json").read_text(encoding="utf-8"))


def _soup(deck: Path) -> BeautifulSoup:
    return BeautifulSoup((deck / f"{SCENE}.html").read_text(encoding="utf-8"), "html.parser")


def test_one_slide_per_beat_with_its_video_and_caption_as_notes(deck: Path) -> None:
    meta = _meta(deck)
    sections = _soup(deck).select("div.slides > section")
    assert len(meta["beats"]) == 4
    assert len(sections) == meta["slides"] == len(meta["beats"])
    for section, beat in zip(sections, meta["beats"], strict=True):
        video = deck / section["data-background-video"]
        assert video.is_file() and video.stat().st_size > 0
        assert video.parent == deck / f"{SCENE}_assets"  # relocatable with the page
        with av.open(str(video)) as container:
            stream = container.streams.video[0]
            assert (stream.width, stream.height) == (854, 480)
            seconds = container.duration / av.time_base
        assert seconds == pytest.approx(beat["end_s"] - beat["start_s"], abs=2 / 15)
        assert section.select_one("aside.notes").get_text() == beat["caption"]


def test_deck_loads_nothing_from_the_network(deck: Path) -> None:
    soup = _soup(deck)
    assert slides.remote_references(str(soup)) == []
    tags = soup.find_all(["script", "link"])
    local = [str(t.get("src") or t.get("href")) for t in tags if t.get("src") or t.get("href")]
    assert any(link.endswith("/dist/reveal.js") for link in local)
    for link in local:
        assert not re.match(r"^[a-z]+:|^//", link), link
        assert (deck / link).is_file(), f"{link} is not in the deck folder"


def test_pdf_and_pptx_have_one_page_per_slide(deck: Path) -> None:
    from pptx import Presentation

    meta = _meta(deck)
    pdf = (deck / f"{SCENE}.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == meta["slides"]
    pptx = Presentation(str(deck / f"{SCENE}.pptx"))
    assert len(pptx.slides) == meta["slides"]
    for slide, beat in zip(pptx.slides, meta["beats"], strict=True):
        assert slide.notes_slide.notes_text_frame.text == beat["caption"]
        assert any(shape.shape_type == 16 for shape in slide.shapes)  # MSO_SHAPE_TYPE.MEDIA


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH (bootstrap installs it)")
def test_deck_plays_offline_in_chromium(deck: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    blocked: list[str] = []

    def offline(route: object) -> None:
        request = route.request  # type: ignore[attr-defined]
        if request.url.startswith("file:"):
            route.continue_()  # type: ignore[attr-defined]
        else:
            blocked.append(request.url)
            route.abort()  # type: ignore[attr-defined]

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--autoplay-policy=no-user-gesture-required"],
        )
        try:
            page = browser.new_page()
            page.route("**/*", offline)
            errors: list[str] = []
            page.on("pageerror", lambda err: errors.append(str(err)))
            page.goto((deck / f"{SCENE}.html").as_uri())
            page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=15_000)
            assert page.evaluate("Reveal.getTotalSlides()") == _meta(deck)["slides"]
            playing = (
                "() => { const v = document.querySelector('.slide-background.present video');"
                " return v !== null && v.readyState >= 2 && v.currentTime > 0; }"
            )
            page.wait_for_function(playing, timeout=15_000)
            page.keyboard.press("ArrowRight")
            assert page.evaluate("Reveal.getIndices().h") == 1
            page.wait_for_function(playing, timeout=15_000)
        finally:
            browser.close()
    assert blocked == []
    assert errors == []


def test_up_to_date_deck_is_kept_and_a_failed_build_leaves_it(
    deck: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = deck.parent
    (job,) = plan.plan([SCENE], quality="low", out_dir=str(out))
    unchanged = _meta(deck)["input_hash"] == slides.deck_hash(job)  # sources edited since?
    result = run_cli("slides", SCENE, "--quality", "low", "--out", str(out))
    assert result.returncode == 0, result.stderr
    if unchanged:
        assert "up to date" in result.stderr, result.stderr
    before = {p.name: p.read_bytes() for p in deck.iterdir() if p.is_file()}

    def broken(job: RenderJob, staging: Path) -> list[Path]:
        (staging / f"{SCENE}.html").write_text("half a deck", encoding="utf-8")
        raise RuntimeError("render failed")

    monkeypatch.setattr(slides, "produce", broken)
    with pytest.raises(RuntimeError, match="render failed"):
        slides.build_deck(job, force=True)
    assert {p.name: p.read_bytes() for p in deck.iterdir() if p.is_file()} == before
    assert not (out / ".tmp").exists()


def test_plain_manim_still_renders_the_scene(deck: Path, tmp_path: Path) -> None:
    from scenes.linear_algebra.linear_map import LinearMap

    slides.slide_class(LinearMap)
    assert "Slide" not in {c.__name__ for c in LinearMap.__mro__}  # not modified in place
    # The whole construct through Manim's own command, saving the last frame (the video
    # path is the deck's and the smoke render's). The deck's LaTeX cache is reused.
    config = tmp_path / "manim.cfg"
    config.write_text(f"[CLI]\ntex_dir = {deck.parent / '.cache' / 'worker-0' / 'tex'}\n")
    env = {**os.environ, "PYTHONPATH": str(PROJECT_DIR)}
    manim = Path(sys.executable).with_name("manim")
    result = subprocess.run(
        [str(manim), "-ql", "-s", "--media_dir", str(tmp_path), "--progress_bar", "none",
         "--config_file", str(config), "scenes/linear_algebra/linear_map.py", SCENE],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert list(tmp_path.rglob(f"{SCENE}*.png"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "NAME"),
        (("Nope",), "unknown scene 'Nope'"),
        ((SCENE, "--preset", "nope"), "unknown preset 'nope'"),
        ((SCENE, "--set", "matrix=1"), "parameter 'matrix'"),
        ((SCENE, "--quality", "8k"), "--quality got '8k'"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_writes_nothing(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    result = run_cli("slides", *args, "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr, result.stderr
    assert not (tmp_path / "out").exists()
