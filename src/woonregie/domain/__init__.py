"""Pure domain model: data and rules, no I/O."""
