"""`eventwire ingest --workers N` on a local Dask cluster: the same store as coding in one process, and a worker
killed mid-run loses nothing and doubles nothing."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import psutil
import pytest

from tests.conftest import DATA
from tests.test_concurrency import _copy, snapshot

pytestmark = pytest.mark.model
EW = [sys.executable, "-m", "eventwire.cli"]
ARTICLES = sorted((DATA / "gold" / "articles").glob("*.json"))[::3]  # ~60 articles, four languages


def _workers(pid: int) -> list[psutil.Process]:
    """The Dask worker processes under an ingest process (spawned by the nannies)."""
    kids = psutil.Process(pid).children(recursive=True)
    return [p for p in kids if "spawn_main" in " ".join(p.cmdline())]


def test_two_workers_store_what_one_process_stores_and_a_killed_worker_loses_nothing(tmp_path):
    src = tmp_path / "in"
    _copy(ARTICLES, src)
    here = tmp_path / "here.sqlite"
    p = subprocess.run([*EW, "ingest", str(src), "--db", f"sqlite:///{here}", "--quiet"], capture_output=True,
                       text=True, timeout=900)
    assert p.returncode == 0, p.stderr
    # the same articles on two Dask workers, one of which is killed (kill -9) once storing has begun
    dask_db = tmp_path / "dask.sqlite"
    proc = subprocess.Popen([*EW, "ingest", str(src), "--db", f"sqlite:///{dask_db}", "--quiet", "--workers", "2",
                             "--store-batch", "8"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    killed = None
    deadline = time.time() + 600
    while time.time() < deadline and proc.poll() is None and killed is None:
        time.sleep(0.2)
        try:
            with sqlite3.connect(dask_db) as c:
                stored = c.execute("SELECT count(*) FROM articles").fetchone()[0]
        except sqlite3.Error:
            stored = 0
        workers = _workers(proc.pid)
        if stored >= 1 and workers:
            killed = workers[0].pid
            os.kill(killed, signal.SIGKILL)
    out, err = proc.communicate(timeout=900)
    assert killed is not None, "the kill must land while the run goes on"
    assert proc.returncode == 0, err
    assert "Traceback" not in out + err, err[-3000:]
    assert f"{len(ARTICLES)} new article(s)" in out and "Dask worker" in out
    assert snapshot(f"sqlite:///{dask_db}") == snapshot(f"sqlite:///{here}")


def test_workers_and_scheduler_are_usage_errors_together_and_a_scheduler_nobody_runs_is_one(tmp_path):
    src = tmp_path / "in"
    _copy(ARTICLES[:2], src)
    db = f"sqlite:///{tmp_path / 'x.sqlite'}"
    both = subprocess.run([*EW, "ingest", str(src), "--db", db, "--workers", "2", "--scheduler", "tcp://x:1"],
                          capture_output=True, text=True, timeout=120)
    assert both.returncode == 2 and both.stderr.startswith("error E100")
    nobody = subprocess.run([*EW, "ingest", str(src), "--db", db, "--scheduler", "tcp://127.0.0.1:9"],
                            capture_output=True, text=True, timeout=300)
    assert nobody.returncode == 2 and "Traceback" not in nobody.stderr and "error E100" in nobody.stderr


def test_a_running_cluster_started_as_the_readme_shows_codes_what_one_process_codes(tmp_path):
    """`dask scheduler` and `dask worker` started by hand (README "Scale"), then `ingest --scheduler ADDRESS`."""
    import socket

    src = tmp_path / "in"
    _copy(ARTICLES[:12], src)
    here = tmp_path / "here.sqlite"
    p = subprocess.run([*EW, "ingest", str(src), "--db", f"sqlite:///{here}", "--quiet"], capture_output=True,
                       text=True, timeout=900)
    assert p.returncode == 0, p.stderr
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    dask = [os.path.join(os.path.dirname(sys.executable), "dask")]
    sched = subprocess.Popen([*dask, "scheduler", "--host", "127.0.0.1", "--port", str(port),
                              "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    worker = None
    try:
        worker = subprocess.Popen([*dask, "worker", address, "--nworkers", "1", "--nthreads", "1",
                                   "--memory-limit", "2GiB", "--no-dashboard"], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        db = tmp_path / "cluster.sqlite"
        run = subprocess.run([*EW, "ingest", str(src), "--db", f"sqlite:///{db}", "--quiet", "--scheduler",
                              address], capture_output=True, text=True, timeout=900)
        assert run.returncode == 0, run.stderr[-3000:]
        assert "Traceback" not in run.stdout + run.stderr
        assert snapshot(f"sqlite:///{db}") == snapshot(f"sqlite:///{here}")
    finally:
        for proc in (worker, sched):
            if proc is not None:
                proc.terminate()
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()
