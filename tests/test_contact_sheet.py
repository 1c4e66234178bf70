"""The contact sheet tiles every poster of a render folder into the right grid."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from scenes.pipeline import contact_sheet as cs

PROJECT_DIR = Path(__file__).resolve().parent.parent


def _colour(k: int) -> tuple[int, int, int]:
    return (40 + 20 * k % 200, 200 - 15 * k % 180, 90 + 35 * k % 160)


def _posters(folder: Path, stems: list[str], size: tuple[int, int] = (160, 90)) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for k, stem in enumerate(stems):
        Image.new("RGB", size, _colour(k)).save(folder / f"{stem}.png")


@pytest.mark.parametrize(
    ("count", "columns", "shape"), [(1, 6, (1, 1)), (6, 6, (1, 6)), (7, 6, (2, 6)), (13, 4, (4, 4))]
)
def test_grid_shape(count: int, columns: int, shape: tuple[int, int]) -> None:
    assert cs.grid_shape(count, columns) == shape
    rows, cols = shape
    assert (rows - 1) * cols < count <= rows * cols


@pytest.mark.parametrize("count", [1, 5, 7, 13])
def test_n_posters_are_tiled_in_name_order_with_their_stems(tmp_path: Path, count: int) -> None:
    stems = [f"Scene{k:02d}" for k in range(count)]
    _posters(tmp_path / "low", stems)
    (sheet_path,) = cs.write(tmp_path, columns=4, tile_width=200)
    assert sheet_path == tmp_path / "contact-sheet-low.png"
    rows, cols = -(-count // 4), min(count, 4)  # ceil(count / 4) rows of up to 4
    tile_h = 90 * 200 // 160  # posters scaled to the tile width, aspect kept
    cell_w, cell_h = 200 + cs.GAP, tile_h + cs.LABEL_HEIGHT + cs.GAP
    with Image.open(sheet_path) as im:
        sheet = im.convert("RGB")
    assert sheet.size == (cs.GAP + cols * cell_w, cs.GAP + rows * cell_h)
    for k in range(count):
        row, col = divmod(k, 4)
        x, y = cs.GAP + col * cell_w, cs.GAP + row * cell_h
        assert sheet.getpixel((x + 100, y + tile_h // 2)) == _colour(k), k
        label = sheet.crop((x, y + tile_h + 2, x + 200, y + tile_h + cs.LABEL_HEIGHT))
        colours = {c for _, c in label.getcolors(maxcolors=1 << 16)}
        assert colours - {cs.BACKGROUND}, f"no stem under tile {k}"
    empty = rows * cols - count  # cells after the last poster stay background
    if empty:
        x = cs.GAP + (cols - 1) * cell_w
        y = cs.GAP + (rows - 1) * cell_h
        assert sheet.getpixel((x + 100, y + tile_h // 2)) == cs.BACKGROUND


def test_one_sheet_per_theme_and_quality(tmp_path: Path) -> None:
    _posters(tmp_path / "low", ["A", "B", "A--light"])
    _posters(tmp_path / "high", ["A"])
    written = cs.write(tmp_path)
    assert [p.name for p in written] == [
        "contact-sheet-high.png",
        "contact-sheet-low.png",
        "contact-sheet-low--light.png",
    ]
    assert cs.theme_of("LinearMap--light") == "light" and cs.theme_of("LinearMap") == "dark"


def test_the_command_line_writes_the_sheet_and_fails_without_posters(tmp_path: Path) -> None:
    _posters(tmp_path / "low", ["A", "B"])
    command = [sys.executable, "-m", "scenes.pipeline.contact_sheet", "--out", str(tmp_path)]
    env = {"PYTHONPATH": str(PROJECT_DIR), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(tmp_path / "contact-sheet-low.png")
    missing = subprocess.run(
        [*command, "--quality", "4k"], capture_output=True, text=True, env=env, check=False
    )
    assert missing.returncode == 2 and "no folder" in missing.stderr
