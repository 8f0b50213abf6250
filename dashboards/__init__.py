"""Plotly figure builders whose data comes only from DuckDB queries (issue 7)."""
