"""Lectures through the real command line: clips and cards joined, captions and chapters
shifted, a deck across the lecture, a handout with a page per clip.

One short lecture (a card and two short clips at low quality) is built once for the
module; every test reads its files with a reader other than the writer: PyAV decodes
the video and reads its chapters back, the ``srt`` package parses the captions, the
WebVTT files are parsed here, BeautifulSoup counts the deck's slides and poppler's
``pdfinfo``/``pdftotext`` read the handout. The bad declarations go through the
command's own entry point in this process (they never render, so they are quick).
"""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import av
import pytest
import srt
from bs4 import BeautifulSoup

from conftest import run_cli
from scenes.pipeline import cli

FPS = 15  # --quality low
FRAME = 1 / FPS
LECTURE = "tiny"
TITLE = "A tiny lecture"
CARD = "First, where do the basis vectors go?"
CARD_SECONDS = 1.5
# Two of the shortest clips (about 7 s and 10 s of video at low): a LinearMap whose
# transformation takes half a second (an inline table), and a preset by its stem.
DECLARATION = f"""
[{LECTURE}]
title = "{TITLE}"
clips = [
  {{ card = "{CARD}", seconds = {CARD_SECONDS} }},
  {{ scene = "LinearMap", set = {{ run_time = 0.5 }} }},
  "Eigenvectors--shear",
]

[again]
title = "The same clip in a second lecture"
clips = ["Eigenvectors--shear", {{ card = "Done.", seconds = 1 }}]
"""
PDFINFO = shutil.which("pdfinfo")
PDFTOTEXT = shutil.which("pdftotext")

pytestmark = [pytest.mark.render, pytest.mark.xdist_group("lectures")]


class Built:
    """The lecture's folder and the files the module's tests read."""

    def __init__(self, out: Path, declared: Path, stderr: str) -> None:
        self.out = out
        self.declared = declared
        self.stderr = stderr
        self.dir = out / "lectures" / "low"

    def file(self, suffix: str) -> Path:
        return self.dir / f"{LECTURE}{suffix}"

    @property
    def meta(self) -> dict[str, Any]:
        return json.loads(self.file(".json").read_text(encoding="utf-8"))

    def clip_sidecars(self) -> list[dict[str, Any]]:
        """The clips' own sidecars, as ``render`` installed them in ``DIR/low/``."""
        return [
            json.loads((self.out / "low" / f"{c['stem']}.json").read_text(encoding="utf-8"))
            for c in self.meta["clips"]
            if c["kind"] == "clip"
        ]

    def run(self, *names: str) -> subprocess.CompletedProcess[str]:
        return run_cli(
            "lecture",
            LECTURE,
            *names,
            "--quality",
            "low",
            "--out",
            str(self.out),
            "--lectures",
            str(self.declared),
            "--jobs",
            "2",
            cache=self.out,
        )


@pytest.fixture(scope="module")
def lecture(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("lecture")
    declared = root / "lectures.toml"
    declared.write_text(DECLARATION, encoding="utf-8")
    built = Built(root / "out", declared, "")
    result = built.run("again")  # two lectures in one command, sharing a clip
    assert result.returncode == 0, result.stderr
    assert not (built.out / ".tmp").exists(), "the staging folder was left behind"
    built.stderr = result.stderr
    return built


def _entries(built: Built) -> list[tuple[str, float]]:
    """(kind, seconds) of every entry, from the clips' own sidecars and the card."""
    sidecars = iter(built.clip_sidecars())
    return [
        ("card", CARD_SECONDS) if c["kind"] == "card" else ("clip", next(sidecars)["duration_s"])
        for c in built.meta["clips"]
    ]


def test_the_clips_are_the_renders_render_makes(lecture: Built) -> None:
    stems = [c["stem"] for c in lecture.meta["clips"]]
    assert stems[0] is None  # the card
    assert stems[1].startswith("LinearMap--") and len(stems[1]) == len("LinearMap--") + 8
    assert stems[2] == "Eigenvectors--shear"
    for sidecar in lecture.clip_sidecars():
        assert (lecture.out / "low" / f"{sidecar['stem']}.mp4").is_file()
    assert lecture.clip_sidecars()[0]["params"]["run_time"] == 0.5
    assert lecture.clip_sidecars()[0]["command"] == (
        'make render SCENE=LinearMap SET="run_time=0.5" QUALITY=low'
    )


def test_two_lectures_share_their_clip(lecture: Built) -> None:
    assert "lecture clips: 2 rendered, 0 up to date, 0 failed" in lecture.stderr
    assert f"lecture {LECTURE}: built" in lecture.stderr
    assert "lecture again: built" in lecture.stderr
    meta = json.loads((lecture.dir / "again.json").read_text(encoding="utf-8"))
    assert [c["stem"] for c in meta["clips"]] == ["Eigenvectors--shear", None]
    assert meta["slides"] == 4 + 1  # its deck too
    for name in meta["files"]:
        assert (lecture.dir / name).exists(), name


def test_duration_is_the_sum_of_clips_and_cards(lecture: Built) -> None:
    entries = _entries(lecture)
    expected = sum(seconds for _, seconds in entries)
    with av.open(str(lecture.file(".mp4"))) as container:
        stream = container.streams.video[0]
        assert stream.codec_context.name == "h264"
        assert (stream.width, stream.height) == (854, 480)
        assert stream.codec_context.pix_fmt == "yuv420p"
        frames = sum(1 for _ in container.decode(stream))
        seconds = container.duration / av.time_base
    tolerance = len(entries) * FRAME  # one frame per clip and card
    assert frames / FPS == pytest.approx(expected, abs=tolerance)
    assert seconds == pytest.approx(expected, abs=tolerance)
    assert lecture.meta["duration_s"] == pytest.approx(frames / FPS, abs=1e-9)
    assert lecture.meta["joined"] == "stream copy"  # the card has the clips' parameters


def test_moov_is_at_the_front(lecture: Built) -> None:
    head = lecture.file(".mp4").read_bytes()[:4096]
    assert head.find(b"moov") != -1 and head.find(b"moov") < max(head.find(b"mdat"), 4096)


def test_chapters_start_at_the_clips_boundaries(lecture: Built) -> None:
    entries = _entries(lecture)
    with av.open(str(lecture.file(".mp4"))) as container:
        chapters = container.chapters()
    assert len(chapters) == len(entries) == 3
    start = 0.0
    for k, (chapter, (_, seconds)) in enumerate(zip(chapters, entries, strict=True)):
        at = float(chapter["start"] * chapter["time_base"])
        assert at == pytest.approx(start, abs=(k + 1) * FRAME), f"chapter {k + 1}"
        start += seconds
    titles = [c["metadata"]["title"] for c in chapters]
    assert titles[0] == CARD
    assert titles[1] == "A matrix as a map of the plane (run_time = 0.5)"
    assert titles[2] == "Eigenvectors: the directions a matrix only stretches (shear)"
    assert [c["title"] for c in lecture.meta["clips"]] == titles


def _vtt_cues(text: str) -> list[tuple[float, float, str]]:
    """WebVTT cues as (start, end, text), parsed from the format's own syntax."""
    assert text.startswith("WEBVTT")

    def seconds(stamp: str) -> float:
        h, m, s = stamp.split(":")
        return int(h) * 3600 + int(m) * 60 + float(s)

    cues = []
    for block in text.split("\n\n")[1:]:
        lines = [line for line in block.strip().splitlines() if line]
        timing = next(i for i, line in enumerate(lines) if "-->" in line)
        a, b = lines[timing].split(" --> ")
        cues.append((seconds(a), seconds(b), "\n".join(lines[timing + 1 :])))
    return cues


def test_captions_are_every_clips_cues_shifted_to_its_place(lecture: Built) -> None:
    expected: list[srt.Subtitle] = []
    offset = timedelta(0)
    sidecars = iter(lecture.clip_sidecars())
    for clip in lecture.meta["clips"]:
        if clip["kind"] == "card":
            offset += timedelta(seconds=CARD_SECONDS)
            continue
        sidecar = next(sidecars)
        own = (lecture.out / "low" / f"{sidecar['stem']}.srt").read_text(encoding="utf-8")
        for cue in srt.parse(own):
            expected.append(srt.Subtitle(0, cue.start + offset, cue.end + offset, cue.content))
        offset += timedelta(seconds=sidecar["duration_s"])
    got = list(srt.parse(lecture.file(".srt").read_text(encoding="utf-8")))
    assert len(got) == len(expected) == 8  # 4 beats each
    tolerance = 3 * FRAME + 0.001  # a frame per entry before the cue, and milliseconds
    for a, b in zip(got, expected, strict=True):
        assert a.content == b.content
        assert a.start.total_seconds() == pytest.approx(b.start.total_seconds(), abs=tolerance)
        assert a.end.total_seconds() == pytest.approx(b.end.total_seconds(), abs=tolerance)
    vtt = _vtt_cues(lecture.file(".vtt").read_text(encoding="utf-8"))
    assert [(round(s, 3), round(e, 3), t) for s, e, t in vtt] == [
        (
            round(c.start.total_seconds(), 3),
            round(c.end.total_seconds(), 3),
            c.content,
        )
        for c in got
    ]


def test_chapters_track_matches_the_mp4_chapters(lecture: Built) -> None:
    cues = _vtt_cues(lecture.file(".chapters.vtt").read_text(encoding="utf-8"))
    with av.open(str(lecture.file(".mp4"))) as container:
        chapters = container.chapters()
    assert len(cues) == len(chapters)
    for (start, end, title), chapter in zip(cues, chapters, strict=True):
        assert title == chapter["metadata"]["title"]
        assert start == pytest.approx(float(chapter["start"] * chapter["time_base"]), abs=0.002)
        assert end == pytest.approx(float(chapter["end"] * chapter["time_base"]), abs=0.002)
    assert cues[-1][1] == pytest.approx(lecture.meta["duration_s"], abs=0.002)


def test_sidecar_has_each_clip_with_its_data(lecture: Built) -> None:
    meta = lecture.meta
    assert meta["title"] == TITLE
    assert meta["command"] == f"make lecture NAME={LECTURE} QUALITY=low"
    assert len(meta["chapters"]) == len(meta["clips"])
    clips = [c for c in meta["clips"] if c["kind"] == "clip"]
    for clip, sidecar in zip(clips, lecture.clip_sidecars(), strict=True):
        assert set(clip) >= {"stem", "title", "start_s", "end_s", "data"}
        assert clip["data"] == sidecar["data"]
        assert clip["end_s"] - clip["start_s"] == pytest.approx(sidecar["duration_s"], abs=FRAME)
    ends = [c["end_s"] for c in meta["clips"]]
    assert [c["start_s"] for c in meta["clips"]] == [0.0, *ends[:-1]]
    assert ends[-1] == meta["duration_s"]
    for name in meta["files"]:
        assert (lecture.dir / name).exists(), name


def test_deck_has_one_slide_per_beat_and_card(lecture: Built) -> None:
    soup = BeautifulSoup(lecture.file(".html").read_text(encoding="utf-8"), "html.parser")
    sections = soup.select("div.slides > section")
    beats = [b for s in lecture.clip_sidecars() for b in s["beats"] if b["end_s"] > b["start_s"]]
    assert len(sections) == len(beats) + 1 == lecture.meta["slides"]
    notes = [s.select_one("aside.notes").get_text() for s in sections]
    assert notes == [CARD, *(b["caption"] for b in beats)]
    for section in sections:
        video = lecture.dir / section["data-background-video"]
        assert video.is_file() and video.parent == lecture.dir / f"{LECTURE}_assets"
    # Each beat's slide is as long as the beat (one frame either way).
    for section, beat in zip(sections[1:], beats, strict=True):
        with av.open(str(lecture.dir / section["data-background-video"])) as container:
            frames = sum(1 for _ in container.decode(video=0))
        assert frames / FPS == pytest.approx(beat["end_s"] - beat["start_s"], abs=FRAME)
    links = [t.get("src") or t.get("href") for t in soup.find_all(["script", "link"])]
    for link in filter(None, links):
        assert not re.match(r"^[a-z]+:|^//", link), link
        assert (lecture.dir / link).is_file(), link


@pytest.mark.skipif(PDFINFO is None or PDFTOTEXT is None, reason="poppler-utils missing")
def test_handout_has_a_title_page_and_a_page_per_clip(lecture: Built) -> None:
    pdf = str(lecture.file(".pdf"))
    info = subprocess.run([PDFINFO, pdf], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
    clips = [c for c in lecture.meta["clips"] if c["kind"] == "clip"]
    assert pages == 1 + len(clips)

    def text(page: int) -> str:
        done = subprocess.run(
            [PDFTOTEXT, "-f", str(page), "-l", str(page), "-layout", pdf, "-"],
            capture_output=True,
            text=True,
            check=True,
        )
        return " ".join(done.stdout.split())

    assert TITLE in text(1)
    for page, (clip, sidecar) in enumerate(
        zip(clips, lecture.clip_sidecars(), strict=True), start=2
    ):
        words = text(page)
        assert clip["title"] in words
        assert sidecar["beats"][0]["caption"].split(":")[0] in words
        assert "Key numbers" in words
    assert f"Question: {CARD}" in text(2)  # the card opens the next clip's page


def test_unchanged_lecture_is_skipped(lecture: Built) -> None:
    before = {p.name: p.stat().st_mtime_ns for p in lecture.dir.iterdir()}
    result = lecture.run()
    assert result.returncode == 0, result.stderr
    assert "0 rendered, 2 up to date" in result.stderr
    assert f"lecture {LECTURE}: up to date" in result.stderr
    assert {p.name: p.stat().st_mtime_ns for p in lecture.dir.iterdir()} == before


def test_failed_build_leaves_the_previous_lecture(
    lecture: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scenes.pipeline import handout, lectures

    def broken(meta: Any, parts: Any, target: Path) -> int:
        target.write_bytes(b"%PDF-1.4 half")  # a partial file, then the failure
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(handout, "write", broken)
    before = {p.name: p.read_bytes() for p in lecture.dir.iterdir() if p.is_file()}
    declared = lectures.load(lecture.declared, quality="low", out_dir=str(lecture.out))[LECTURE]
    with pytest.raises(RuntimeError, match="disk went away"):
        lectures.build(declared, force=True)
    after = {p.name: p.read_bytes() for p in lecture.dir.iterdir() if p.is_file()}
    assert after == before
    assert not (lecture.out / ".tmp").exists()
    assert lectures.is_up_to_date(declared)


def test_stale_clip_is_rendered_again_and_the_lecture_rebuilt(lecture: Built) -> None:
    sidecar = lecture.out / "low" / "Eigenvectors--shear.json"
    meta = json.loads(sidecar.read_text(encoding="utf-8"))
    meta["input_hash"] = "stale"  # as after an edit of the scene's code
    sidecar.write_text(json.dumps(meta), encoding="utf-8")
    result = lecture.run()
    assert result.returncode == 0, result.stderr
    assert "1 rendered, 1 up to date" in result.stderr
    assert f"lecture {LECTURE}: built" in result.stderr
    assert json.loads(sidecar.read_text(encoding="utf-8"))["input_hash"] != "stale"


# -- bad declarations: exit 2, one line naming the lecture and the entry, nothing written


@pytest.fixture
def keep_sigterm() -> Iterator[None]:
    """The command sets a SIGTERM handler; this test process keeps its own."""
    handler = signal.getsignal(signal.SIGTERM)
    yield
    signal.signal(signal.SIGTERM, handler)


def _lecture(*clips: str, extra: str = "") -> str:
    return f'[bad]\ntitle = "Bad"\n{extra}clips = [\n' + ",\n".join(clips) + "\n]\n"


BAD = [
    ("unknown scene", _lecture('"Nope--shear"'), "entry 1 ('Nope--shear'): unknown scene 'Nope'"),
    (
        "unknown preset",
        _lecture('"LinearMap"', '"LinearMap--skew"'),
        "entry 2 ('LinearMap--skew'): unknown preset 'skew' of LinearMap; presets: rotation",
    ),
    (
        "unknown parameter",
        _lecture('{ scene = "GradientDescent", set = { rate = 0.3 } }'),
        "entry 1 (",
    ),
    (
        "bad value",
        _lecture('{ scene = "GradientDescent", set = { lr = -1 } }'),
        "parameter 'lr' got -1",
    ),
    (
        "unknown key in a clip table",
        _lecture('{ scene = "LinearMap", sets = { run_time = 1 } }'),
        "entry 1 (",
    ),
    (
        "unknown key in a card",
        _lecture('{ card = "Why?", secs = 3 }'),
        "unknown key 'secs' in a card; allowed: card, seconds",
    ),
    (
        "card too long",
        _lecture('{ card = "Why?", seconds = 600 }', '"LinearMap"'),
        "seconds got 600; allowed: a number in [1, 30]",
    ),
    ("empty card", _lecture('{ card = "" }', '"LinearMap"'), "card got ''"),
    ("entry of the wrong type", _lecture("3"), "entry 1 (3): allowed: a stem"),
    ("only cards", _lecture('{ card = "Why?" }'), "only cards; allowed: at least one clip"),
    ("no clips", _lecture(), "clips got []"),
    ("unknown lecture key", _lecture('"LinearMap"', extra='level = "intro"\n'), "'level'"),
    ("no title", '[bad]\nclips = ["LinearMap"]\n', "title got None"),
    ("bad lecture name", '["Bad Name"]\ntitle = "x"\nclips = ["LinearMap"]\n', "lecture name"),
    ("malformed TOML", "[bad\n", "malformed TOML"),
]


@pytest.mark.parametrize(("text", "expected"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_declaration_exits_2_with_one_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    keep_sigterm: None,
    text: str,
    expected: str,
) -> None:
    declared = tmp_path / "lectures.toml"
    declared.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    status = cli.main(["lecture", "bad", "--out", str(out), "--lectures", str(declared)])
    err = capsys.readouterr().err
    assert status == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: lectures.toml: "), lines[0]
    if "malformed" not in expected and "lecture name" not in expected:
        assert "lecture 'bad'" in lines[0]
    assert expected in lines[0]
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["nope"], "lecture: unknown lecture 'nope'; lectures in lectures.toml: bad"),
        (["bad", "--quality", "ultra"], "lecture: --quality got 'ultra'"),
        (["bad", "--theme", "sepia"], "lecture: --theme got 'sepia'"),
    ],
)
def test_bad_command_line_exits_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    keep_sigterm: None,
    args: list[str],
    expected: str,
) -> None:
    declared = tmp_path / "lectures.toml"
    declared.write_text(_lecture('"LinearMap"'), encoding="utf-8")
    out = tmp_path / "out"
    status = cli.main(["lecture", *args, "--out", str(out), "--lectures", str(declared)])
    err = capsys.readouterr().err
    assert status == 2, err
    assert err.strip().splitlines() == [f"error: {expected}" + err.split(expected, 1)[1].strip()]
    assert not out.exists()


def test_render_of_everything_refuses_a_bad_lectures_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], keep_sigterm: None
) -> None:
    # `make render` builds every lecture after the clips, so it checks them first.
    declared = tmp_path / "lectures.toml"
    declared.write_text(_lecture('"LinearMap--skew"'), encoding="utf-8")
    out = tmp_path / "out"
    status = cli.main(["render", "--out", str(out), "--lectures", str(declared)])
    err = capsys.readouterr().err
    assert status == 2, err
    assert len(err.strip().splitlines()) == 1, err
    assert "lecture 'bad', entry 1 ('LinearMap--skew'): unknown preset 'skew'" in err
    assert not out.exists()


def test_the_shipped_lectures_are_valid() -> None:
    from scenes.pipeline import lectures

    declared = lectures.load(quality="low")
    assert len(declared) >= 2
    for lecture in declared.values():
        assert lecture.clips, lecture.name
