"""Put a LanguageTool server on this machine, without the internet where need be.

Routes, in order: an existing install (``LTP_JAR_DIR_PATH`` or the ``lt_path`` setting); Maven Central through
``mvn`` (the one that works where only package registries answer: ``languagetool-server`` with every language
module, copied with its dependencies, checksums enforced by Maven, the version pinned and each jar's SHA-256
recorded in a manifest that is checked before use); language-tool-python's own download from languagetool.org
(what users with the open internet get if Maven is missing)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from mtcheck.errors import ServerError

LT_VERSION = "6.6"
#: Language modules named explicitly (languagetool-server brings all the others through language-all).
LT_LANGUAGES = ("en", "es", "fr", "de", "pt", "it", "nl", "ca")
MIN_JAVA = 17
SERVER_CLASS = "org.languagetool.server.HTTPServer"
MANIFEST = "mtcheck-manifest.json"


def lt_home() -> Path:
    """Where mtcheck keeps LanguageTool, its server state and its result cache."""
    env = os.environ.get("MTCHECK_LT_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("mtcheck")) / "languagetool"


@dataclass(frozen=True)
class Installation:
    """A LanguageTool that can be started: a class path and the version it holds."""

    classpath: str
    version: str
    route: str
    root: Path


def java_version(java: str | None = None) -> int:
    """Major version of the Java on PATH; a ServerError saying what to install when there is none or it is old."""
    java = java or shutil.which("java")
    if not java:
        raise ServerError(f"LanguageTool needs Java {MIN_JAVA} or newer and no 'java' is on PATH: install a JDK "
                          f"or JRE (e.g. 'apt-get install openjdk-17-jre-headless'), or run with --no-lt")
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ServerError(f"cannot run '{java} -version': {exc}") from None
    from language_tool_python.download_lt import parse_java_version

    try:
        major, minor = parse_java_version(out.stderr + out.stdout)
    except Exception:
        raise ServerError(f"cannot read the Java version from: {(out.stderr or out.stdout).strip()[:200]}") from None
    version = minor if major == 1 else major
    if version < MIN_JAVA:
        raise ServerError(f"LanguageTool {LT_VERSION} needs Java {MIN_JAVA} or newer; found Java {version} at "
                          f"{java}. Install a newer JDK or JRE, or run with --no-lt")
    return version


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _installation_in(path: Path, route: str) -> Installation | None:
    """Recognise an unpacked LanguageTool (languagetool-server.jar) or our Maven folder (libs/*.jar)."""
    if (path / "languagetool-server.jar").is_file():
        version = LT_VERSION
        m = re.search(r"(\d+\.\d+(?:\.\d+)?)", path.name)
        if m:
            version = m.group(1)
        return Installation(str(path / "languagetool-server.jar"), version, route, path)
    libs = path / "libs"
    manifest = path / MANIFEST
    if libs.is_dir() and manifest.is_file():
        try:
            data = json.loads(manifest.read_text())
        except (OSError, ValueError):
            return None
        return Installation(str(libs / "*"), data.get("version", LT_VERSION), route, path)
    return None


def find_installation(explicit: str | None = None) -> Installation | None:
    """An installation that is already here: LTP_JAR_DIR_PATH, the configured path, or ours."""
    for value, route in ((os.environ.get("LTP_JAR_DIR_PATH"), "LTP_JAR_DIR_PATH"), (explicit, "configured path")):
        if value:
            inst = _installation_in(Path(value).expanduser(), route)
            if inst is None:
                raise ServerError(f"{value} ({route}) holds no LanguageTool (no languagetool-server.jar)")
            return inst
    home = lt_home() / f"LanguageTool-{LT_VERSION}"
    return _installation_in(home, "maven") if home.is_dir() else None


def verify(inst: Installation) -> None:
    """Check each jar of a Maven installation against the SHA-256 recorded when it was fetched."""
    manifest = inst.root / MANIFEST
    if inst.route != "maven" or not manifest.is_file():
        return
    data = json.loads(manifest.read_text())
    for name, digest in data.get("sha256", {}).items():
        jar = inst.root / "libs" / name
        if not jar.is_file() or _sha256(jar) != digest:
            raise ServerError(f"LanguageTool jar {jar} is missing or altered; run 'mtcheck lt install --force'")


POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>mtcheck</groupId><artifactId>languagetool-bundle</artifactId><version>1</version>
  <packaging>pom</packaging>
  <dependencies>
{deps}
  </dependencies>
</project>
"""
DEP = "    <dependency><groupId>org.languagetool</groupId><artifactId>{a}</artifactId><version>{v}</version></dependency>"


def install_with_maven(target: Path, say: Callable[[str], None]) -> Installation:
    mvn = shutil.which("mvn")
    if not mvn:
        raise ServerError("Maven ('mvn') is not on PATH")
    artifacts = ["languagetool-server"] + [f"language-{lang}" for lang in LT_LANGUAGES]
    pom = POM.format(deps="\n".join(DEP.format(a=a, v=LT_VERSION) for a in artifacts))
    staging = Path(tempfile.mkdtemp(prefix="lt-", dir=target.parent))
    try:
        (staging / "pom.xml").write_text(pom)
        say(f"fetching LanguageTool {LT_VERSION} from Maven Central (about 250 MB, once)...")
        cmd = [mvn, "-B", "-q", "-C", "-f", str(staging / "pom.xml"), "dependency:copy-dependencies",
               f"-DoutputDirectory={staging / 'libs'}"]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
        if proc.returncode != 0:
            tail = (proc.stdout + proc.stderr).strip().splitlines()[-5:]
            raise ServerError("Maven could not fetch LanguageTool: " + " | ".join(tail))
        jars = sorted((staging / "libs").glob("*.jar"))
        expected = {f"{a}-{LT_VERSION}.jar" for a in artifacts}
        missing = expected - {j.name for j in jars}
        if missing:
            raise ServerError(f"Maven fetched LanguageTool without {', '.join(sorted(missing))}")
        manifest = {"version": LT_VERSION, "route": "maven", "artifacts": artifacts,
                    "sha256": {j.name: _sha256(j) for j in jars}}
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=1))
        (staging / "pom.xml").unlink()
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    inst = _installation_in(target, "maven")
    assert inst is not None
    return inst


def install_with_download(say: Callable[[str], None]) -> Installation:
    """language-tool-python's download (languagetool.org), for machines where Maven is missing."""
    from language_tool_python.download_lt import LocalLanguageTool

    say(f"downloading LanguageTool {LT_VERSION} with language-tool-python...")
    local = LocalLanguageTool.from_version_name(LT_VERSION)
    try:
        local.download()
        directory = Path(local.get_directory_path())
    except Exception as exc:
        raise ServerError(f"language-tool-python's download failed: {exc}") from None
    inst = _installation_in(directory, "download")
    if inst is None:
        raise ServerError(f"the download left no languagetool-server.jar in {directory}")
    return inst


def install(*, explicit: str | None = None, force: bool = False,
            say: Callable[[str], None] = lambda m: None) -> Installation:
    """Find or fetch LanguageTool; every failure is a ServerError that says what was tried."""
    java_version()
    if not force:
        inst = find_installation(explicit)
        if inst is not None:
            return inst
    target = lt_home() / f"LanguageTool-{LT_VERSION}"
    target.parent.mkdir(parents=True, exist_ok=True)
    errors = []
    try:
        return install_with_maven(target, say)
    except ServerError as exc:
        errors.append(f"Maven: {exc}")
    except subprocess.TimeoutExpired:
        errors.append("Maven: timed out")
    try:
        return install_with_download(say)
    except ServerError as exc:
        errors.append(f"download: {exc}")
    raise ServerError("could not install LanguageTool. " + "; ".join(errors) +
                      ". Set LTP_JAR_DIR_PATH to an unpacked LanguageTool, or run with --no-lt")
