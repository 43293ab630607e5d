"""Count the SQL statements an SQLAlchemy engine sends to the database.

    with count_statements(engine) as counter:
        ...ORM code...
    counter.count        # how many statements ran
    counter.statements   # their SQL text, in order

It listens to the engine's ``before_cursor_execute`` event, so it sees every
statement the DBAPI cursor executes, whether it came from the ORM, Core or
``text()``, and removes its listener when the block ends.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:                   # SQLAlchemy is imported on first use: chapters without an
    from sqlalchemy.engine import Engine    # ORM do not pay for it when they import coursekit


@dataclass
class StatementCounter:
    statements: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.statements)

    def matching(self, word: str) -> list[str]:
        """The statements that start with ``word`` (case-insensitive), e.g. "SELECT"."""
        word = word.upper()
        return [s for s in self.statements if s.lstrip().upper().startswith(word)]


@contextmanager
def count_statements(engine: Engine) -> Iterator[StatementCounter]:
    from sqlalchemy import event

    counter = StatementCounter()

    def before(conn, cursor, statement, parameters, context, executemany):
        counter.statements.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield counter
    finally:
        event.remove(engine, "before_cursor_execute", before)
