"""The wheel carries every subpackage and the theme overrides."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_subpackage_and_the_theme_are_packaged():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "generator").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert set(config["packages"]) == found | {"generator.site_overrides"}
    assert config["package-dir"]["generator.site_overrides"] == "site_overrides"
    assert (ROOT / "site_overrides" / "main.html").exists()
