"""Reusable reply templates (答复模板) in the `reply_templates` table, and nothing more."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.petitions.states import Refused
from generator.petitions.written import required_text

if TYPE_CHECKING:
    from generator.petitions.store import Store

TITLE_MAX, BODY_MAX = 60, 5000


@dataclass(frozen=True)
class Template:
    id: str
    title: str
    body: str
    retired: bool
    updated_by: str
    updated_at: str


def _checked(title: str, body: str) -> tuple[str, str]:
    return (
        required_text(title, "模板名称", TITLE_MAX, multiline=False),
        required_text(body, "模板正文", BODY_MAX, multiline=True),
    )


class Templates:
    """The reply templates of one store; each change is stamped with its actor and time."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def all(self, include_retired: bool = False) -> list[Template]:
        where = "" if include_retired else " WHERE retired = 0"
        return self._select(f"{where} ORDER BY retired, title, id")

    def get(self, template_id: str) -> Template | None:
        found = self._select(" WHERE id = ?", (template_id,))
        return found[0] if found else None

    def _select(self, rest: str, params: tuple = ()) -> list[Template]:
        with self.store.tx() as conn:
            rows = self.store.query(
                conn,
                f"SELECT id, title, body, retired, updated_by, updated_at FROM reply_templates{rest}",
                params,
            )
        return [Template(r[0], r[1], r[2], bool(r[3]), r[4], r[5]) for r in rows]

    def add(self, title: str, body: str, actor: str, at: dt.datetime) -> Template:
        title, body = _checked(title, body)
        template = Template(secrets.token_hex(6), title, body, False, actor, at.isoformat())
        with self.store.tx() as conn:
            self.store.query(
                conn,
                "INSERT INTO reply_templates (id, title, body, retired, updated_by, updated_at) "
                "VALUES (?, ?, ?, 0, ?, ?)",
                (template.id, title, body, actor, template.updated_at),
            )
        return template

    def edit(self, template_id: str, title: str, body: str, actor: str, at: dt.datetime) -> None:
        title, body = _checked(title, body)
        self._update(
            template_id, "title = ?, body = ?, updated_by = ?, updated_at = ?",
            (title, body, actor, at.isoformat()),
        )  # fmt: skip

    def retire(self, template_id: str, retired: bool, actor: str, at: dt.datetime) -> None:
        self._update(
            template_id, "retired = ?, updated_by = ?, updated_at = ?",
            (int(retired), actor, at.isoformat()),
        )  # fmt: skip

    def _update(self, template_id: str, assignments: str, values: tuple) -> None:
        with self.store.tx() as conn:
            found = self.store.query(
                conn, "SELECT 1 FROM reply_templates WHERE id = ?", (template_id,)
            )
            if not found:
                raise Refused("没有这个答复模板")
            self.store.query(
                conn,
                f"UPDATE reply_templates SET {assignments} WHERE id = ?",
                (*values, template_id),
            )
