"""The 督办统计 page and its CSV export: figures per department and category over a period, and nothing more.

For supervisors and discipline. Each counts only the petitions it may see (`access.can_see`):
supervisors every department but 投诉举报, discipline 投诉举报 alone, so the figures never
tell anyone more than their lists do.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from generator.petitions.figures import (
    HEADERS,
    PERIODS,
    PeriodError,
    compute_figures,
    figures_csv,
    period_bounds,
)
from generator.petitions.response import Response
from generator.staff.accounts import DISCIPLINE, SUPERVISOR
from generator.workbench.access import can_see
from generator.workbench.routes import route

if TYPE_CHECKING:
    from generator.petitions.figures import Figures
    from generator.workbench.context import Context

ROLES = {SUPERVISOR, DISCIPLINE}


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        raise PeriodError(f"日期“{text[:20]}”格式不正确，应为 YYYY-MM-DD") from None


def _figures(ctx: Context) -> tuple[Figures | None, str | None, dict[str, str]]:
    query = ctx.query
    chosen = {
        "period": query.get("period", "month"),
        "from": query.get("from", ""),
        "to": query.get("to", ""),
    }
    today = ctx.now.astimezone(ctx.site.zone).date()
    try:
        first, last = period_bounds(
            chosen["period"], today, _day(chosen["from"]), _day(chosen["to"])
        )
    except PeriodError as error:
        return None, str(error), chosen
    account = ctx.account
    records = [r for r in ctx.store.all() if can_see(account, r.category, r.state.department)]
    # Category rows only for what the account may see (no empty 投诉举报 row for supervisors).
    shown = [code for code in ctx.site.petitions.categories if can_see(account, code, None)]
    return compute_figures(records, ctx.site, first, last, today, shown), None, chosen


@route("GET", "/figures", roles=ROLES)
def figures_page(ctx: Context) -> Response:
    figures, error, chosen = _figures(ctx)
    return ctx.render(
        "figures.html.j2",
        422 if error else 200,
        figures=figures,
        error=error,
        chosen=chosen,
        periods=PERIODS,
        headers=HEADERS,
    )


@route("GET", "/figures.csv", roles=ROLES)
def figures_export(ctx: Context) -> Response:
    figures, error, _ = _figures(ctx)
    if figures is None:
        return ctx.render("message.html.j2", 422, title="无法导出", message=error)
    name = f"figures-{figures.first.isoformat()}-{figures.last.isoformat()}.csv"
    headers = [*ctx.headers, ("Content-Disposition", f'attachment; filename="{name}"')]
    return Response(200, figures_csv(figures).encode("utf-8"), "text/csv; charset=utf-8", headers)
