"""Parsers: each turns one kind of document into a Standard. `detect` picks one by content."""
