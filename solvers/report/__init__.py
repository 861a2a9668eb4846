"""The report: the essay analysed end to end as LaTeX, Markdown and JSON with figures (``aligngames report``)."""
