"""Entry point of ``python -m scenes``."""

import os
import sys

from scenes.pipeline.cli import main

try:
    status = main()
    sys.stdout.flush()
except BrokenPipeError:
    # The reader went away (`python -m scenes list | head -3`): stop quietly, as other
    # command-line tools do, instead of printing a traceback. Python's docs recommend
    # pointing stdout at devnull so the flush at exit does not raise again.
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    status = 141  # 128 + SIGPIPE, what a shell reports for a killed writer
sys.exit(status)
