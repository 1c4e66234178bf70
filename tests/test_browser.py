"""The gallery and a sweep player in a real browser: headless Chromium through Playwright.

A few scenes, a three-value learning-rate sweep and a two-chapter lecture (one of
those clips and a title card) are rendered at low quality into a temporary folder;
Chromium (Debian's ``chromium``, the system browser: no
``playwright install``) opens ``index.html`` from the file system. Expected durations
and sizes come from the files themselves (PyAV, Pillow), expected numbers from plain
NumPy gradient descent, not from the page's code.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import av
import numpy as np
import pytest
from PIL import Image

from conftest import run_cli

pytestmark = [pytest.mark.render, pytest.mark.xdist_group("browser")]

SWEEP_LRS = (0.3, 0.45, 0.65)  # converges; just under 2/lambda_max; diverges
PRESETS = f"""
[GradientDescent.sweep.lr]
lr = "{",".join(map(str, SWEEP_LRS))}"
"""
LECTURE = "tiny"
LECTURES = f"""
[{LECTURE}]
title = "A tiny lecture"
clips = [
  {{ scene = "LinearMap", set = {{ run_time = 1 }} }},
  {{ card = "Then the learning rate.", seconds = 1 }},
]
"""
#: Waits for a video's metadata (or its error) and reports what the browser decoded.
VIDEO_METADATA_JS = """
async (video) => {
  if (video.readyState < 1) {
    await new Promise((resolve, reject) => {
      video.addEventListener("loadedmetadata", resolve, { once: true });
      video.addEventListener("error", () =>
        reject(new Error("video error " + (video.error && video.error.code) +
                         " for " + video.currentSrc)), { once: true });
      setTimeout(() => reject(new Error("no metadata after 20 s: " + video.currentSrc)),
                 20000);
    });
  }
  return { duration: video.duration, width: video.videoWidth, height: video.videoHeight,
           src: video.currentSrc, poster: video.poster };
}
"""
#: Waits for a <track>'s cues to load and returns their texts.
TRACK_CUES_JS = """
async (track) => {
  if (track.track.mode === "disabled") track.track.mode = "hidden";
  if (track.readyState !== 2) {
    await new Promise((resolve, reject) => {
      track.addEventListener("load", resolve, { once: true });
      track.addEventListener("error", () => reject(new Error("track error " + track.src)),
                             { once: true });
      setTimeout(() => reject(new Error("no cues after 10 s: " + track.src)), 10000);
    });
  }
  return Array.from(track.track.cues, (cue) => cue.text);
}
"""
#: Loads an image URL (e.g. a video's poster) and reports its natural size, or 0 x 0.
IMAGE_JS = """
(url) => new Promise((resolve) => {
  const img = new Image();
  img.onload = () => resolve([img.naturalWidth, img.naturalHeight]);
  img.onerror = () => resolve([0, 0]);
  img.src = url;
})
"""


def chromium_path() -> str:
    """The system Chromium that scripts/bootstrap.sh installs (Debian's ``chromium``)."""
    for candidate in ("chromium", "chromium-browser"):
        found = shutil.which(candidate)
        if found:
            return found
    pytest.fail("no chromium on PATH: run scripts/bootstrap.sh (installs Debian's chromium)")


@pytest.fixture(scope="module")
def gallery(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two scenes, a three-value declared sweep and a lecture, rendered at low quality."""
    root = tmp_path_factory.mktemp("browser")
    presets = root / "scenes.toml"
    presets.write_text(PRESETS)
    declared = root / "lectures.toml"
    declared.write_text(LECTURES)
    out = root / "out"
    common = ["--quality", "low", "--out", str(out), "--presets", str(presets), "--jobs", "2"]
    for args in (
        ["LinearMap", "--set", "run_time=1"],
        ["GradientDescent"],
        ["GradientDescent", "--sweep-name", "lr"],
    ):
        result = run_cli("render", *args, *common, cache=out)
        assert result.returncode == 0, result.stderr
    # The lecture reuses the LinearMap render above; only its card is new.
    result = run_cli("lecture", LECTURE, *common, "--lectures", str(declared), cache=out)
    assert result.returncode == 0, result.stderr
    assert "lecture clips: 0 rendered, 1 up to date" in result.stderr
    # `lecture` rewrites the gallery only when it rendered clips, before the lecture is
    # built; the gallery command lists the lecture.
    result = run_cli("gallery", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    # As root, Chromium refuses to start with its sandbox on.
    args = ["--no-sandbox"] if os.geteuid() == 0 else []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=args)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A page that records console errors, uncaught exceptions and failed requests."""
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.problems = []
    page.on(
        "console",
        lambda m: page.problems.append(f"console: {m.text}") if m.type == "error" else None,
    )
    page.on("pageerror", lambda err: page.problems.append(f"exception: {err}"))

    def request_failed(request: Any) -> None:
        # With preload="metadata" Chromium stops a video's download once it has the
        # metadata: that cancel (ERR_ABORTED) is not a failure.
        if not (request.resource_type == "media" and "ERR_ABORTED" in (request.failure or "")):
            page.problems.append(f"failed: {request.url} ({request.failure})")

    page.on("requestfailed", request_failed)
    yield page
    page.close()


def sidecars(out: Path) -> dict[str, dict[str, Any]]:
    return {p.stem: json.loads(p.read_text()) for p in (out / "low").glob("*.json")}


def mp4_facts(path: Path) -> tuple[float, int, int]:
    """Duration (s), width and height of an MP4, read with PyAV."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        duration = float(stream.duration * stream.time_base)
        return duration, stream.codec_context.width, stream.codec_context.height


def check_video(out: Path, facts: dict[str, Any]) -> None:
    """The browser decoded this video's metadata, with the file's duration and size."""
    src = facts["src"]
    assert src.startswith("file://"), src
    path = Path(src.removeprefix("file://"))
    duration, width, height = mp4_facts(path)
    meta = json.loads(path.with_suffix(".json").read_text())
    assert (facts["width"], facts["height"]) == (width, height) == (meta["width"], meta["height"])
    # One frame of slack: the browser may count the last frame's duration differently.
    assert abs(facts["duration"] - duration) <= 1 / meta["fps"] + 1e-3, (src, facts, duration)


def gd_oracle(lr: float, hessian: np.ndarray, start: np.ndarray, steps: int) -> tuple[float, bool]:
    """Plain gradient descent on f = v^T H v / 2: the final loss and whether it left
    the 1e6 ball (mlmath_viz's divergence bound, documented in descent.trajectory)."""
    v = start.astype(float)
    for _ in range(steps):
        v = v - lr * hessian @ v
        if np.linalg.norm(v) > 1e6:
            return float(v @ hessian @ v / 2), True
    return float(v @ hessian @ v / 2), False


def numbers(page: Any) -> dict[str, str]:
    rows = page.locator("#numbers tr").all()
    return {r.locator("th").inner_text(): r.locator("td").inner_text() for r in rows}


def card_links(page: Any) -> list[str]:
    """The hrefs of the cards the filter leaves visible, in page order."""
    return page.eval_on_selector_all(
        ".card:not([hidden]) > a", "(links) => links.map((a) => a.getAttribute('href'))"
    )


def check_images(page: Any, folder: Path) -> None:
    """Every image on the page loads (lazy ones once scrolled to), at the PNG's size."""
    images = page.locator("img").all()
    assert images
    for image in images:
        image.scroll_into_view_if_needed()
        page.wait_for_function("(img) => img.complete", arg=image.element_handle())
        natural = image.evaluate("(img) => [img.naturalWidth, img.naturalHeight]")
        with Image.open(folder / image.get_attribute("src")) as png:
            assert tuple(natural) == png.size
        assert image.get_attribute("alt").strip(), "every image has alt text"


def test_gallery_page_loads_every_video_and_poster(
    gallery: Path, page: Any, tmp_path: Path
) -> None:
    page.goto((gallery / "index.html").as_uri())
    page.wait_for_load_state("load")
    # The index is a grid of posters, lectures first; the videos are on the detail pages.
    assert page.locator("video").count() == 0
    check_images(page, gallery)
    hrefs = card_links(page)
    metas = [m for m in sidecars(gallery).values() if not m.get("sweep")]
    details = [h for h in hrefs if h.startswith("clips/")]
    assert hrefs[0] == f"clips/lecture--{LECTURE}.html"
    assert len(details) == len(metas) + 1 == 3  # two clips and the lecture
    assert "GradientDescent-lr.html" in hrefs
    page.screenshot(path=str(tmp_path / "gallery.png"), full_page=True)
    assert (tmp_path / "gallery.png").stat().st_size > 10_000
    for href in details:
        page.goto((gallery / href).as_uri())
        page.wait_for_load_state("load")
        (video,) = page.locator("video").all()
        facts = video.evaluate(VIDEO_METADATA_JS)
        check_video(gallery, facts)
        size = page.evaluate(IMAGE_JS, facts["poster"])
        poster = Path(facts["poster"].removeprefix("file://"))
        with Image.open(poster) as image:
            assert tuple(size) == image.size, facts["poster"]
        captions = video.locator("track[kind=captions]").evaluate(TRACK_CUES_JS)
        assert captions, f"{href}: the captions track has cues"
    assert page.problems == []


def test_filter_narrows_the_grid(gallery: Path, page: Any) -> None:
    page.goto((gallery / "index.html").as_uri())
    everything = card_links(page)
    assert len(everything) == 4
    box = page.get_by_label("Filter")
    linear_map = next(h for h in everything if h.startswith("clips/LinearMap"))
    box.fill("linearmap")  # a scene name
    assert card_links(page) == [linear_map]
    visible_groups = page.eval_on_selector_all(
        "section.group:not([hidden])", "(sections) => sections.map((s) => s.id)"
    )
    assert visible_groups == ["maps"], "groups with no card left are hidden"
    assert page.locator("#maps .n").inner_text() == "(1 of 1)"
    box.fill("Gradient descent")  # words of a title, in any case
    assert card_links(page) == ["clips/GradientDescent.html", "GradientDescent-lr.html"]
    box.fill("run_time=1")  # a parameter
    assert card_links(page) == [linear_map]
    box.fill("tiny lecture")
    assert card_links(page) == [f"clips/lecture--{LECTURE}.html"]
    box.fill("no such scene")
    assert card_links(page) == []
    assert page.locator("#count").inner_text() == "0 of 4 shown"
    box.fill("")
    assert card_links(page) == everything
    assert page.locator("#optimisation .n").inner_text() == "(2)"
    assert page.problems == []


def test_keyboard_reaches_the_filter_then_opens_the_lecture_with_its_chapters(
    gallery: Path, page: Any, tmp_path: Path
) -> None:
    meta = json.loads((gallery / "lectures" / "low" / f"{LECTURE}.json").read_text())
    page.goto((gallery / "index.html").as_uri())
    # The posters in view load first: leaving the page while one loads aborts it.
    page.wait_for_load_state("networkidle")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "q"
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "(() => { const a = document.activeElement; const s = getComputedStyle(a);"
        " return [a.getAttribute('href'), s.outlineStyle, parseFloat(s.outlineWidth),"
        " parseFloat(s.outlineOffset)]; })()"
    )
    # A visible outline, drawn inside the card (which clips what overflows it).
    assert focused == [f"clips/lecture--{LECTURE}.html", "solid", 3.0, -3.0]
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/clips/lecture--{LECTURE}.html")
    video = page.locator("video")
    facts = video.evaluate(VIDEO_METADATA_JS)
    check_video(gallery, facts)
    assert abs(facts["duration"] - meta["duration_s"]) <= 1 / meta["fps"] + 1e-3
    chapters = video.locator("track[kind=chapters]").evaluate(TRACK_CUES_JS)
    assert chapters == [c["title"] for c in meta["chapters"]]
    assert len(chapters) == 2
    assert page.locator("ol.chapters li").count() == len(meta["chapters"])
    # Each chapter's time is a button that seeks the video to the chapter's start.
    page.locator("ol.chapters button").nth(1).click()
    page.wait_for_function(
        "(t) => Math.abs(document.querySelector('video').currentTime - t) < 0.5",
        arg=meta["chapters"][1]["start_s"],
    )
    captions = video.locator("track[kind=captions]").evaluate(TRACK_CUES_JS)
    assert len(captions) == len(meta["beats"])
    page.screenshot(path=str(tmp_path / "lecture.png"), full_page=True)
    assert page.problems == []


def test_light_scheme_gets_the_light_stylesheet(gallery: Path, browser: Any) -> None:
    backgrounds = {}
    for scheme in ("dark", "light"):
        page = browser.new_page(color_scheme=scheme)
        page.goto((gallery / "index.html").as_uri())
        backgrounds[scheme] = page.evaluate("getComputedStyle(document.body).backgroundColor")
        page.close()
    assert backgrounds == {"dark": "rgb(16, 19, 26)", "light": "rgb(247, 247, 244)"}


def test_sweep_player_slider_swaps_video_and_numbers(
    gallery: Path, page: Any, tmp_path: Path
) -> None:
    variants = sorted(
        (m for m in sidecars(gallery).values() if m.get("sweep") == "lr"),
        key=lambda m: m["sweep_values"]["lr"],
    )
    assert [m["sweep_values"]["lr"] for m in variants] == list(SWEEP_LRS)
    params = variants[0]["params"]
    hessian, start = np.array(params["hessian"]), np.array(params["start"])
    critical = 2 / np.linalg.eigvalsh(hessian).max()  # numpy's eigenvalues, not ours

    page.goto((gallery / "index.html").as_uri())
    page.get_by_role("link", name="Open the player").click()
    page.wait_for_load_state("load")
    slider = page.locator("input[type=range]")
    video = page.locator("video")

    def expect_variant(k: int) -> None:
        meta = variants[k]
        assert slider.input_value() == str(k)
        facts = video.evaluate(VIDEO_METADATA_JS)
        assert facts["src"].endswith(f"/low/{meta['stem']}.mp4"), facts["src"]
        assert facts["poster"].endswith(f"/low/{meta['stem']}.png")
        check_video(gallery, facts)
        shown = numbers(page)
        loss, diverged = gd_oracle(SWEEP_LRS[k], hessian, start, params["steps"])
        np.testing.assert_allclose(float(shown["final loss"]), loss, rtol=1e-3)
        assert shown["diverged"] == ("yes" if diverged else "no")
        assert float(shown["lr"]) == SWEEP_LRS[k]
        assert page.locator("#value").inner_text() == f"lr = {SWEEP_LRS[k]}"
        # The captions are this variant's, and load from the file system.
        cues = video.locator("track[kind=captions]").evaluate(TRACK_CUES_JS)
        beats = [b for b in meta["beats"] if b["end_s"] > b["start_s"]]
        assert len(cues) == len(beats), (meta["stem"], cues)

    expect_variant(0)
    # The critical learning rate is marked between the ticks of 0.45 and 0.65, in
    # proportion, and labelled with its value.
    marker = page.locator(".critical")
    assert f"{critical:.3g}" in marker.inner_text()
    ticks = [t.bounding_box() for t in page.locator(".tick").all()]
    centre = [b["x"] + b["width"] / 2 for b in ticks]
    expected_x = centre[1] + (critical - 0.45) / (0.65 - 0.45) * (centre[2] - centre[1])
    assert abs(marker.bounding_box()["x"] - expected_x) <= 2.5

    # The keyboard moves the slider; the video, poster and numbers follow.
    slider.focus()
    page.keyboard.press("ArrowRight")
    expect_variant(1)
    page.keyboard.press("End")
    expect_variant(2)
    assert gd_oracle(SWEEP_LRS[2], hessian, start, params["steps"])[1], "0.65 diverges"
    # A poster in the strip below selects its variant too.
    page.locator(".strip button").nth(0).click()
    expect_variant(0)
    for image in page.locator(".strip img").all():
        image.scroll_into_view_if_needed()
        page.wait_for_function("(img) => img.complete", arg=image.element_handle())
        assert image.evaluate("(img) => img.naturalWidth") == 854
    page.screenshot(path=str(tmp_path / "player.png"), full_page=True)
    assert page.problems == []


def test_without_javascript_the_whole_grid_shows(gallery: Path, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((gallery / "index.html").as_uri())
    assert not page.locator("#filter").is_visible(), "no filter box that cannot filter"
    cards = page.locator(".card")
    assert cards.count() == 4
    assert all(card.is_visible() for card in cards.all())
    context.close()
