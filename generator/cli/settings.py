"""Read the qinqing plugin's options from mkdocs.yml without importing MkDocs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml_env_tag import construct_env_tag


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold `!!python/name:` and `!ENV` tags; read them as plain values."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_TolerantLoader.add_multi_constructor("", _any_tag)
# `!ENV [NAME, default]` as MkDocs reads it (the library MkDocs uses for it).
_TolerantLoader.add_constructor("!ENV", construct_env_tag)


def read_mkdocs_config(config: Path) -> dict[str, Any]:
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def plugin_options(config: Path, plugin: str = "qinqing") -> dict[str, Any]:
    for entry in read_mkdocs_config(config).get("plugins", []) or []:
        if entry == plugin:
            return {}
        if isinstance(entry, dict) and plugin in entry:
            return entry[plugin] or {}
    return {}


def plugin_option(config: Path, name: str, plugin: str = "qinqing") -> Any:
    return plugin_options(config, plugin).get(name)
