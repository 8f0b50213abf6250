"""What every benchmark shares: a child process that runs ``regrade`` as a person does and reports its own peak
memory, time formatting, and RESULTS.md kept as sections (``## title``), each rewritten by the benchmark that
measures it, the others kept as they were."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The peak resident memory of a child, read by the child itself from VmHWM, which a new program image starts
# afresh (getrusage's ru_maxrss would carry over the parent's size across fork and exec).
PEAK = ("def peak_kb():\n    for line in open('/proc/self/status'):\n        if line.startswith('VmHWM:'):\n"
        "            return int(line.split()[1])\n")

# regrade's command line in a child that reports its own peak memory (kB) as the last line of stderr
CLI_CHILD = (PEAK + "import sys; sys.path.insert(0, %r); from simulator.cli import main; rc = main(sys.argv[1:]); "
             "print(peak_kb(), file=sys.stderr); sys.exit(rc)") % str(ROOT)


def fmt_seconds(t: float) -> str:
    return f"{t * 1e3:.3f} ms" if t < 1 else f"{t:.2f} s"


def write_section(path: Path, title: str, body: str) -> None:
    """Replace the section ``## title`` of ``path`` with ``body`` (or append it), keeping everything else."""
    text = path.read_text() if path.exists() else "# regrade benchmarks\n"
    block = f"## {title}\n\n{body.rstrip()}\n\n"
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text)
    else:
        text = text.rstrip() + "\n\n" + block
    path.write_text(text.rstrip() + "\n")
