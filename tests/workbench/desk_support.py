"""What the desk's workbench tests share besides the fixtures: staff as access sees them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Person:
    """A staff member as access sees one (login, roles, departments)."""

    login: str
    roles: frozenset[str] = field(default_factory=frozenset)
    departments: frozenset[str] = field(default_factory=frozenset)


def person(login: str, *roles: str, departments: tuple[str, ...] = ()) -> Person:
    return Person(login, frozenset(roles), frozenset(departments))
