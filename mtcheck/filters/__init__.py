"""Filters applied to findings after the engines: inline suppressions, a baseline, changed lines."""
