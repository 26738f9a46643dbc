"""Site-wide checks that no single file can make: references, uniqueness, paths, totals, dates."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from generator.content.index import ContentIndex, Item
from generator.content.site_codes import SiteCodes, site_codes
from generator.content.sources import CsvRow, Document
from generator.content.yamldoc import KeyPath, dotted
from generator.csvsafe import is_formula
from generator.messages import COLLECTION_NAMES
from generator.models.announcements import Announcement
from generator.models.consultations import Consultation
from generator.models.fields import ID_RE
from generator.models.funds import Fund
from generator.models.guides import Guide
from generator.models.policies import Policy
from generator.problems import Problem


def _at(doc: Document, path: KeyPath, code: str, severity: str = "error", **params) -> Problem:
    path = doc.file_path(path)
    pos = doc.positions.locate(path)
    return Problem(doc.rel, pos.line, pos.column, severity, code, dotted(path), params)  # type: ignore[arg-type]


def resolve_content_path(
    content_dir: Path, value: str, doc: Document, path: KeyPath
) -> tuple[Path | None, Problem | None]:
    """The file a content-relative path names, if it stays inside content/ and exists."""
    root = content_dir.resolve()
    candidate = (root / value).resolve()
    if value.startswith(("/", "\\")) or not candidate.is_relative_to(root):
        return None, _at(doc, path, "path_outside", value=value)
    if not candidate.is_file():  # (stat only: a FIFO is never opened here)
        code = "path_not_file" if candidate.exists() else "path_missing"
        return None, _at(doc, path, code, value=value)
    return candidate, None


def check_dates_for_day(
    index: ContentIndex, documents: dict[str, Document], today: dt.date
) -> list[Problem]:
    """Checks that depend on the day they run: guides due for review."""
    problems = []
    limit = index.site.rules.review_max_age_days
    for item in index.collection("guides"):
        data = item.data
        assert isinstance(data, Guide)
        if data.reviewed is None:  # a partial view: `reviewed` failed and is reported
            continue
        age = (today - data.reviewed).days
        if age > limit and item.id in documents:
            problems.append(
                _at(
                    documents[item.id],
                    ("reviewed",),
                    "review_overdue",
                    "warning",
                    days=age,
                    limit=limit,
                )
            )
    return problems


def check_site(
    index: ContentIndex, documents: dict[str, Document], codes: SiteCodes | None = None
) -> list[Problem]:
    """The cross-file checks of every item with a document. Items may be partial views
    (a value that failed validation is None or empty there, and is not checked again);
    `codes` are the taxonomy codes site.yaml defines (default: those of `index.site`)."""
    codes = codes or site_codes(index.site.model_dump())
    problems: list[Problem] = []
    doc_numbers: dict[str, str] = {}
    for item_id in sorted(documents, key=lambda i: documents[i].rel):
        item, doc = index.items[item_id], documents[item_id]
        problems += _check_taxonomies(codes, item, doc)
        problems += _check_references(index, item, doc)
        problems += _check_paths(index, item, doc)
        problems += _check_dates(item, doc)
        data = item.data
        if isinstance(data, Policy) and data.doc_number:
            key = data.doc_number
            if key in doc_numbers:
                problems.append(
                    _at(
                        doc,
                        ("doc_number",),
                        "duplicate_doc_number",
                        value=key,
                        other=doc_numbers[key],
                    )
                )
            else:
                doc_numbers[key] = doc.rel
        if isinstance(data, Fund):
            problems += _check_rules(codes, data, doc)
        if isinstance(data, Announcement):
            if not codes.failed & {"rules", "holidays"}:
                problems += _check_publicity(index, data, doc)
            problems += _check_recipients(index, item, doc)
    problems += _check_budgets(index, documents)
    return problems


def check_petition_departments(doc: Document, codes: SiteCodes) -> list[Problem]:
    """An error for each petition category of site.yaml whose default department is unknown."""
    known = codes.departments
    petitions = doc.data.get("petitions") if isinstance(doc.data, dict) else None
    categories = petitions.get("categories") if isinstance(petitions, dict) else None
    if known is None or not isinstance(categories, dict):
        return []
    found = []
    for code, category in categories.items():
        department = category.get("department") if isinstance(category, dict) else None
        if isinstance(department, str) and department not in known:
            path = ("petitions", "categories", code, "department")
            found.append(
                _at(doc, path, "unknown_petition_department", value=department, choices=known)
            )
    return found


def _check_taxonomies(codes: SiteCodes, item: Item, doc: Document) -> list[Problem]:
    data = item.data
    found = []
    known = codes.departments
    if data.department is not None and known is not None and data.department not in known:
        found.append(
            _at(
                doc,
                ("department",),
                "unknown_department",
                value=data.department,
                choices=known,
            )
        )
    for key, code_name, known in (
        ("industries", "unknown_industry", codes.industries),
        ("topics", "unknown_topic", codes.topics),
    ):
        if known is None:
            continue
        for i, code in enumerate(getattr(data, key)):
            if code not in known:
                found.append(_at(doc, (key, i), code_name, value=code, choices=known))
    return found


def _reference_fields(data) -> list[tuple[KeyPath, str, str | None]]:
    """(path, id, required collection or None) for every id the item names."""
    refs: list[tuple[KeyPath, str, str | None]] = [
        (("related", i), v, None) for i, v in enumerate(data.related)
    ]
    if isinstance(data, Policy):
        refs += [(("amends", i), v, "policies") for i, v in enumerate(data.amends)]
        if data.repealed and data.repealed.by:
            refs.append((("repealed", "by"), data.repealed.by, "policies"))
    elif isinstance(data, Fund):
        refs += [(("basis", i), v, "policies") for i, v in enumerate(data.basis or ())]
        if data.guide:
            refs.append((("guide",), data.guide, "guides"))
    elif isinstance(data, Guide):
        # Guide bases are policy ids or free-text citations; only id-shaped entries are references.
        refs += [(("basis", i), v, "policies") for i, v in enumerate(data.basis) if ID_RE.match(v)]
    elif isinstance(data, Announcement) and data.fund:
        refs.append((("fund",), data.fund, "funds"))
    elif isinstance(data, Consultation) and data.adopted_as:
        refs.append((("adopted_as",), data.adopted_as, "policies"))
    return refs


def _check_references(index: ContentIndex, item: Item, doc: Document) -> list[Problem]:
    found = []
    for path, target, expected in _reference_fields(item.data):
        other = index.items.get(target)
        if target == item.id:
            found.append(_at(doc, path, "self_ref"))
        elif other is None:
            found.append(_at(doc, path, "dangling_ref", value=target))
        elif expected and other.collection != expected:
            actual_zh, actual_en = COLLECTION_NAMES[other.collection]
            expected_zh, expected_en = COLLECTION_NAMES[expected]
            found.append(
                _at(
                    doc,
                    path,
                    "wrong_ref_type",
                    value=target,
                    actual=actual_zh,
                    actual_en=actual_en,
                    expected=expected_zh,
                    expected_en=expected_en,
                )
            )
    return found


def _file_fields(data) -> list[tuple[KeyPath, str]]:
    paths: list[tuple[KeyPath, str]] = [
        (("attachments", i, "file"), a.file) for i, a in enumerate(data.attachments) if a.file
    ]
    if isinstance(data, Fund | Guide):
        paths += [
            (("materials", i, "template"), m.template)
            for i, m in enumerate(data.materials)
            if m.template
        ]
    if isinstance(data, Consultation) and data.draft:
        paths.append((("draft",), data.draft))
    return paths


def _check_paths(index: ContentIndex, item: Item, doc: Document) -> list[Problem]:
    found = []
    for path, value in _file_fields(item.data):
        _, problem = resolve_content_path(index.content_dir, value, doc, path)
        if problem:
            found.append(problem)
    return found


def _check_dates(item: Item, doc: Document) -> list[Problem]:
    data, found = item.data, []
    published = data.published
    if published is None:  # a partial view: `published` failed and is reported
        return found
    # Withdrawal and repeal each carry a date that cannot come before publication.
    ends = {"withdrawn": data.withdrawn}
    if isinstance(data, Policy):
        ends["repealed"] = data.repealed
    for key, end in ends.items():
        if end and end.date < published:
            found.append(
                _at(
                    doc,
                    (key, "date"),
                    "date_before_published",
                    value=str(end.date),
                    published=str(published),
                )
            )
    feedback = data.feedback if isinstance(data, Consultation) else None
    if feedback is not None and data.closes and feedback.date <= data.closes:
        found.append(
            _at(doc, ("feedback", "date"), "feedback_before_close", closes=str(data.closes))
        )
    for i, change in enumerate(data.changes):
        if change.date < published:
            found.append(
                _at(
                    doc,
                    ("changes", i, "date"),
                    "date_before_published",
                    "warning",
                    value=str(change.date),
                    published=str(published),
                )
            )
    return found


def _check_rules(codes: SiteCodes, fund: Fund, doc: Document) -> list[Problem]:
    found = []
    if codes.industries is None:
        return found
    for i, condition in enumerate(fund.eligibility):
        rule = condition.rule
        if rule and rule.field == "industry":
            for j, code in enumerate(rule.value):
                if code not in codes.industries:
                    found.append(
                        _at(
                            doc,
                            ("eligibility", i, "rule", "value", j),
                            "rule_unknown_industry",
                            value=code,
                            choices=codes.industries,
                        )
                    )
    return found


def _check_publicity(index: ContentIndex, notice: Announcement, doc: Document) -> list[Problem]:
    if notice.publicity is None:  # a partial view: `publicity` failed and is reported
        return []
    start, end = notice.publicity.start, notice.publicity.end
    calendar = index.calendar
    found = []
    for year in range(start.year, end.year + 1):
        if not calendar.has_data(year):
            found.append(_at(doc, ("publicity",), "calendar_no_data", "warning", year=year))
    days = calendar.workdays_in(start, end)
    minimum = index.site.rules.publicity_min_workdays
    if days < minimum:
        found.append(
            _at(doc, ("publicity", "end"), "publicity_too_short", days=days, minimum=minimum)
        )
    return found


def _check_recipients(index: ContentIndex, item: Item, doc: Document) -> list[Problem]:
    """Duplicate credit codes and amounts over the fund's maximum, at the recipient's own
    entry (inline) or line (a CSV file)."""
    notice = item.data
    assert isinstance(notice, Announcement)
    fund = index.items.get(notice.fund or "")
    max_amount = fund.data.max_amount if fund is not None and isinstance(fund.data, Fund) else None
    found = []
    seen: dict[str, int] = {}
    if not isinstance(notice.recipients, str):
        found += _inline_formula_cells(item, doc)
    for i, recipient in enumerate(item.recipients):
        row = item.recipient_rows[i] if item.recipient_rows else None

        def at(key: str, code: str, severity: str = "error", _i=i, _row=row, **params) -> Problem:
            if _row is None:
                return _at(doc, ("recipients", _i, key), code, severity, **params)
            column = _row.credit_code_column if key == "credit_code" else _row.amount_column
            return Problem(_row.path, _row.line, column, severity, code, key, params)  # type: ignore[arg-type]

        code = recipient.credit_code
        if code in seen:
            first = item.recipient_rows[seen[code]].line if row else seen[code] + 1
            kind = "duplicate_recipient_row" if row else "duplicate_recipient"
            found.append(at("credit_code", kind, "warning", value=code, other=first))
        seen.setdefault(code, i)
        if max_amount is not None and recipient.amount > max_amount:
            params = {"amount": str(recipient.amount), "fund": fund.id, "max_amount": max_amount}
            found.append(at("amount", "over_max_amount", **params))
    return found


# Free-text columns of a recipient list that a spreadsheet could take for a formula.
FORMULA_FIELDS = {"name": "企业名称", "project": "项目名称"}


def formula_cells(rows: list[CsvRow], rel: str) -> list[Problem]:
    """A warning at each recipients CSV cell that starts like a formula (`=`, `+`, `-`, `@`).

    The column counts the cells before it as written without quotes (the usual case).
    """
    found = []
    for row in rows:
        column = 1
        for key, value in row.values.items():
            if key in FORMULA_FIELDS and is_formula(value):
                params = {"field": FORMULA_FIELDS[key], "value": value, "char": value[0]}
                found.append(Problem(rel, row.line, column, "warning", "formula_cell", key, params))
            column += len(value) + 1
    return found


def _inline_formula_cells(item: Item, doc: Document) -> list[Problem]:
    found = []
    for i, recipient in enumerate(item.recipients):
        for key, label in FORMULA_FIELDS.items():
            value = getattr(recipient, key) or ""
            if is_formula(value):
                found.append(
                    _at(
                        doc,
                        ("recipients", i, key),
                        "formula_cell",
                        "warning",
                        field=label,
                        value=value,
                        char=value[0],
                    )
                )
    return found


def recipients_total(item: Item) -> Decimal:
    return sum((r.amount for r in item.recipients), Decimal(0))


def _check_budgets(index: ContentIndex, documents: dict[str, Document]) -> list[Problem]:
    per_fund: dict[str, list[Item]] = defaultdict(list)
    for item in index.collection("announcements"):
        fund_id = item.data.fund  # type: ignore[attr-defined]
        if fund_id and not item.withdrawn:
            per_fund[fund_id].append(item)
    found = []
    for fund_id, notices in sorted(per_fund.items()):
        fund = index.items.get(fund_id)
        if fund is None or not isinstance(fund.data, Fund) or fund.data.budget is None:
            continue
        total = sum((recipients_total(n) for n in notices), Decimal(0))
        shown = [n for n in notices if n.id in documents and n.published is not None]
        if total > fund.data.budget and shown:
            last = max(shown, key=lambda n: (n.published, n.id))
            found.append(
                _at(
                    documents[last.id],
                    ("recipients",),
                    "budget_exceeded",
                    total=str(total),
                    fund=fund_id,
                    budget=fund.data.budget,
                )
            )
    return found
