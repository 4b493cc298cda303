"""Renderers: one small module per output format."""
