"""Domain errors. Messages are Dutch: they reach users."""


class DomainError(ValueError):
    """A rule of the domain was broken."""


class IllegalTransition(DomainError):
    """A status change that the person status machine does not allow."""

    def __init__(self, source: str, target: str, why: str) -> None:
        self.source = source
        self.target = target
        super().__init__(f"Statuswijziging {source} → {target} is niet toegestaan: {why}")
