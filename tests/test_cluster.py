"""Rendering on a Dask cluster (``render --cluster``) against a two-worker LocalCluster.

The cluster runs on the loopback address in worker processes of its own; the renders
are asked for through the real command line, as a user would.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import av
import numpy as np
import pytest
from PIL import Image

from conftest import PROJECT_DIR, run_cli

pytestmark = [pytest.mark.render, pytest.mark.xdist_group("cluster")]

SCENE = "LinearMap"
# Two matrices with different numbers, one second each: a short sweep whose sidecar
# data differ from point to point.
SWEEP = ["--sweep", "matrix=2,1,1,2;0,-1,1,0", "--set", "run_time=1"]
LOW = ["--quality", "low"]
OUTPUTS = (".mp4", ".png", ".json", ".srt", ".vtt")


@pytest.fixture(scope="module")
def cluster() -> Iterator[tuple[str, Any]]:
    """A LocalCluster (two one-thread worker processes, loopback only) and a client of it."""
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as local,
        Client(local, set_as_default=False) as client,
    ):
        client.wait_for_workers(2, timeout=120)
        yield local.scheduler_address, client


def _stems(folder: Path) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.json"))


def _check_complete(out: Path, count: int) -> list[str]:
    """Every render has all its files, each readable; no staging folder is left."""
    assert not (out / ".tmp").exists(), list((out / ".tmp").rglob("*"))
    folder = out / "low"
    stems = _stems(folder)
    assert len(stems) == count, stems
    for stem in stems:
        for suffix in OUTPUTS:
            assert (folder / f"{stem}{suffix}").is_file(), f"{stem}{suffix} missing"
        sidecar = json.loads((folder / f"{stem}.json").read_text(encoding="utf-8"))
        assert sidecar["stem"] == stem and sidecar["input_hash"]
        with Image.open(folder / f"{stem}.png") as poster:
            assert poster.size == (854, 480)
        with av.open(str(folder / f"{stem}.mp4")) as video:
            frames = sum(1 for _ in video.decode(video=0))
        # Nominal frame count for the recorded duration at 15 fps (a frame either way).
        assert abs(frames - sidecar["duration_s"] * 15) <= 1, (stem, frames)
    return stems


def _comparable(sidecar: dict[str, Any]) -> dict[str, Any]:
    """The sidecar without the wall-clock render time and the input hash.

    The hash covers every source file, which can change between the two renders when
    someone edits the checkout meanwhile (the worker checks its own code against the
    client's before rendering).
    """
    return {k: v for k, v in sidecar.items() if k not in {"render_seconds", "input_hash"}}


def test_sweep_on_cluster_matches_local_render(cluster: tuple[str, Any], tmp_path: Path) -> None:
    address, _ = cluster
    local, remote = tmp_path / "local", tmp_path / "cluster"
    done = run_cli("render", SCENE, *LOW, *SWEEP, "--out", str(local), "--jobs", "1", cache=local)
    assert done.returncode == 0, done.stderr
    done = run_cli("render", SCENE, *LOW, *SWEEP, "--out", str(remote), "--cluster", address)
    assert done.returncode == 0, done.stderr
    assert "2 rendered, 0 up to date, 0 failed" in done.stderr
    stems = _check_complete(remote, 2)
    assert stems == _check_complete(local, 2)
    for stem in stems:
        ours, theirs = (
            json.loads((out / "low" / f"{stem}.json").read_text(encoding="utf-8"))
            for out in (local, remote)
        )
        assert theirs["data"] == ours["data"]
        assert theirs["params"] == ours["params"]
        assert _comparable(theirs) == _comparable(ours)
        for suffix in (".srt", ".vtt"):
            assert (remote / "low" / f"{stem}{suffix}").read_text() == (
                local / "low" / f"{stem}{suffix}"
            ).read_text()
        # Same code, same libraries, same machine: the posters are identical, pixel for
        # pixel (tolerance 0 of 255 in every channel).
        posters = [np.asarray(Image.open(out / "low" / f"{stem}.png")) for out in (local, remote)]
        np.testing.assert_array_equal(posters[1], posters[0], err_msg=stem)
    # The sidecars differ between the two points, so each file went to its own name.
    data = [json.loads((remote / "low" / f"{s}.json").read_text())["data"] for s in stems]
    assert data[0] != data[1]
    # Asked again, everything is up to date: nothing is sent to the cluster.
    again = run_cli("render", SCENE, *LOW, *SWEEP, "--out", str(remote), "--cluster", address)
    assert again.returncode == 0, again.stderr
    assert "0 rendered, 2 up to date" in again.stderr


def test_shared_out_folder(cluster: tuple[str, Any], tmp_path: Path) -> None:
    address, _ = cluster
    out, shared = tmp_path / "out", tmp_path / "shared"
    done = run_cli(
        "render", SCENE, *LOW, "--set", "run_time=1", "--out", str(out),
        "--cluster", address, "--shared-out", str(shared),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    _check_complete(out, 1)
    # The workers' staging folders under the shared folder are gone once installed.
    assert not shared.exists() or not any(shared.rglob("*")), list(shared.rglob("*"))


def _executing(dask_worker: Any) -> list[str]:
    """Run on each worker: the keys of the tasks it is running right now."""
    return [str(ts.key) for ts in dask_worker.state.executing]


def test_worker_killed_mid_render_is_survived(cluster: tuple[str, Any], tmp_path: Path) -> None:
    address, client = cluster
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(PROJECT_DIR)}
    # Two renders of about ten seconds each, one per worker.
    render = subprocess.Popen(
        [
            sys.executable, "-m", "scenes", "render", SCENE, *LOW,
            "--sweep", "matrix=2,1,1,2;1,1,0,1", "--set", "run_time=6",
            "--out", str(out), "--cluster", address,
        ],
        cwd=PROJECT_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        victim, key = _worker_running_a_render(client, render)
        pid = client.run(os.getpid, workers=[victim])[victim]
        os.kill(pid, signal.SIGKILL)
        _, stderr = render.communicate(timeout=600)
    finally:
        if render.poll() is None:
            render.kill()
            render.communicate()
    assert render.returncode == 0, stderr
    assert "2 rendered, 0 up to date, 0 failed" in stderr
    stems = _check_complete(out, 2)
    assert any(key.startswith(f"mlmath-render-{stem}-") for stem in stems), key
    with pytest.raises(ProcessLookupError):  # the worker really died mid-render
        os.kill(pid, 0)
    # The nanny restarts the killed worker; later tests get two workers again.
    client.wait_for_workers(2, timeout=120)


def _worker_running_a_render(client: Any, render: subprocess.Popen[str]) -> tuple[str, str]:
    """Wait until a worker has been running one render for two seconds (past Manim's
    import, inside the animation); return its address and the task's key."""
    seen: dict[tuple[str, str], float] = {}
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        assert render.poll() is None, render.communicate()[1]
        now = time.monotonic()
        running = {
            (worker, key)
            for worker, keys in client.run(_executing).items()
            for key in keys
            if key.startswith("mlmath-render-")
        }
        for pair in running:
            seen.setdefault(pair, now)
            if now - seen[pair] >= 2.0:
                return pair
        time.sleep(0.2)
    raise AssertionError("no worker started a render within 300 s")


def _closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_unreachable_scheduler_is_one_line_exit_2(tmp_path: Path) -> None:
    address = f"tcp://127.0.0.1:{_closed_port()}"
    started = time.monotonic()
    done = run_cli("render", SCENE, *LOW, "--out", str(tmp_path / "o"), "--cluster", address)
    elapsed = time.monotonic() - started
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("error: ")
    assert f"--cluster {address}" in done.stderr
    assert elapsed < 15, f"took {elapsed:.1f} s to give up"
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--shared-out", "shared"], "--shared-out shared needs --cluster tcp://HOST:PORT"),
        (["--cluster", "127.0.0.1:8786"], "--cluster got '127.0.0.1:8786'"),
        (["--cluster", "tcp://127.0.0.1"], "allowed: a Dask scheduler address tcp://HOST:PORT"),
        (["--cluster", "tcp://127.0.0.1:99999"], "--cluster got 'tcp://127.0.0.1:99999'"),
    ],
)
def test_bad_cluster_options_exit_2(args: list[str], fragment: str, tmp_path: Path) -> None:
    done = run_cli("render", SCENE, *LOW, "--out", str(tmp_path / "o"), *args, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and fragment in done.stderr, done.stderr
    assert not any(tmp_path.iterdir())
