"""All items of a site, the references between them, and what each one is on a given day."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from generator.content import status as statuses
from generator.content.history import GitHistory
from generator.content.status import Status
from generator.content.workdays import WorkCalendar
from generator.models.announcements import Announcement, Recipient
from generator.models.answers import PublishedAnswer
from generator.models.consultations import Consultation
from generator.models.front_matter import ItemBase
from generator.models.funds import Fund
from generator.models.guides import Guide
from generator.models.policies import Policy
from generator.models.site import SiteConfig

COLLECTION_ORDER = ("policies", "funds", "guides", "announcements", "consultations")


class RecipientRow(NamedTuple):
    """Where a recipient read from a CSV file stands: the file, its line, and the columns of
    its credit code and amount."""

    path: str
    line: int
    credit_code_column: int
    amount_column: int


@dataclass(frozen=True)
class Item:
    """One validated content item."""

    id: str
    collection: str
    data: ItemBase
    body: str
    path: str  # relative to content/, posix
    recipients: tuple[Recipient, ...] = ()
    recipient_rows: tuple[RecipientRow, ...] = ()  # one per recipient read from a CSV file

    @property
    def title(self) -> str:
        return self.data.title

    @property
    def department(self) -> str:
        return self.data.department

    @property
    def published(self) -> dt.date:
        return self.data.published

    @property
    def withdrawn(self) -> bool:
        return self.data.withdrawn is not None


def newest_first(item: Item) -> tuple[dt.date, str]:
    """The sort key of "newest first" (with reverse=True); a partial item of `check`'s view,
    whose `published` failed, sorts last."""
    return (item.published or dt.date.min, item.id)


@dataclass(frozen=True)
class HistoryEntry:
    date: dt.date
    note: str
    major: bool
    source: str  # "changes" | "git"
    commit: str | None = None


@dataclass
class ContentIndex:
    """The validated site: settings, items, and cross-references computed once."""

    site: SiteConfig
    content_dir: Path
    items: dict[str, Item]
    git: GitHistory = field(default_factory=GitHistory)
    calendar: WorkCalendar = field(default_factory=WorkCalendar)
    answers: tuple[PublishedAnswer, ...] = ()  # 答复选登, from content/answers.json
    _backlinks: dict[str, list[str]] = field(init=False, repr=False)
    _by_collection: dict[str, list[Item]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.calendar = WorkCalendar.from_overrides(
            self.site.holidays.rest_days, self.site.holidays.make_up_workdays
        )
        grouped: dict[str, list[Item]] = {name: [] for name in COLLECTION_ORDER}
        for item in self.items.values():
            grouped[item.collection].append(item)
        for group in grouped.values():
            group.sort(key=newest_first, reverse=True)
        self._by_collection = grouped
        backlinks: dict[str, list[str]] = defaultdict(list)
        for item in self.items.values():
            for target in self.references(item):
                if target in self.items and target != item.id:
                    backlinks[target].append(item.id)
        self._backlinks = {k: sorted(set(v)) for k, v in backlinks.items()}

    # -- lookups ---------------------------------------------------------------------------

    def get(self, item_id: str) -> Item | None:
        return self.items.get(item_id)

    def collection(self, name: str) -> list[Item]:
        """Items of one collection, newest first."""
        return self._by_collection[name]

    def all_items(self) -> list[Item]:
        """Every item, newest first, ties by id."""
        return sorted(self.items.values(), key=newest_first, reverse=True)

    # -- references ------------------------------------------------------------------------

    @staticmethod
    def references(item: Item) -> list[str]:
        """Every id an item names, in the order it names them."""
        data = item.data
        refs = list(data.related)
        if isinstance(data, Policy):
            refs += data.amends
            if data.repealed and data.repealed.by:
                refs.append(data.repealed.by)
        elif isinstance(data, Fund):
            refs += data.basis
            if data.guide:
                refs.append(data.guide)
        elif isinstance(data, Guide):
            refs += data.basis
        elif isinstance(data, Announcement) and data.fund:
            refs.append(data.fund)
        elif isinstance(data, Consultation) and data.adopted_as:
            refs.append(data.adopted_as)
        return refs

    def _referring(self, item_id: str, collection: str, predicate) -> list[Item]:
        found = [self.items[i] for i in self._backlinks.get(item_id, ())]
        return sorted(
            (i for i in found if i.collection == collection and predicate(i.data)),
            key=newest_first,
            reverse=True,
        )

    def funds_based_on(self, policy_id: str) -> list[Item]:
        return self._referring(policy_id, "funds", lambda d: policy_id in d.basis)

    def announcements_of(self, fund_id: str) -> list[Item]:
        return self._referring(fund_id, "announcements", lambda d: d.fund == fund_id)

    def consultations_of(self, policy_id: str) -> list[Item]:
        """The consultations whose draft became this policy (本文件征求意见情况)."""
        return self._referring(policy_id, "consultations", lambda d: d.adopted_as == policy_id)

    def guide_of(self, fund_id: str) -> Item | None:
        fund = self.items.get(fund_id)
        if fund is None or not isinstance(fund.data, Fund) or not fund.data.guide:
            return None
        return self.items.get(fund.data.guide)

    def funds_with_guide(self, guide_id: str) -> list[Item]:
        return self._referring(guide_id, "funds", lambda d: d.guide == guide_id)

    def amended_by(self, policy_id: str) -> list[Item]:
        return self._referring(policy_id, "policies", lambda d: policy_id in d.amends)

    def replaced_by(self, policy_id: str) -> Item | None:
        policy = self.items.get(policy_id)
        if policy is None or not isinstance(policy.data, Policy) or not policy.data.repealed:
            return None
        return self.items.get(policy.data.repealed.by or "")

    def replaces(self, policy_id: str) -> list[Item]:
        """Policies repealed in favour of this one."""
        return self._referring(
            policy_id, "policies", lambda d: d.repealed is not None and d.repealed.by == policy_id
        )

    def basis_of(self, fund_id: str) -> list[Item]:
        fund = self.items.get(fund_id)
        if fund is None or not isinstance(fund.data, Fund):
            return []
        return [self.items[i] for i in fund.data.basis if i in self.items]

    def related(self, item_id: str) -> list[Item]:
        """Items this one names and items that name it, each once, in a stable order."""
        item = self.items[item_id]
        seen: dict[str, Item] = {}
        for ref in [*self.references(item), *self._backlinks.get(item_id, ())]:
            if ref != item_id and ref in self.items:
                seen.setdefault(ref, self.items[ref])
        return list(seen.values())

    # -- time ------------------------------------------------------------------------------

    def has_results(self, fund_id: str, today: dt.date) -> bool:
        return any(a.published <= today for a in self.announcements_of(fund_id) if not a.withdrawn)

    def status(self, item: Item, today: dt.date) -> Status | None:
        """The derived status for a day; None for guides, which have none."""
        data = item.data
        if isinstance(data, Policy):
            return statuses.policy_status(data, today)
        if isinstance(data, Fund):
            return statuses.fund_status(data, today, self.has_results(item.id, today))
        if isinstance(data, Announcement):
            return statuses.announcement_status(data, today)
        if isinstance(data, Consultation):
            return statuses.consultation_status(data, today)
        return None

    def is_current(self, item: Item, today: dt.date) -> bool:
        """Shown in "current" lists: not withdrawn, repealed or expired."""
        if item.withdrawn:
            return False
        status = self.status(item, today)
        return status is None or status.code not in ("repealed", "expired")

    def history(self, item: Item) -> list[HistoryEntry]:
        """`changes` where given, else the file's trusted git commits; newest first."""
        if item.data.changes:
            entries = [HistoryEntry(c.date, c.note, c.major, "changes") for c in item.data.changes]
        else:
            entries = [
                HistoryEntry(c.date.date(), c.message, True, "git", c.sha[:7])
                for c in self.git.file_commits(item.path)
            ]
        return sorted(entries, key=lambda e: e.date, reverse=True)

    def updated(self, item: Item) -> dt.date:
        """`updated`, else the newest major change, else the last trusted git commit, else published."""
        data = item.data
        if data.updated is not None:
            return data.updated
        major = [c.date for c in data.changes if c.major]
        if major:
            return max(major)
        if not data.changes:
            git_date = self.git.last_date(item.path)
            if git_date is not None:
                return max(git_date, data.published)
        return data.published

    def feed_updated(self, item: Item) -> dt.date:
        """When subscribers should hear of the item again: a major change, a withdrawal or a repeal."""
        data = item.data
        dates = [data.published]
        if data.updated is not None:
            dates.append(data.updated)
        dates += [c.date for c in data.changes if c.major]
        if data.withdrawn is not None:
            dates.append(data.withdrawn.date)
        if isinstance(data, Policy) and data.repealed is not None:
            dates.append(data.repealed.date)
        return max(dates)
