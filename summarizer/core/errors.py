"""Errors the CLI maps to exit codes; messages never carry secrets."""


class SummarizerError(Exception):
    exit_code = 1


class InputError(SummarizerError):
    """Bad input data (exit 65, EX_DATAERR)."""

    exit_code = 65


class NoInputError(SummarizerError):
    """Nothing to read (exit 66, EX_NOINPUT)."""

    exit_code = 66


class BackendError(SummarizerError):
    """The model backend is unavailable or failed for now (exit 75, EX_TEMPFAIL)."""

    exit_code = 75


class AnswerError(SummarizerError):
    """The model's answer to one question failed validation after the allowed re-asks."""


class UsageError(SummarizerError):
    """An option or value the command cannot use (exit 2, as argparse's own)."""

    exit_code = 2


class CannotCreateError(SummarizerError):
    """The output file cannot be created (exit 73, EX_CANTCREAT), found before any work."""

    exit_code = 73
