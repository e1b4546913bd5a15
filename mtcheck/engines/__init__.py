"""Engines: peers behind one interface (``check(document, context) -> Iterable[Finding]``)."""
