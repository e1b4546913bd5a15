import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def mtcheck_exe() -> list[str]:
    exe = shutil.which("mtcheck")
    return [exe] if exe else [sys.executable, "-m", "mtcheck"]


@pytest.fixture
def run_cli():
    """Run the installed ``mtcheck`` command as a user would; returns CompletedProcess."""

    def _run(*args, cwd=None, input=None, env=None):
        full_env = dict(os.environ)
        full_env.update(env or {})
        return subprocess.run(mtcheck_exe() + [str(a) for a in args], cwd=cwd, input=input,
                              capture_output=True, text=True, env=full_env, timeout=600)

    return _run


@pytest.fixture(scope="session", autouse=True)
def hermetic(tmp_path_factory):
    """The suite owns its caches and its LanguageTool server: a result cache and a LanguageTool home of its own
    (the installation itself is shared through LTP_JAR_DIR_PATH), so that it neither reads the user's caches nor
    shares a server with another mtcheck running on the machine. The server is stopped at the end."""
    from mtcheck.engines.languagetool.provision import find_installation

    saved = {k: os.environ.get(k) for k in ("MTCHECK_CACHE_DIR", "MTCHECK_LT_HOME", "LTP_JAR_DIR_PATH")}
    inst = find_installation()
    base = tmp_path_factory.mktemp("mtcheck-home")
    os.environ["MTCHECK_CACHE_DIR"] = str(base / "cache")
    if inst is not None:
        os.environ["LTP_JAR_DIR_PATH"] = str(inst.root)
    os.environ["MTCHECK_LT_HOME"] = str(base / "lt")
    yield
    if inst is not None:
        from mtcheck.engines.languagetool.server import ServerManager, all_slots

        for slot in all_slots():
            ServerManager(slot=slot).stop()
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
