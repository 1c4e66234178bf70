"""The overall progress of a run: a Rich progress bar on a terminal, plain lines otherwise.

Each finished render is one line, ``<stem>: <status> in <seconds>s`` (with the error of
a failed one). On a terminal Rich prints the lines of renders made or failed above a
bar that counts all renders (up-to-date ones only move the bar) and shows the time
elapsed and left; elsewhere (a log, CI, a test) each line is written
as it is, prefixed with ``[done/total] <elapsed>s``, with no control characters.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import TYPE_CHECKING, TextIO

from scenes.pipeline.jobs import RenderResult

if TYPE_CHECKING:
    import rich.progress


def describe(result: RenderResult) -> str:
    """One render's line: ``<stem>: <status> in <seconds>s`` and its error, if any."""
    what = f"{result.stem}: {result.status} in {result.seconds:.1f}s"
    if result.error:
        what += f" ({result.error})"
    return what


class Progress:
    """Use as a context manager; call :meth:`update` once per finished render."""

    def __init__(self, total: int, stream: TextIO = sys.stderr) -> None:
        self.total = total
        self.done = 0
        self.stream = stream
        self.started = time.monotonic()
        self.tty = stream.isatty()
        self._bar: rich.progress.Progress | None = None
        self._task: rich.progress.TaskID | None = None

    def __enter__(self) -> Progress:
        if self.tty:
            import rich.progress as bar
            from rich.console import Console

            self._bar = bar.Progress(
                bar.TextColumn("{task.description}"),
                bar.BarColumn(),
                bar.MofNCompleteColumn(),
                bar.TimeElapsedColumn(),
                bar.TimeRemainingColumn(),
                console=Console(file=self.stream),
                transient=False,
            )
            self._bar.start()
            self._task = self._bar.add_task("render", total=self.total)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()

    def update(self, result: RenderResult) -> None:
        self.done += 1
        what = describe(result)
        if self._bar is not None and self._task is not None:
            if result.status != "skipped":
                self._bar.console.print(what, markup=False, highlight=False, soft_wrap=True)
            self._bar.update(self._task, advance=1, description=result.stem)
            return
        elapsed = time.monotonic() - self.started
        self.stream.write(f"[{self.done}/{self.total}] {elapsed:.1f}s {what}\n")
        self.stream.flush()
