"""Read-only queries, one module per page or concern. Every function takes a session first,
aggregates in SQL and returns a dataclass or a DataFrame with documented columns; nothing here
writes."""
