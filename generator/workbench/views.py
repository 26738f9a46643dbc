"""Every module that adds views to the route table, imported once so their routes register, and nothing more."""

from __future__ import annotations

from generator.workbench import (
    assets,
    audit_views,
    consultations,
    enrol,
    figures_page,
    home,
    outbox,
    petition_actions,
    petition_page,
    published_answers,
    signin,
    template_views,
)

MODULES = (
    assets,
    signin,
    enrol,
    home,
    petition_page,
    petition_actions,
    template_views,
    audit_views,
    published_answers,
    figures_page,
    outbox,
    consultations,
)
