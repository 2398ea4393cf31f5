"""One small exception hierarchy with stable codes.

Codes are part of the interface: analysts grep logs and reject tables for them, so a code is never reused
for another meaning. E0xx: input problems (the article is recorded as rejected, the batch goes on).
E1xx: usage problems (exit status 2). E2xx: environment problems (a model or data file missing, a store that
cannot be opened or written). E3xx: internal errors (a bug, reported for the one input it hit).
"""

from __future__ import annotations


class EventwireError(Exception):
    code = "E000"
    exit_status = 1

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def line(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"error {self.code}: {where}{self.message}"


class InputNotFound(EventwireError):
    code = "E001"


class UndecodableInput(EventwireError):
    code = "E002"


class EmptyText(EventwireError):
    code = "E003"


class MalformedJSON(EventwireError):
    code = "E004"


class UnsupportedInput(EventwireError):
    code = "E005"


class InvalidField(EventwireError):
    code = "E006"


class InputTooLarge(EventwireError):
    code = "E007"


class UnsafeInput(EventwireError):
    """XML that declares entities or external references (entity bombs, XXE): refused, never parsed."""

    code = "E008"


class UnsupportedLanguage(EventwireError):
    """An article in a language that has no pipeline (or whose language cannot be told): not coded."""

    code = "E010"


class Superseded(EventwireError):
    """An article replaced, in the same batch, by a later input with the same id and another text."""

    code = "E011"


class UsageError(EventwireError):
    code = "E100"
    exit_status = 2


class ModelUnavailable(EventwireError):
    code = "E200"


class DataFileError(EventwireError):
    code = "E201"


class OutputError(EventwireError):
    """An output file or directory that cannot be written (export)."""

    code = "E205"


class InternalError(EventwireError):
    """A failure eventwire did not foresee while reading or coding one input (a bug to report): that input is
    recorded with this code and the batch goes on."""

    code = "E300"
