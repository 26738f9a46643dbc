"""The taxonomy codes site.yaml defines, read from its raw mapping, and nothing more."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.models.site import SiteConfig


@dataclass(frozen=True)
class SiteCodes:
    """The codes site.yaml defines, read from its raw mapping so that an entry that failed
    validation still counts as defined (its own error is reported there). None: site.yaml
    says nothing readable about that taxonomy, so nothing is checked against it."""

    # code → name ("" when the entry has no readable name), for messages listing them.
    departments: Mapping[str, str] | None = None
    industries: Mapping[str, str] | None = None
    topics: Mapping[str, str] | None = None
    # Top-level keys whose values failed validation (the checks that depend on them wait).
    failed: frozenset[str] = frozenset()


def _entry_name(entry: Any) -> str:
    """The name of a raw `code: name` entry, short (`textile: 纺织服装`) or full (`{name: …}`)."""
    name = entry.get("name") if isinstance(entry, dict) else entry
    return name if isinstance(name, str) else ""


def site_codes(raw: Mapping[str, Any] | None, site: SiteConfig | None = None) -> SiteCodes:
    """The codes of a site.yaml mapping (None when it could not be read); `site` is the
    (partial) model made of it, which lacks the keys that failed."""
    if raw is None:
        return SiteCodes(failed=frozenset(SiteConfig.model_fields))

    def codes(key: str) -> dict[str, str] | None:
        value = raw.get(key, {})
        if not isinstance(value, dict):
            return None
        return {str(code): _entry_name(entry) for code, entry in value.items()}

    failed = frozenset(raw) - (site.model_fields_set if site is not None else frozenset(raw))
    return SiteCodes(codes("departments"), codes("industries"), codes("topics"), failed)
