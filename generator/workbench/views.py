"""Every module that adds views to the route table, imported once so their routes register, and nothing more."""

from __future__ import annotations

from generator.workbench import assets, consultations, enrol, home, signin

MODULES = (assets, signin, enrol, home, consultations)
