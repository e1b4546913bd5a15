"""Packaging: every package of the source tree is listed in setup.cfg, so a non-editable install has it all."""

import configparser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_is_listed_in_setup_cfg():
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg")
    listed = {p.strip() for p in cfg["options"]["packages"].split() if p.strip()}
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "mtcheck").rglob("__init__.py")}
    assert found <= listed, f"missing from setup.cfg [options] packages: {sorted(found - listed)}"
    assert "mtcheck.packs" in listed and cfg["options"]["package_dir"].strip() == "mtcheck.packs = rules"
