"""Fault injection against the LanguageTool pass: a run is complete, or it says it is not (exit 2 with the files
and paragraph counts), within a bounded time; mtcheck signals only processes it started. The real server is used
(in a home of this test's own); fake servers on 127.0.0.1 answer 500, malformed JSON, or never."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from mtcheck.engines.languagetool.provision import find_installation
from mtcheck.engines.languagetool.server import _alive, _start_ticks

pytestmark = [pytest.mark.languagetool, pytest.mark.slow]

SENTENCES = ["He go to school every day and they was happy about it.",
             "The council have approved the plan, which were welcomed by residents.",
             "Their is a new bridge over the river since last year.",
             "She don't like the the weather in the north of the country."]


def corpus(folder: Path, files: int = 6, paragraphs: int = 40) -> Path:
    """Every sentence unique (numbered), so that LanguageTool's own sentence cache never answers for it."""
    folder.mkdir(parents=True, exist_ok=True)
    for f in range(files):
        text = "\n\n".join(f"{SENTENCES[(f + p) % 4][:-1]} on day {f * 1000 + p}. Paragraph {p} of file {f} "
                             f"ends after {p * 7 + f} words." for p in range(paragraphs))
        (folder / f"doc{f}.txt").write_text(text + "\n", encoding="utf-8")
    return folder


def mtcheck(*args, env=None, cwd=None, timeout=600):
    exe = [sys.executable, "-m", "mtcheck"]
    return subprocess.run(exe + [str(a) for a in args], capture_output=True, text=True, env=env, cwd=cwd,
                          timeout=timeout)


@pytest.fixture
def home(tmp_path):
    """A LanguageTool home of this test's own (the installation is shared through LTP_JAR_DIR_PATH)."""
    inst = find_installation()
    if inst is None:
        pytest.skip("LanguageTool is not installed")
    env = dict(os.environ, MTCHECK_LT_HOME=str(tmp_path / "lt"), LTP_JAR_DIR_PATH=str(inst.root),
               MTCHECK_CACHE_DIR=str(tmp_path / "cache"), MTCHECK_LT_TIMEOUT="8")
    yield env
    subprocess.run([sys.executable, "-m", "mtcheck", "lt", "stop"], env=env, capture_output=True, timeout=60)


# -- fake servers ---------------------------------------------------------------------------------------------

class Fake(BaseHTTPRequestHandler):
    mode = "500"

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        text = parse_qs(body).get("text", [""])[0]
        if text == "ok":  # the version probe
            self._send(200, json.dumps({"software": {"version": "6.6"}, "matches": []}))
        elif self.mode == "500":
            self._send(500, "Internal Server Error")
        elif self.mode == "400":  # a request the server refuses (an unknown language, a bad setting)
            self._send(400, "Error: 'xx' is not a language code known to LanguageTool.")
        elif self.mode == "malformed":
            self._send(200, '{"matches": [{"offset": ')
        elif self.mode == "hang":
            time.sleep(60)

    def _send(self, code, body):
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body.encode())


@pytest.fixture
def fake():
    servers = []

    def start(mode):
        handler = type("Handler", (Fake,), {"mode": mode})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for s in servers:
        s.shutdown()


@pytest.mark.parametrize("mode", ["500", "malformed", "hang", "400"])
def test_a_failing_server_makes_the_run_incomplete_within_bounded_time(mode, fake, tmp_path):
    url = fake(mode)
    docs = corpus(tmp_path / "docs", files=2, paragraphs=5)
    env = dict(os.environ, MTCHECK_LT_TIMEOUT="3", MTCHECK_CACHE_DIR=str(tmp_path / "cache"))
    started = time.monotonic()
    r = mtcheck(docs, "--lang", "en", "--lt-server", url, "--no-cache", "--no-report", env=env)
    elapsed = time.monotonic() - started
    assert r.returncode == 2, r.stderr
    assert "incomplete" in r.stderr and "doc0.txt" in r.stderr and "paragraph" in r.stderr
    assert "Traceback" not in r.stderr
    assert elapsed < 60, elapsed
    if mode == "400":  # refused, not broken: said as such, and not sent again and again
        assert "refused the request" in r.stderr and "restarting" not in r.stderr
        assert elapsed < 15, elapsed


def test_optional_languagetool_records_the_gap_in_every_output(fake, tmp_path):
    url = fake("500")
    docs = corpus(tmp_path / "docs", files=1, paragraphs=3)
    env = dict(os.environ, MTCHECK_LT_TIMEOUT="3", MTCHECK_CACHE_DIR=str(tmp_path / "cache"))
    common = [docs, "--lang", "en", "--lt-server", url, "--no-cache", "--lt-optional", "--fail-on", "never"]
    r = mtcheck(*common, "--format", "json", "--report", tmp_path / "report", env=env)
    assert r.returncode == 0, r.stderr
    entries = json.loads(r.stdout)
    gaps = [e for e in entries if e["rule"] == "mtcheck.incomplete"]
    assert gaps and gaps[0]["path"].endswith("doc0.txt") and gaps[0]["severity"] == "neutral"
    assert "INCOMPLETE" in r.stderr
    assert "Incomplete run" in (tmp_path / "report" / "index.html").read_text()
    sarif = json.loads(mtcheck(*common, "--format", "sarif", "--no-report", env=env).stdout)
    invocation = sarif["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False and invocation["toolExecutionNotifications"]
    junit = mtcheck(*common, "--format", "junit", "--no-report", env=env).stdout
    assert 'errors="1"' in junit and "<error" in junit


# -- the real server ------------------------------------------------------------------------------------------

def findings(r) -> list:
    return sorted((f["path"], f["start"], f["rule"]) for f in json.loads(r.stdout) if f["rule"] != "mtcheck.incomplete")


def _kill_mid_run(home, tmp_path, sig):
    """Start the server, start a run, signal the server while the run is sending; then a clean run to compare."""
    docs = corpus(tmp_path / "docs", files=12, paragraphs=60)
    assert mtcheck("lt", "start", env=home).returncode == 0
    state_file = Path(home["MTCHECK_LT_HOME"]) / "run" / "server.json"
    pid = json.loads(state_file.read_text())["pid"]
    proc = subprocess.Popen([sys.executable, "-m", "mtcheck", docs, "--lang", "en", "--format", "json", "--no-cache",
                             "--no-report", "--fail-on", "never"], env=home, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    time.sleep(3)
    assert proc.poll() is None, "the run ended before the fault: the test would prove nothing"
    os.kill(pid, sig)
    started = time.monotonic()
    out, err = proc.communicate(timeout=300)
    elapsed = time.monotonic() - started
    survived = _alive(pid) and open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0] != "Z"
    if sig == signal.SIGSTOP and survived:
        os.kill(pid, signal.SIGKILL)  # clean up after a failed test, so no stopped JVM is left behind
    r = subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
    clean = mtcheck(docs, "--lang", "en", "--format", "json", "--no-cache", "--no-report", "--fail-on", "never",
                    env=home)
    assert clean.returncode == 0, clean.stderr
    return clean, r, elapsed, survived


def test_server_killed_mid_run_is_restarted_and_nothing_is_lost(home, tmp_path):
    clean, r, elapsed, _ = _kill_mid_run(home, tmp_path, signal.SIGKILL)
    if r.returncode == 2:  # allowed: a clear failure
        assert "incomplete" in r.stderr
    else:
        assert r.returncode == 0, r.stderr
        assert findings(r) == findings(clean)
        assert "restarting" in r.stderr


def test_hung_server_is_found_and_replaced_within_bounded_time(home, tmp_path):
    clean, r, elapsed, survived = _kill_mid_run(home, tmp_path, signal.SIGSTOP)
    assert elapsed < 120, elapsed
    if r.returncode == 2:
        assert "incomplete" in r.stderr
    else:
        assert r.returncode == 0, r.stderr
        assert findings(r) == findings(clean)
        assert not survived  # the run retired the hung server itself (it was mtcheck's own)


def test_stale_pids_of_other_processes_are_never_signalled(home, tmp_path):
    victim = subprocess.Popen(["sleep", "300"])
    watchdog_victim = subprocess.Popen(["sleep", "301"])
    try:
        run = Path(home["MTCHECK_LT_HOME"]) / "run"
        run.mkdir(parents=True, exist_ok=True)
        with socket.socket() as taken:  # a port something else listens on
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            state = {"pid": victim.pid, "port": taken.getsockname()[1], "version": "6.6",
                     "watchdog": watchdog_victim.pid, "started": _start_ticks(victim.pid),
                     "watchdog_started": _start_ticks(watchdog_victim.pid)}
            (run / "server.json").write_text(json.dumps(state))
            docs = corpus(tmp_path / "docs", files=1, paragraphs=2)
            r = mtcheck(docs, "--lang", "en", "--format", "json", "--no-report", "--fail-on", "never", env=home)
            assert r.returncode == 0, r.stderr
            assert any(f["engine"] == "languagetool" for f in json.loads(r.stdout))
            real = (run / "server.json").read_text()  # the server that run started, in place of the stale one
            (run / "server.json").write_text(json.dumps(state))
            stop = mtcheck("lt", "stop", env=home)
            assert "no process was signalled" in stop.stdout + stop.stderr
        assert victim.poll() is None and watchdog_victim.poll() is None
    finally:
        victim.kill()
        watchdog_victim.kill()
        if "real" in locals():  # stop the server the run started (not left to its idle watchdog)
            (run / "server.json").write_text(real)
            mtcheck("lt", "stop", env=home)


def test_three_runs_at_once_give_identical_findings(home, tmp_path):
    docs = corpus(tmp_path / "docs", files=3, paragraphs=10)
    procs = [subprocess.Popen([sys.executable, "-m", "mtcheck", docs, "--lang", "en", "--format", "json",
                               "--no-cache", "--no-report", "--fail-on", "never"], env=home,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    results = [p.communicate(timeout=600) for p in procs]
    assert all(p.returncode == 0 for p in procs), [e for _, e in results]
    outs = [sorted((f["path"], f["start"], f["rule"]) for f in json.loads(o)) for o, _ in results]
    assert outs[0] == outs[1] == outs[2] and outs[0]


def test_findings_of_a_file_do_not_depend_on_the_other_files(home, tmp_path):
    a = tmp_path / "alone"
    a.mkdir()
    (a / "a.txt").write_text('He said "the plan is ready.\n\nShe go to work early every day.\n', encoding="utf-8")
    together = tmp_path / "together"
    together.mkdir()
    (together / "a.txt").write_text((a / "a.txt").read_text(), encoding="utf-8")
    (together / "b.txt").write_text('Then she closed it." The end came soon after that.\n', encoding="utf-8")
    one = mtcheck(a, "--lang", "en", "--format", "json", "--no-cache", "--no-report", "--fail-on", "never", env=home)
    two = mtcheck(together, "--lang", "en", "--format", "json", "--no-cache", "--no-report", "--fail-on", "never",
                  env=home)
    strip = lambda r: sorted((f["start"], f["rule"]) for f in json.loads(r.stdout) if f["path"].endswith("a.txt"))
    assert strip(one) == strip(two)
