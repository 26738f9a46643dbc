"""The workbench's first page: the queues (overdue, due today, due soon, unassigned, mine),
their counts, filters, receipt search and pages, and nothing more."""

from __future__ import annotations

from generator.petitions.response import Response
from generator.workbench import access
from generator.workbench.context import Context
from generator.workbench.labels import QUEUE_STATUS_LABELS, Labels
from generator.workbench.queues import QUEUES, Filters, Queues
from generator.workbench.routes import route


def _filters(ctx: Context, labels: Labels) -> Filters:
    """The query string as filters; unknown codes are dropped, never passed to SQL."""
    query = ctx.query
    queue = query.get("queue", "")
    category = query.get("category", "")
    status = query.get("status", "")
    department = query.get("department", "")
    page = query.get("page", "1")
    return Filters(
        queue=queue if queue in QUEUES else "open",
        category=category if category in labels.categories() else "",
        status=status if status in QUEUE_STATUS_LABELS else "",
        department=department if department in {*labels.departments(), "none"} else "",
        receipt=query.get("receipt", "").strip()[:40],
        page=int(page) if page.isdigit() and len(page) < 6 else 1,
    )


@route("GET", "/")
def home(ctx: Context) -> Response:
    account = ctx.account
    assert account is not None
    if not access.sees_petitions(account):
        return ctx.render("home.html.j2")
    labels = Labels(ctx.site)
    filters = _filters(ctx, labels)
    today = ctx.desk.now().date()
    queues = Queues(ctx.store, ctx.desk.calendar)
    counts = queues.counts(account, today)
    known = None if filters.narrowed else counts.get(filters.queue)
    listing = queues.listing(account, today, filters, total=known)
    kept = {
        k: v
        for k, v in (
            ("queue", filters.queue), ("category", filters.category), ("status", filters.status),
            ("department", filters.department), ("receipt", filters.receipt),
        )
        if v
    }  # fmt: skip
    return ctx.render(
        "queue.html.j2", labels=labels, filters=filters, counts=counts, queues=QUEUES,
        listing=listing, today=today, kept=kept, statuses=QUEUE_STATUS_LABELS,
    )  # fmt: skip
