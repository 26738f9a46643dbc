"""Which keys the data of a petition database depends on, and which retired key may go, nothing more.

Sealed values name their key (`v2:`) or are tried with each key (`v1:`). Query codes are
kept only as keyed hashes and cannot be re-hashed (the code is not stored): a code hashed
under a key needs that key for as long as the enterprise may look the petition up, that is
until the retention purge removes its contact data. Hashes from before rotation existed
carry no fingerprint; any key of the ring may have made them, so they hold every key.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from generator.petitions.keys import Keyring
from generator.petitions.sealed import SEALED_COLUMNS, Rows, present

UNOPENED = ""  # the counter key for a value no key of the ring opens


@dataclass(frozen=True)
class KeyUse:
    """Counts per key: sealed values by column, and query codes of petitions not yet purged."""

    current: str
    retired: tuple[str, ...]
    sealed: dict[str, Counter[str]]
    codes: Counter[str | None]

    def sealed_with(self, fingerprint: str) -> int:
        return sum(counts[fingerprint] for counts in self.sealed.values())

    def needed(self) -> list[str]:
        """Every key this data needs (the current one always: new petitions are sealed with it)."""
        keys = {self.current}
        keys |= {fp for counts in self.sealed.values() for fp in counts if fp != UNOPENED}
        keys |= {fp for fp in self.codes if fp is not None}
        if self.codes[None]:
            keys |= set(self.retired)
        return sorted(keys)

    def blockers(self, fingerprint: str) -> list[str]:
        """Why the retired key `fingerprint` must stay configured (empty: it may be dropped)."""
        reasons = []
        sealed = {label: counts[fingerprint] for label, counts in self.sealed.items()}
        if any(sealed.values()):
            where = "，".join(f"{label} {n} 个" for label, n in sealed.items() if n)
            reasons.append(f"仍有加密值使用它（{where}）：先运行 qinqing petitions rekey")
        if self.codes[fingerprint]:
            reasons.append(
                f"{self.codes[fingerprint]} 件尚未按期删除联系人信息的诉求，查询码用它生成："
                "须保留到这些诉求经 qinqing petitions purge 删除联系人信息之后"
            )
        if self.codes[None]:
            reasons.append(
                f"{self.codes[None]} 件尚未按期删除联系人信息的诉求，查询码为轮换前的旧格式"
                "（无法判断用哪个密钥生成）：须保留到这些诉求按期删除之后"
            )
        return reasons

    def lines(self) -> list[str]:
        """The census for the operator (Chinese), one line per key."""
        codes = self.codes[self.current]
        shown = [
            f"当前密钥 {self.current}：加密值 {self.sealed_with(self.current)} 个，查询码 {codes} 件"
        ]
        for fingerprint in self.retired:
            blockers = self.blockers(fingerprint)
            verdict = (
                "不能删除：" + "；".join(blockers) if blockers else "不再需要，可以从配置中删除"
            )
            shown.append(
                f"退役密钥 {fingerprint}：加密值 {self.sealed_with(fingerprint)} 个，"
                f"查询码 {self.codes[fingerprint]} 件；{verdict}"
            )
        known = {self.current, *self.retired, UNOPENED}
        for label, counts in self.sealed.items():
            for fingerprint, n in sorted(counts.items()):
                if fingerprint not in known:
                    shown.append(f"{label}：{n} 个加密值使用未配置的密钥 {fingerprint}")
            if counts[UNOPENED]:
                shown.append(f"{label}：{counts[UNOPENED]} 个加密值用配置的任何密钥都无法解密")
        return shown


def key_use(rows: Rows, tables: Iterable[str], keys: Keyring) -> KeyUse:
    """Count, in the database `rows(sql)` reads, which key each sealed value and code hash needs."""
    sealed: dict[str, Counter[str]] = {}
    for column in present(SEALED_COLUMNS, tables):
        counts: Counter[str] = Counter()
        query = f"SELECT {column.select()} FROM {column.table} WHERE {column.column} IS NOT NULL"
        for row in rows(query):
            counts[_key_of(keys, row[1], column.context_of(row))] += 1
        sealed[column.label] = counts
    purged = {row[0] for row in rows("SELECT DISTINCT receipt FROM events WHERE kind = 'purged'")}
    codes = Counter(
        keys.hashed_with(code_hash)
        for receipt, code_hash in rows("SELECT receipt, code_hash FROM petitions")
        if receipt not in purged
    )
    return KeyUse(keys.fingerprint, keys.retired_fingerprints, sealed, codes)


def _key_of(keys: Keyring, token: str, context: str) -> str:
    named = keys.sealed_with(token)
    if named is not None:
        return named
    try:
        return keys.opened_with(token, context)[1]
    except Exception:  # noqa: BLE001 - bad base64, a bad tag: no key of the ring opens it
        return UNOPENED
