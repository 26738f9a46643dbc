"""A draft 意见采纳情况 from staff's decisions on the comments: the counts and the text an
editor pastes into a consultation's `feedback`, and nothing more."""

from __future__ import annotations

import datetime as dt

import yaml

from generator.petitions.comment_store import DECISIONS, Comment, tally


def feedback_text(comments: list[Comment]) -> str:
    """The counts in a sentence, then each decided comment's clause and reason by decision."""
    counts = tally(comments)
    undecided = counts["received"] - sum(counts[key] for key in DECISIONS)
    lines = [
        f"征求意见期间通过网站共收到意见 {counts['received']} 条，其中采纳 {counts['adopted']} 条、"
        f"部分采纳 {counts['partly']} 条、未采纳 {counts['declined']} 条"
        + (f"，另有 {undecided} 条尚在研究。" if undecided else "。")
    ]
    for key, label in DECISIONS.items():
        decided = [c for c in comments if c.decision == key]
        if not decided:
            continue
        lines += ["", f"**{label} {len(decided)} 条**：", ""]
        for comment in decided:
            subject = f"关于{comment.clause}" if comment.clause else "总体意见"
            reason = f"：{comment.reason}" if comment.reason else ""
            lines.append(f"- {subject}{reason}")
    return "\n".join(lines)


class _BlockDumper(yaml.SafeDumper):
    """Writes text with line breaks as a `|` block, as an editor writes it."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_BlockDumper.add_representer(str, _text)


def feedback_yaml(comments: list[Comment], day: dt.date) -> str:
    """The `feedback:` block for the consultation's file, dated `day`."""
    counts = tally(comments)
    block = {
        "feedback": {
            "date": day,
            "received": counts["received"],
            "adopted": counts["adopted"],
            "partly": counts["partly"],
            "declined": counts["declined"],
            "text": feedback_text(comments) + "\n",
        }
    }
    return yaml.dump(block, Dumper=_BlockDumper, allow_unicode=True, sort_keys=False, width=1000)
