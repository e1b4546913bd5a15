"""A pool of LanguageTool servers: requests balanced over local servers (``--lt-servers 2``) or URLs, the same
findings as one server, and a server that dies mid-run leaves the pool while its work goes to the others."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.engines.languagetool.test_faults import corpus, fake, findings, home, mtcheck  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.languagetool, pytest.mark.slow]


def requests_per_server(stderr: str) -> dict[str, int]:
    line = next(l for l in stderr.splitlines() if l.startswith("languagetool:"))
    out = {}
    for part in line.split(", "):
        if "requests to " in part:
            n, url = part.split(" requests to ")
            out[url.strip()] = int(n.split()[-1])
    return out


def test_two_local_servers_share_the_work_and_find_the_same(home, tmp_path):
    docs = corpus(tmp_path / "docs", files=6, paragraphs=30)
    common = [docs, "--lang", "en", "--format", "json", "--no-cache", "--no-report", "--fail-on", "never"]
    one = mtcheck(*common, env=home)
    two = mtcheck(*common, "--lt-servers", "2", "-v", env=home)
    assert one.returncode == 0 and two.returncode == 0, two.stderr
    assert findings(two) == findings(one)
    counts = requests_per_server(two.stderr)
    assert len(counts) == 2 and all(n > 0 for n in counts.values()), two.stderr
    status = mtcheck("lt", "status", env=home)
    assert "pool server 1: running" in status.stdout


def test_a_server_killed_mid_run_leaves_the_pool_and_nothing_is_lost(home, tmp_path):
    docs = corpus(tmp_path / "docs", files=12, paragraphs=60)
    assert mtcheck("lt", "start", "-n", "2", env=home).returncode == 0
    state = Path(home["MTCHECK_LT_HOME"]) / "run" / "pool-1" / "server.json"
    pid = json.loads(state.read_text())["pid"]
    common = [docs, "--lang", "en", "--format", "json", "--no-cache", "--no-report", "--fail-on", "never"]
    proc = subprocess.Popen([sys.executable, "-m", "mtcheck", *map(str, common), "--lt-servers", "2"], env=home,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(3)
    assert proc.poll() is None, "the run ended before the fault: the test would prove nothing"
    os.kill(pid, signal.SIGKILL)
    out, err = proc.communicate(timeout=300)
    r = subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
    assert r.returncode == 0, err
    assert "leaves the pool" in err
    clean = mtcheck(*common, env=home)
    assert findings(r) == findings(clean)


def test_a_pool_by_url_skips_a_server_that_does_not_answer(home, tmp_path, fake):
    docs = corpus(tmp_path / "docs", files=2, paragraphs=10)
    assert mtcheck("lt", "start", env=home).returncode == 0
    url = "http://127.0.0.1:" + str(json.loads((Path(home["MTCHECK_LT_HOME"]) / "run" / "server.json")
                                               .read_text())["port"])
    broken = fake("500")  # answers the version probe, fails every check
    common = [docs, "--lang", "en", "--format", "json", "--no-cache", "--no-report", "--fail-on", "never"]
    r = mtcheck(*common, "--lt-server", f"{broken},{url}", env=home)
    assert r.returncode == 0, r.stderr
    assert f"LanguageTool at {broken} failed" in r.stderr and "leaves the pool" in r.stderr
    assert findings(r) == findings(mtcheck(*common, "--lt-server", url, env=home))
    # every server of the pool gone: incomplete, exit 2
    dead = mtcheck(*common, "--lt-server", f"{broken},{fake('500')}", env=dict(home, MTCHECK_LT_TIMEOUT="3"))
    assert dead.returncode == 2 and "incomplete" in dead.stderr
