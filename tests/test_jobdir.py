"""JOBDIR (newsscraper/extensions/jobdir.py): a finished job's requests are forgotten, a stopped one's
kept for the next run to resume, and those of a crawl that died without closing are reset."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from newsscraper.extensions.jobdir import RUNNING_MARK, JobDirGuard

if TYPE_CHECKING:
    from pathlib import Path


def job(tmp_path: Path) -> Path:
    """A JOBDIR with Scrapy's request state and a file of someone else's."""
    jobdir = tmp_path / "job"
    (jobdir / "requests.queue").mkdir(parents=True)
    (jobdir / "requests.seen").write_text("fingerprint\n")
    (jobdir / "notes.txt").write_text("not Scrapy's")
    return jobdir


def names(jobdir: Path) -> list[str]:
    return sorted(p.name for p in jobdir.iterdir())


@pytest.mark.parametrize(("reason", "kept"), [("finished", False), ("shutdown", True)])
def test_a_finished_job_forgets_its_requests_a_stopped_one_keeps_them(tmp_path: Path, reason: str,
                                                                      kept: bool) -> None:
    jobdir = job(tmp_path)
    guard = JobDirGuard.from_crawler(get_crawler(settings_dict={"JOBDIR": str(jobdir)}))
    guard.spider_opened()
    assert RUNNING_MARK in names(jobdir)
    guard.spider_closed(reason)
    assert names(jobdir) == (["notes.txt", "requests.queue", "requests.seen"] if kept else ["notes.txt"])


def test_a_job_whose_crawl_never_closed_starts_afresh(tmp_path: Path) -> None:
    jobdir = job(tmp_path)
    (jobdir / RUNNING_MARK).write_text("pid 1\n")  # what a killed crawl leaves
    JobDirGuard.from_crawler(get_crawler(settings_dict={"JOBDIR": str(jobdir)}))
    assert names(jobdir) == ["notes.txt"]


def test_a_job_stopped_cleanly_is_resumed_and_one_that_never_opened_changes_nothing(tmp_path: Path) -> None:
    jobdir = job(tmp_path)
    stopped = JobDirGuard.from_crawler(get_crawler(settings_dict={"JOBDIR": str(jobdir)}))
    stopped.spider_opened()
    stopped.spider_closed("shutdown")
    JobDirGuard.from_crawler(get_crawler(settings_dict={"JOBDIR": str(jobdir)}))  # its start failed later
    JobDirGuard.from_crawler(get_crawler(settings_dict={"JOBDIR": str(jobdir)}))
    assert names(jobdir) == ["notes.txt", "requests.queue", "requests.seen"]


def test_no_jobdir_no_guard() -> None:
    with pytest.raises(NotConfigured):
        JobDirGuard.from_crawler(get_crawler())
