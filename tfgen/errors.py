"""Failures that are the user's to fix before tfgen can run at all (exit code 2)."""


class UsageError(Exception):
    """A bad option or a path that does not exist; the message is shown as is."""
