"""The package's version, in a module of its own: the caches key on it and the pages print
it, and neither may import the package itself (which would run the public API's imports)."""

__version__ = "0.1.0"
