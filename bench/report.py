"""What every benchmark in bench/ shares: the module interface, markdown tables, the machine.

A benchmark is a module ``bench/<name>.py`` that bench/run_all.py imports (``make bench``,
``make bench-quick``); it offers three names and may keep its own ``main()`` for running alone::

    TITLE = "Store speed (issue 9, benchmark 2)"    # its section heading in BENCHMARKS.md

    def run(quick: bool) -> list[dict]:
        '''Measure and return one dict per table row. quick=True: small sizes, about 10 s at most
        (all of `make bench-quick` stays under a minute).'''

    def markdown(rows: list[dict]) -> str:
        '''The section's body: what is measured and how, the command that runs it alone, the
        target, the table (report.table) and the verdict (report.verdict).'''

A row that checks a target also carries three keys, which run_all puts in the summary at the top
of BENCHMARKS.md and uses for its exit code (any False fails ``make bench``)::

    {"pass": True, "target": ">= 5,000 unchanged articles/s", "result": "7,310 /s", ...}

Targets are ratios against a peer measured in the same run wherever there is a peer (see
BENCHMARKS.md); never a wall-clock limit in a test. The machine, date, command and versions are
written once by run_all, not by each benchmark.
"""

from __future__ import annotations

import os
import platform
import subprocess
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

#: the packages whose versions BENCHMARKS.md records (a missing one is shown as "-")
PACKAGES = ("scrapy", "twisted", "trafilatura", "lxml", "psutil", "py-spy")


def table(rows: Iterable[dict[str, Any]], columns: Sequence[tuple[str, str] | tuple[str, str, str]]) -> str:
    """A markdown table: one line a row; ``columns`` are ``(key, header)`` or ``(key, header, format)``
    with a ``format`` spec such as ``",.0f"``. A missing or None value prints as ``-``."""
    lines = ["| " + " | ".join(c[1] for c in columns) + " |", "|" + "---|" * len(columns)]
    for row in rows:
        cells = []
        for column in columns:
            value = row.get(column[0])
            if value is None:
                cells.append("-")
            elif len(column) == 3:
                cells.append(format(value, column[2]))
            else:
                cells.append(str(value))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def verdict(ok: bool | None) -> str:
    """``PASS``, ``FAIL``, or ``-`` for a row without a target."""
    return "-" if ok is None else ("PASS" if ok else "FAIL")


def checks(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows that check a target."""
    return [row for row in rows if "pass" in row]


def cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo (else what platform says)."""
    with_name = Path("/proc/cpuinfo")
    if with_name.exists():
        for line in with_name.read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def ram_gib() -> float:
    """Total RAM in GiB (Linux), 0 when unknown."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError, AttributeError):
        return 0.0


def machine() -> str:
    """One line: CPU model, cores, RAM, OS, Python."""
    return (f"{cpu_model()}, {os.cpu_count()} cores, {ram_gib():.1f} GiB RAM, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}")


def versions(packages: Sequence[str] = PACKAGES) -> str:
    """``scrapy 2.19.0, twisted 26.10.0, …`` for the packages that are installed."""
    found = []
    for name in packages:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} -")
    return ", ".join(found)


def revision() -> str:
    """The commit measured, ``+ uncommitted changes`` when the work tree differs from it."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False).stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--untracked-files=no")
    return f"{commit}{' + uncommitted changes' if dirty else ''} (branch {git('rev-parse', '--abbrev-ref', 'HEAD')})"


def now() -> str:
    """The date and time of the run, UTC, to the minute."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
