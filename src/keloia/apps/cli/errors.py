"""Errors an operator can fix: one line on stderr, non-zero exit, no traceback."""


class OperatorError(Exception):
    pass
