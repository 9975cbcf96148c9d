"""Read-only queries, one module per page or concern; nothing here writes. A function that
reads the store takes a session first, aggregates in SQL and returns a dataclass or a DataFrame
with documented columns; beside them, the SQL pieces they share (`scope`, `events`) and the
pure functions that roll a query's frame up for a page (the `*_of` functions, filters)."""
