"""coursekit: the plumbing that the course's chapter notebooks share.

Everything a lesson is *about* stays inline in its notebook. What lives here is
what many chapters need and no chapter teaches:

- :func:`serve_wsgi`, :func:`serve_asgi`, :func:`serve_handler`, :func:`running`:
  run a server on 127.0.0.1 on a free port in a background thread, always shut
  down afterwards;
- :func:`count_statements`: count the SQL statements an SQLAlchemy engine runs;
- :func:`checker`, :class:`NotYet`, :func:`expect`, :func:`call`: exercise
  checkers that answer with clear feedback and never a raw traceback;
- :func:`show_quiz`: display ``quizzes/NN-<id>.json`` with jupyterquiz, the
  same way in JupyterLab and in the static book.

Notebooks import it as ``from coursekit import ...``: the package sits beside
them in ``notebooks/``, so no install step is needed anywhere.
"""
from .checks import Feedback, NotYet, call, checker, expect
from .quiz import load_quiz, show_quiz
from .servers import Server, running, serve_asgi, serve_handler, serve_wsgi
from .sql import StatementCounter, count_statements

__all__ = [
    "Feedback", "NotYet", "call", "checker", "expect",
    "load_quiz", "show_quiz",
    "Server", "running", "serve_asgi", "serve_handler", "serve_wsgi",
    "StatementCounter", "count_statements",
]
