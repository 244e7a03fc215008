"""Domain errors. Messages are Dutch: they reach users."""


class DomainError(ValueError):
    """A rule of the domain was broken."""


class IllegalTransition(DomainError):
    """A status change a state machine (domain/state_machine.py) does not allow.

    `rule` names the rule that failed (`state_machine.Rule`), so a caller can point at the
    field to blame (the target, the reason or the date) without re-deriving the rules.
    """

    def __init__(self, source: str, target: str, why: str, rule: str = "niet_toegestaan") -> None:
        self.source = source
        self.target = target
        self.rule = rule
        super().__init__(f"Statuswijziging {source} → {target} is niet toegestaan: {why}")
