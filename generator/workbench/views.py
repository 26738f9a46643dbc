"""Every module that adds views to the route table, imported once so their routes register, and nothing more."""

from __future__ import annotations

from generator.workbench import assets, enrol, figures_page, home, published_answers, signin

MODULES = (assets, signin, enrol, home, published_answers, figures_page)
