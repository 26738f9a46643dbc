"""The README's command reference names every command and option the CLI has."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli import main

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


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
                    if opt.startswith("--") and opt not in README and opt != "--help":
                        missing.append(f"{path} {opt}")
    assert not missing, f"undocumented in README.md: {missing}"
