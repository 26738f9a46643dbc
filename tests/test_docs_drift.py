"""The README's command reference names every command and option the CLI has."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
# A command group may be documented in depth in its own guide under docs/, linked from the README.
DOCS = README + "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md")))


def commands(group: click.Group, prefix: str = "qinqing"):
    for name, command in group.commands.items():
        yield f"{prefix} {name}", command
        if isinstance(command, click.Group):
            yield from commands(command, f"{prefix} {name}")


def test_readme_opens_with_the_two_commands():
    head = README.split("\n", 8)[:8]
    assert any("make build" in line for line in head) and any("make test" in line for line in head)


def test_every_command_and_option_is_documented():
    missing = []
    for path, command in commands(main):
        top = " ".join(path.split()[:2])
        if top not in README:
            missing.append(path)
        for param in command.params:
            if isinstance(param, click.Option):
                for opt in param.opts:
                    if opt.startswith("--") and opt not in DOCS and opt != "--help":
                        missing.append(f"{path} {opt}")
    assert not missing, f"undocumented in README.md: {missing}"
