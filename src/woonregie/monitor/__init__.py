"""The monitor engines (pure): the figures a region steers by, and the woonzorganalyse."""
