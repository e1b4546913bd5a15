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
