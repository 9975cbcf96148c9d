"""Plotly figures the pages draw: the shared layout and number formats (`base`), the
openings-and-closures charts (`activity`), the online-presence charts (`presence`)."""
