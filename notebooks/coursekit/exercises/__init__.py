"""Exercise checkers, one module per chapter (``internet.py`` for ``01-internet``)."""
