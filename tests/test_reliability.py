"""Rendering that survives the real world (issue 23): two renders into one folder, a
lock left by a killed process, debris of killed renders, full and read-only disks,
unusable ``--out`` paths, SIGTERM, and derived pages rewritten only when they change.

Every test runs the real command line in real processes; the full-disk tests mount a
small tmpfs (skipped where mounting is not allowed). Renders are of ``Inverse`` with
short animations, the cheapest scene.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import CACHE_KINDS, PROJECT_DIR, _copy_new, cache_slot, run_cli

pytestmark = [pytest.mark.render, pytest.mark.xdist_group("reliability")]

RENDER = ["render", "Inverse", "--set", "run_time=0.5", "--quality", "low", "--jobs", "1"]


def installed(out_dir: Path) -> dict[str, bytes]:
    """The files of the one render installed in ``out_dir/low``, as its sidecar lists
    them, with their bytes."""
    (sidecar,) = (out_dir / "low").glob("*.json")
    files = json.loads(sidecar.read_text())["files"]
    assert {Path(f).suffix for f in files} >= {".mp4", ".png", ".json", ".srt", ".vtt"}
    return {name: (out_dir / "low" / name).read_bytes() for name in files}


def start_cli(*args: str, new_group: bool = False) -> subprocess.Popen[str]:
    """``python -m scenes ARGS`` started in the background (its own process group with
    ``new_group``, so a kill reaches its workers too)."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT_DIR)}
    return subprocess.Popen(
        [sys.executable, "-m", "scenes", *args],
        cwd=PROJECT_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=new_group,
    )


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def warm(out_dir: Path, source: Path | None = None) -> None:
    """Seed ``out_dir``'s worker-0 LaTeX cache (from ``source``'s, else the test slot)."""
    if source is not None:
        origin = source / ".cache" / "worker-0"
    else:
        slot = cache_slot()
        if slot is None:
            return
        origin = slot
    for kind in CACHE_KINDS:
        _copy_new(origin / kind, out_dir / ".cache" / "worker-0" / kind)


def scratch_entries(out_dir: Path) -> list[str]:
    staging = out_dir / ".tmp"
    return sorted(p.name for p in staging.iterdir()) if staging.is_dir() else []


def assert_one_error_line(stderr: str, *fragments: str) -> str:
    errors = [line for line in stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) >= 1, stderr
    assert "Traceback" not in stderr, stderr
    for fragment in fragments:
        assert fragment in errors[-1], stderr
    return errors[-1]


@pytest.fixture(scope="module")
def raced(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Two renders of the same job into one folder, the second started while the first
    holds the folder."""
    out_dir = tmp_path_factory.mktemp("race")
    warm(out_dir)
    first = start_cli(*RENDER, "--out", str(out_dir))
    wait_for(lambda: (out_dir / ".lock").is_file() and (out_dir / ".tmp").is_dir(), "A's lock")
    second = start_cli(*RENDER, "--out", str(out_dir))
    _, err_a = first.communicate(timeout=300)
    _, err_b = second.communicate(timeout=300)
    return {
        "dir": out_dir,
        "pid_a": first.pid,
        "rc": (first.returncode, second.returncode),
        "stderr": (err_a, err_b),
    }


def test_two_renders_into_one_folder_both_end_right(raced: dict[str, object]) -> None:
    out_dir = raced["dir"]
    assert isinstance(out_dir, Path)
    err_a, err_b = raced["stderr"]  # type: ignore[misc]
    assert raced["rc"] == (0, 0), raced["stderr"]
    for err in (err_a, err_b):
        assert ".dvi" not in err and "Traceback" not in err, err
    waiting = [line for line in err_b.splitlines() if line.startswith("waiting for")]
    assert len(waiting) == 1, err_b
    assert f"PID {raced['pid_a']} (python -m scenes render Inverse" in waiting[0]
    assert "1 up to date" in err_b  # the second found the first's render and kept it
    assert all(installed(out_dir).values())
    (sidecar,) = (out_dir / "low").glob("*.json")
    assert json.loads(sidecar.read_text())["params"]["run_time"] == 0.5
    assert scratch_entries(out_dir) == []


def test_a_no_op_render_rewrites_no_page(raced: dict[str, object]) -> None:
    out_dir = raced["dir"]
    assert isinstance(out_dir, Path)
    index = out_dir / "index.html"
    before = (index.stat().st_mtime_ns, index.read_bytes())
    time.sleep(0.05)  # a rewrite would show in the nanosecond mtime
    again = run_cli(*RENDER, "--out", str(out_dir))
    assert again.returncode == 0 and "1 up to date" in again.stderr, again.stderr
    assert (index.stat().st_mtime_ns, index.read_bytes()) == before


def test_no_wait_refuses_at_once_naming_the_holder(tmp_path: Path) -> None:
    from scenes.pipeline.lock import output_folder

    out_dir = tmp_path / "busy"
    with output_folder(out_dir):
        result = run_cli(*RENDER, "--no-wait", "--out", str(out_dir))
        assert sorted(p.name for p in out_dir.iterdir()) == [".lock"]  # nothing written
    assert result.returncode == 2, result.stderr
    line = assert_one_error_line(result.stderr, f"PID {os.getpid()}", str(out_dir))
    assert "--no-wait" in line and len(result.stderr.strip().splitlines()) == 1
    assert not out_dir.exists()  # the holder made the folder and wrote nothing in it


def test_a_lock_left_by_a_killed_process_is_taken_over(tmp_path: Path) -> None:
    out_dir = tmp_path / "stale"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from scenes.pipeline.lock import output_folder\n"
            f"with output_folder({str(out_dir)!r}):\n"
            "    print('held', flush=True)\n"
            "    time.sleep(600)\n",
        ],
        cwd=PROJECT_DIR,
        env={**os.environ, "PYTHONPATH": str(PROJECT_DIR)},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    busy = run_cli("gallery", "--no-wait", "--out", str(out_dir))
    assert busy.returncode == 2 and f"PID {holder.pid}" in busy.stderr, busy.stderr
    holder.kill()  # kill -9: no chance to release anything itself
    holder.wait()
    taken = run_cli("gallery", "--no-wait", "--out", str(out_dir))
    assert taken.returncode == 0, taken.stderr
    assert (out_dir / "index.html").is_file()


def test_scratch_of_a_killed_render_is_removed_by_the_next_writer(tmp_path: Path) -> None:
    out_dir = tmp_path / "killed"
    warm(out_dir)
    render = start_cli(*RENDER, "--out", str(out_dir), new_group=True)
    wait_for(lambda: any((out_dir / ".tmp").glob("Inverse-*/media")), "the render's scratch")
    os.killpg(render.pid, signal.SIGKILL)
    render.wait()
    assert render.returncode == -signal.SIGKILL
    assert len(scratch_entries(out_dir)) == 1  # the debris today's code left forever
    assert not list(out_dir.glob("low/*.json"))
    after = run_cli("gallery", "--out", str(out_dir))
    assert after.returncode == 0, after.stderr
    assert scratch_entries(out_dir) == []


@pytest.mark.parametrize(
    ("make_out", "status", "fragments"),
    [
        (lambda d: (d / "file").write_text("x") and d / "file", 2, ("is a file",)),
        (lambda d: (d / "file").write_text("x") and d / "file" / "sub", 2, ("is a file",)),
        (lambda d: d / ("x" * 300), 1, ("File name too long",)),
    ],
    ids=["out-is-a-file", "out-under-a-file", "name-too-long"],
)
def test_unusable_out_is_one_line_and_writes_nothing(
    tmp_path: Path, make_out: Callable[[Path], Path], status: int, fragments: tuple[str, ...]
) -> None:
    out = make_out(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    result = run_cli(*RENDER, "--out", str(out))
    assert result.returncode == status, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert_one_error_line(result.stderr, *fragments)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Callable[..., Path]]:
    """Mount tmpfs file systems of a given size (and options) under ``tmp_path``."""
    mounted: list[Path] = []

    def mount(size: str, options: str = "") -> Path:
        point = tmp_path / f"disk{len(mounted)}"
        point.mkdir()
        opts = f"size={size}" + (f",{options}" if options else "")
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(point)],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
        mounted.append(point)
        return point

    yield mount
    for point in reversed(mounted):
        subprocess.run(["umount", "-l", str(point)], check=False)


def fill(disk: Path, leave: int) -> None:
    """Fill ``disk`` until ``leave`` bytes are free."""
    free = shutil.disk_usage(disk).free
    with open(disk / "filler", "wb") as f:
        os.posix_fallocate(f.fileno(), 0, max(0, free - leave))


def test_a_nearly_full_disk_fails_in_one_line_not_a_crash(small_disk: Callable[..., Path]) -> None:
    disk = small_disk("300k")
    result = run_cli(*RENDER, "--out", str(disk / "out"))
    assert result.returncode == 1, (result.returncode, result.stderr)  # was 139, silent
    assert_one_error_line(result.stderr, "No space left on device", str(disk / "out"))
    assert scratch_entries(disk / "out") == []


def test_disk_full_during_a_re_render_keeps_the_earlier_files(
    small_disk: Callable[..., Path], raced: dict[str, object]
) -> None:
    source = raced["dir"]
    assert isinstance(source, Path)
    disk = small_disk("96m")  # room for the LaTeX cache the race's render was seeded with
    out_dir = disk / "out"
    warm(out_dir, source)  # only Inverse's formulas: the tmpfs is small
    good = run_cli(*RENDER, "--out", str(out_dir))
    assert good.returncode == 0, good.stderr
    before = installed(out_dir)
    index = (out_dir / "index.html").read_bytes()
    again = start_cli(*RENDER, "--force", "--out", str(out_dir))
    wait_for(
        lambda: any((out_dir / ".tmp").glob("Inverse-*/media/videos/*/partial_movie_files")),
        "the re-render's encoding",
    )
    fill(disk, leave=512 * 1024)  # the disk fills while it encodes
    _, stderr = again.communicate(timeout=300)
    assert again.returncode == 1, (again.returncode, stderr)  # not 139
    assert_one_error_line(stderr, "Inverse", str(out_dir), "No space left on device")
    assert installed(out_dir) == before
    assert (out_dir / "index.html").read_bytes() == index
    assert scratch_entries(out_dir) == []


def test_a_read_only_folder_is_one_line(small_disk: Callable[..., Path]) -> None:
    disk = small_disk("1m", "ro")
    for out in (disk, disk / "out"):
        result = run_cli(*RENDER, "--out", str(out))
        assert result.returncode == 1, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert_one_error_line(result.stderr, str(out), "Read-only file system")


def test_sigterm_keeps_finished_renders_and_leaves_nothing_of_the_rest(tmp_path: Path) -> None:
    out_dir = tmp_path / "term"
    warm(out_dir)
    warm_worker_1 = out_dir / ".cache" / "worker-1"
    for kind in CACHE_KINDS:
        _copy_new(out_dir / ".cache" / "worker-0" / kind, warm_worker_1 / kind)
    args = ["render", "Inverse", "--sweep", "run_time=0.5,10", "--quality", "low"]
    render = start_cli(*args, "--jobs", "2", "--out", str(out_dir), new_group=True)
    low = out_dir / "low"
    wait_for(lambda: any(low.glob("*.json")), "the short render to be installed")
    os.kill(render.pid, signal.SIGTERM)  # the driver only, as a service manager does
    _, stderr = render.communicate(timeout=120)
    assert render.returncode == 143, stderr
    assert "terminated" in stderr and "Traceback" not in stderr and "leaked" not in stderr
    sidecars = [json.loads(p.read_text()) for p in low.glob("*.json")]
    assert [m["params"]["run_time"] for m in sidecars] == [0.5]
    assert len(list(low.glob("*.mp4"))) == 1  # nothing of the long one
    assert scratch_entries(out_dir) == []

    def group_ended() -> bool:  # workers, and multiprocessing's resource tracker, gone
        alive = subprocess.run(["pgrep", "-g", str(render.pid)], capture_output=True)
        return alive.stdout.strip() == b""

    wait_for(group_ended, "the workers to end", timeout=10.0)
