"""Every benchmark, one command; BENCHMARKS.md is this script's output.

    python bench/run_all.py                      # `make bench`: full sizes, rewrites BENCHMARKS.md
    python bench/run_all.py --quick              # `make bench-quick`: small sizes, printed only
    python bench/run_all.py --only crawl_speed   # some of them, full sizes, printed only

Each benchmark is a module of bench/ with ``TITLE``, ``run(quick)`` and ``markdown(rows)`` (the
interface is described in bench/report.py). A module that does not exist yet, or lacks that
interface, gets a "not available yet" section; one that raises gets its error in its section and
fails the run. The full run writes the whole of BENCHMARKS.md: the command, the date, the machine,
the commit and the package versions, a summary of every target with PASS/FAIL, then a section per
benchmark; it exits 1 when a target is missed or a benchmark failed.

The quick run never writes BENCHMARKS.md: at its sizes (a few hundred articles) interpreter start
and warm-up are a large part of each number, so its ratios are not what the targets are about. It
is a smoke test that every benchmark still runs end to end, and it exits 1 only when one fails to.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import report

BENCHMARKS = ("crawl_speed", "store_speed", "crawl_scale", "worst_pages", "clean_speed", "scaleout_speed")
#: headings for the benchmarks that are not there yet
PLANNED = {"store_speed": "Store speed (issue 9, benchmark 2)", "worst_pages": "Worst pages (issue 9, benchmark 4)"}
OUTPUT = report.ROOT / "BENCHMARKS.md"

PREAMBLE = """Targets are ratios against a peer measured in the same run, never absolute times (machines
differ; a ratio on one machine holds on another far better than a number of seconds). Where there
is no peer (memory, growth with size), the target is a bound or a ratio between sizes of the same
run. No test asserts a time: the benchmarks are run by hand, `make bench`, and their results
are this file.

`make bench-quick` runs every benchmark at small sizes in under a minute and only prints: a smoke
test that they all still run, not a result."""


@dataclass
class Section:
    """One benchmark's outcome: its heading, its markdown body, its rows, and how long it took."""

    name: str
    title: str
    body: str
    rows: list[dict[str, Any]]
    seconds: float
    failed: bool = False

    @property
    def ok(self) -> bool:
        return not self.failed and all(row["pass"] for row in report.checks(self.rows))


def run_one(name: str, quick: bool) -> Section:
    """Import and run one benchmark; never raises."""
    start = time.perf_counter()
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        return Section(name, PLANNED.get(name, name), f"Not available yet (bench/{name}.py does not exist).", [], 0)
    title = getattr(module, "TITLE", PLANNED.get(name, name))
    printer = getattr(module, "markdown", None) or getattr(module, "table", None)
    if not (callable(getattr(module, "run", None)) and callable(printer)):
        return Section(name, title, f"Not available yet (bench/{name}.py has no run(quick) and markdown(rows)).", [], 0)
    print(f"== {title}", file=sys.stderr, flush=True)
    try:
        raw = module.run(quick)
        body = printer(raw)
        rows = [_as_check(row) for row in raw]
        if not hasattr(module, "markdown"):  # a bare table: say where the method is described
            body += f"\n\nRun alone: `python bench/{name}.py`; its docstring describes what it measures."
    except Exception:  # one broken benchmark must not lose the others' results
        error = traceback.format_exc()
        print(error, file=sys.stderr)
        return Section(name, title, f"**FAILED to run:**\n\n```\n{error[-3000:]}```", [], time.perf_counter() - start,
                       failed=True)
    return Section(name, title, body, rows, time.perf_counter() - start)


def _as_check(row: dict[str, Any]) -> dict[str, Any]:
    """For the summary and the exit code: a row in the other shape a benchmark may use (``"ok"`` and
    a bare number as ``"target"``, as store_speed.py does), copied with report.py's ``"pass"``,
    ``"target"`` and ``"result"``; its own printer gets its rows untouched."""
    if "pass" in row or "ok" not in row or row.get("target") is None:
        return row
    target = row["target"]
    unit = next((k for k, v in row.items() if k.endswith("/s") and isinstance(v, (int, float))), None)
    return {**row, "pass": bool(row["ok"]),
            "target": (f"{row.get('case', '')}: >= {target:,} {unit or ''}".strip()
                       if isinstance(target, (int, float)) else str(target)),
            "result": row.get("result", f"{row[unit]:,} {unit}" if unit else "-")}


def summary(sections: list[Section]) -> str:
    """Every target of every benchmark, one line each."""
    lines = []
    for section in sections:
        if section.failed:
            lines.append({"benchmark": section.title, "target": "-", "result": "failed to run", "verdict": "**FAIL**"})
        elif not section.rows:
            lines.append({"benchmark": section.title, "target": "-", "result": "not available yet", "verdict": "-"})
        for row in report.checks(section.rows):
            lines.append({"benchmark": section.title, "target": row["target"], "result": row["result"],
                          "verdict": f"**{report.verdict(row['pass'])}**"})
    return report.table(lines, [("benchmark", "benchmark"), ("target", "target"), ("result", "result"),
                                ("verdict", "")])


def document(sections: list[Section], command: str, minutes: float) -> str:
    """The whole of BENCHMARKS.md."""
    parts = [
        "# Benchmarks",
        "",
        "<!-- GENERATED by bench/run_all.py (`make bench`): change the benchmarks in bench/, not this file. -->",
        "",
        f"Generated by `{command}` on {report.now()}, in {minutes:.1f} minutes.",
        "",
        f"- Machine: {report.machine()}",
        f"- Code: commit {report.revision()}",
        f"- Versions: {report.versions()}",
        "",
        PREAMBLE,
        "",
        "## Summary",
        "",
        summary(sections),
    ]
    for section in sections:
        took = f"\n\n_Took {section.seconds / 60:.1f} minutes._" if section.seconds else ""
        parts += ["", f"## {section.title}", "", section.body + took]
    return "\n".join(parts) + "\n"


def main() -> int:
    """Run the benchmarks; write BENCHMARKS.md after a full run of all of them."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes, under a minute; printed only")
    parser.add_argument("--only", help="comma-separated benchmark names; printed only")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where the full run writes (default BENCHMARKS.md)")
    args = parser.parse_args()
    names = args.only.split(",") if args.only else list(BENCHMARKS)
    start = time.perf_counter()
    sections = [run_one(name, args.quick) for name in names]
    minutes = (time.perf_counter() - start) / 60
    command = "make bench-quick" if args.quick else ("make bench" if not args.only else
                                                    f"python bench/run_all.py --only {args.only}")
    text = document(sections, command, minutes)
    if args.quick or args.only:
        print(text)
        print(f"(printed only: {'--quick' if args.quick else '--only'} does not write {args.output.name})")
    else:
        args.output.write_text(text, encoding="utf-8")
        print(text)
        print(f"wrote {args.output}")
    if any(s.failed for s in sections):
        return 1
    return 0 if args.quick or all(s.ok for s in sections) else 1


if __name__ == "__main__":
    sys.exit(main())
