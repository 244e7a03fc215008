"""Use cases: transactions, authorisation, audit, imports."""
