"""One crawl command in a subprocess, measured from outside: times, memory, CPU.

Used by crawl_speed.py and crawl_scale.py, so every row is measured alike:

- ``crawl_s``: Scrapy's own ``elapsed_time_seconds`` (engine start to spider closed), read from
  the stats dump in the log; ``wall_s``: the whole command, interpreter start and imports included.
- ``rss_mb``: the peak, sampled every 0.1 s, of the summed resident memory of the crawler process
  and all its descendants (cleaning workers included). A sum of RSS counts pages that forked
  workers share with their parent twice, so it is an upper bound: the target is met with room.
- ``cpu_s``: CPU seconds of the whole command, the crawler and all its descendants: the larger of
  ``getrusage`` of this process's children (exact, but only for the processes that were waited
  for: a forkserver's workers are not) and the sum of each process's own CPU when last sampled
  (every process, but short by what ran after the last sample); ``crawl_cpu_s``: those of the
  crawler and its workers over the crawl only (the window below).
- ``main_cpu_pct``: the crawler process alone, in % of one core (100 = the reactor thread never
  waits), and ``tree_cpu_pct``: the crawler and its workers in % of all cores, both over the crawl
  (from the first sample after the log says "Spider opened" to the last sample), not the imports.
- ``cores_pct``: how busy each core of the machine was over the command (all processes, ours or
  not: on a shared machine, what the others ran is in there too).

psutil (the ``bench`` extra) reads the process tree: it walks children and survives processes
that exit between two samples, which reading /proc by hand gets subtly wrong.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

try:
    import psutil
except ImportError as exc:  # pragma: no cover - the Makefile installs it
    raise SystemExit("the crawl benchmarks need psutil: .venv/bin/pip install -e '.[bench]'") from exc

if TYPE_CHECKING:
    from pathlib import Path

ELAPSED_RE = re.compile(r"'elapsed_time_seconds': ([0-9.]+)")
SAMPLE_EVERY = 0.1


@dataclass
class Measured:
    """What one crawl command cost."""

    returncode: int
    wall_s: float
    crawl_s: float | None
    rss_mb: float
    cpu_s: float
    crawl_cpu_s: float | None
    main_cpu_pct: float | None
    tree_cpu_pct: float | None
    cores_pct: list[float] = field(default_factory=list)
    log: str = ""


class _Sampler(threading.Thread):
    """Every SAMPLE_EVERY s: the summed RSS of a process tree (its peak kept), the CPU seconds of
    the root and of every process of the tree seen so far, and whether the log says the crawl has
    begun ("Spider opened"), which starts the window the CPU percentages are taken over."""

    def __init__(self, pid: int, log_path: Path) -> None:
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.log_path = log_path
        self.log_offset = 0
        self.carry = b""
        self.peak = 0
        self.cpu_by_pid: dict[int, float] = {}
        #: (time, root CPU s, tree CPU s) at the first sample after "Spider opened", and the last sample
        self.opened: tuple[float, float, float] | None = None
        self.last: tuple[float, float, float] | None = None
        self.done = threading.Event()

    def crawl_started(self) -> bool:
        """Whether the log written since the last look says "Spider opened"."""
        with self.log_path.open("rb") as log:
            log.seek(self.log_offset)
            chunk = log.read()
        self.log_offset += len(chunk)
        text, self.carry = self.carry + chunk, chunk[-32:]
        return b"Spider opened" in text

    def run(self) -> None:
        while not self.done.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                break
            rss, root = 0, None
            for proc in procs:
                try:
                    rss += proc.memory_info().rss
                    t = proc.cpu_times()
                except psutil.Error:
                    continue
                # each process's own CPU, kept after it exits: a forkserver's workers are never
                # reaped by the crawler, so its children_* times (and getrusage) miss them
                self.cpu_by_pid[proc.pid] = t.user + t.system
                if proc is self.root:
                    root = t.user + t.system
            if root is None:
                break
            self.peak = max(self.peak, rss)
            self.last = (time.perf_counter(), root, sum(self.cpu_by_pid.values()))
            if self.opened is None and self.crawl_started():
                self.opened = self.last
            self.done.wait(SAMPLE_EVERY)

    def window(self) -> tuple[float | None, float | None, float | None]:
        """While the crawl ran: CPU % of one core for the root, of all cores for the tree, and the
        tree's CPU seconds."""
        if self.opened is None or self.last is None or self.last[0] - self.opened[0] < 0.3:
            return None, None, None
        span = self.last[0] - self.opened[0]
        tree = self.last[2] - self.opened[2]
        return 100 * (self.last[1] - self.opened[1]) / span, 100 * tree / (span * (os.cpu_count() or 1)), tree


def _busy(before: list[object], after: list[object]) -> list[float]:
    """Per-core busy % between two ``psutil.cpu_times(percpu=True)`` readings."""
    result = []
    for b, a in zip(before, after, strict=True):
        total = sum(a) - sum(b)  # type: ignore[call-overload]
        idle = (a.idle - b.idle) + (getattr(a, "iowait", 0) - getattr(b, "iowait", 0))  # type: ignore[attr-defined]
        result.append(100 * (1 - idle / total) if total > 0 else 0.0)
    return result


def measure(argv: list[str], cwd: Path, log_path: Path, env: dict[str, str] | None = None) -> Measured:
    """Run ``argv`` to its end (stdout and stderr into ``log_path``) and say what it cost."""
    cores_before = psutil.cpu_times(percpu=True)
    usage_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with log_path.open("wb") as log:
        process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        sampler = _Sampler(process.pid, log_path)
        sampler.start()
        returncode = process.wait()
    wall = time.perf_counter() - start
    sampler.done.set()
    sampler.join()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cores = _busy(cores_before, psutil.cpu_times(percpu=True))
    reaped = (usage.ru_utime - usage_before.ru_utime) + (usage.ru_stime - usage_before.ru_stime)
    cpu = max(reaped, sum(sampler.cpu_by_pid.values()))
    text = log_path.read_text(errors="replace")
    elapsed = ELAPSED_RE.findall(text)
    main_pct, tree_pct, crawl_cpu = sampler.window()
    return Measured(
        returncode=returncode, wall_s=wall, crawl_s=float(elapsed[-1]) if elapsed else None,
        rss_mb=sampler.peak / 2**20, cpu_s=cpu, crawl_cpu_s=crawl_cpu, main_cpu_pct=main_pct, tree_cpu_pct=tree_pct,
        cores_pct=cores, log=text,
    )


def wait_for_quiet(max_seconds: float, threshold: float = 15.0, log: Any = None) -> float:
    """Wait up to ``max_seconds`` until the machine's CPU is below ``threshold`` % busy over 2 s
    (nothing of ours runs then, so it is other work); return the last reading. A crawl that needs
    both cores measured while another process holds one says little about the target."""
    deadline = time.monotonic() + max_seconds
    busy = psutil.cpu_percent(interval=2)
    while busy > threshold and time.monotonic() < deadline:
        if log is not None:
            print(f"waiting for a quiet machine: {busy:.0f}% busy", file=log, flush=True)
        time.sleep(8)
        busy = psutil.cpu_percent(interval=2)
    return busy


def clean_env() -> dict[str, str]:
    """This environment without the variables that would point a crawl at another project, store or
    sites file (every row gets only what its command line says)."""
    return {k: v for k, v in os.environ.items()
            if not k.startswith(("NEWSSCRAPER_", "SCRAPY_")) and k != "PYTHONSTARTUP"}
