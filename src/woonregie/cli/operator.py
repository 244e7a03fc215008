"""Who a terminal command acts as (without the Typer and Rich of cli/context.py, so the
fast paths of cli/launch.py can use it too)."""

from __future__ import annotations

import getpass

from woonregie.domain.enums import OrgKind
from woonregie.services.access import Principal, Role


def operator(role: Role = Role.OPERATOR) -> Principal:
    """Who a terminal command acts as, for access (services/access.py) and in the audit log:
    the OS user, as operator (beheer), or in the role the use case demands (the auditor for an
    audit export)."""
    return Principal(0, f"cli:{getpass.getuser()}", role, "-", OrgKind.GEMEENTE)
