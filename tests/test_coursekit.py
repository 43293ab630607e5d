"""Unit tests of the helper package that every chapter imports."""
from __future__ import annotations

import json
import socket
import socketserver
import threading
from http.server import BaseHTTPRequestHandler

import pytest
import requests
import sqlalchemy as sa

import coursekit
from coursekit import Feedback, NotYet, call, checker, count_statements, expect, quiz


def hello_app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [f"hello {environ['PATH_INFO']}".encode()]


def port_is_closed(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


# --- servers ----------------------------------------------------------------

def test_serve_wsgi_answers_on_loopback_and_stops():
    with coursekit.serve_wsgi(hello_app) as server:
        assert server.host == "127.0.0.1" and server.port > 0
        assert server.url == f"http://127.0.0.1:{server.port}"
        assert requests.get(server.url + "/x", timeout=5).text == "hello /x"
    assert port_is_closed(server.port)
    assert not [t for t in threading.enumerate() if t.name.startswith("coursekit-server")]


def test_serve_wsgi_stops_even_when_the_block_raises():
    with pytest.raises(RuntimeError):
        with coursekit.serve_wsgi(hello_app) as server:
            raise RuntimeError("boom")
    assert port_is_closed(server.port)


def test_serve_wsgi_serves_concurrent_requests():
    gate = threading.Barrier(2, timeout=5)

    def app(environ, start_response):       # both requests must be in flight at once
        gate.wait()
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]

    with coursekit.serve_wsgi(app) as server:
        results = []
        threads = [threading.Thread(target=lambda: results.append(requests.get(server.url, timeout=5).status_code))
                   for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert results == [200, 200]


def test_serve_handler_silences_the_log_and_stops(capsys):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(204)
            self.end_headers()

    with coursekit.serve_handler(Handler) as server:
        assert requests.get(server.url, timeout=5).status_code == 204
    assert capsys.readouterr().err == ""
    assert port_is_closed(server.port)


def test_running_serves_a_udp_server():
    class Echo(socketserver.BaseRequestHandler):
        def handle(self):
            data, sock = self.request
            sock.sendto(data.upper(), self.client_address)

    server = socketserver.UDPServer(("127.0.0.1", 0), Echo)
    with coursekit.running(server) as info:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as client:
            client.settimeout(5)
            client.sendto(b"ping", info.address)
            assert client.recvfrom(100)[0] == b"PING"
    assert server.socket.fileno() == -1, "the socket is closed"


# --- SQL statement counter ----------------------------------------------------

def test_count_statements_counts_and_detaches():
    engine = sa.create_engine("duckdb:///:memory:")
    with engine.connect() as conn:
        conn.execute(sa.text("select 1"))                     # the driver's own first-connect queries
        with count_statements(engine) as counter:
            conn.execute(sa.text("create table t (x integer)"))
            conn.execute(sa.text("insert into t values (1), (2)"))
            conn.execute(sa.text("select * from t"))
        conn.execute(sa.text("select 2"))                     # after the block: not counted
    engine.dispose()
    assert counter.count == 3
    assert len(counter.matching("select")) == 1 and counter.matching("INSERT")[0].startswith("insert")


# --- checkers -----------------------------------------------------------------

@checker
def check_double(double):
    got = call(double, 21)
    expect(isinstance(got, int), f"double(21) should return an int, got {type(got).__name__}.")
    expect(got == 42, f"double(21) should be 42, got {got}.")
    return "double works."


def test_checker_accepts_a_right_answer():
    feedback = check_double(lambda x: 2 * x)
    assert feedback.ok and bool(feedback) and repr(feedback) == "✅ Correct: double works."


def test_checker_explains_a_wrong_answer():
    feedback = check_double(lambda x: x + 2)
    assert not feedback.ok and repr(feedback) == "❌ Not yet: double(21) should be 42, got 23."


@pytest.mark.parametrize("answer, says", [
    (42, "`your function` should be a function, but it is int"),
    (lambda x: 1 / 0, "raised ZeroDivisionError: division by zero"),
    (lambda x: str(2 * x), "should return an int, got str"),
])
def test_checker_explains_malformed_answers(answer, says):
    feedback = check_double(answer)
    assert not feedback.ok and says in feedback.message


def test_checker_names_an_unfinished_stub():
    def double(x):
        raise NotImplementedError

    assert "`double` is still the stub" in check_double(double).message


def test_checker_never_raises_even_on_its_own_surprises():
    @checker
    def check_len(value):
        expect(len(value) == 2, "two items")     # len() of an int raises TypeError

    feedback = check_len(5)
    assert isinstance(feedback, Feedback) and not feedback.ok
    assert "could not be checked (TypeError" in feedback.message


def test_not_yet_is_an_exception_with_its_message():
    with pytest.raises(NotYet, match="nope"):
        expect(False, "nope")


# --- quizzes ------------------------------------------------------------------

def test_show_quiz_output_is_deterministic(monkeypatch, tmp_path):
    (tmp_path / "99-demo.json").write_text(json.dumps([{
        "question": "2 + 2?", "type": "multiple_choice",
        "answers": [{"answer": "4", "correct": True, "feedback": "Yes."},
                    {"answer": "5", "correct": False, "feedback": "No."}]}]))
    monkeypatch.setattr(quiz, "QUIZ_DIR", tmp_path)
    shown = []
    monkeypatch.setattr("jupyterquiz.dynamic.display.display", lambda obj: shown.append(obj.data))
    import random
    random.seed(1)
    before = random.random()
    random.seed(1)
    coursekit.show_quiz("99-demo")
    first = list(shown)
    shown.clear()
    coursekit.show_quiz("99-demo")
    assert first == shown and "2 + 2?" in first[1]
    assert random.random() == before, "the caller's random state is untouched"


@pytest.mark.parametrize("questions, says", [
    ("not json", "is not valid JSON"),
    ([], "non-empty list"),
    ([{"question": "q", "type": "essay", "answers": []}], "'type' must be one of"),
    ([{"question": "q", "type": "multiple_choice",
       "answers": [{"answer": "a", "correct": True, "feedback": "f"},
                   {"answer": "b", "correct": True, "feedback": "f"}]}], "exactly one correct"),
    ([{"question": "q", "type": "many_choice",
       "answers": [{"answer": "a", "correct": True}]}], "'feedback'"),
])
def test_load_quiz_rejects_malformed_quizzes(monkeypatch, tmp_path, questions, says):
    text = questions if isinstance(questions, str) else json.dumps(questions)
    (tmp_path / "99-bad.json").write_text(text)
    monkeypatch.setattr(quiz, "QUIZ_DIR", tmp_path)
    with pytest.raises(quiz.QuizError, match=says):
        quiz.load_quiz("99-bad")


def test_load_quiz_names_a_missing_file():
    with pytest.raises(quiz.QuizError, match="no quiz file 00-none.json"):
        quiz.load_quiz("00-none")


def test_a_kept_alive_connection_does_not_delay_the_stop():
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"           # keep-alive: the client holds the connection

        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

    import time
    with requests.Session() as session:
        with coursekit.serve_handler(Handler, timeout=30) as server:
            assert session.get(server.url, timeout=5).text == "ok"
            start = time.perf_counter()
        assert time.perf_counter() - start < 2, "stopping waited for the idle connection"


def test_many_simultaneous_connections_are_queued_not_dropped():
    with coursekit.serve_wsgi(hello_app) as server:
        clients = [socket.create_connection(server.address, timeout=5) for _ in range(40)]
        try:
            for c in clients:
                c.sendall(b"GET /q HTTP/1.0\r\nHost: x\r\n\r\n")
            answers = [c.makefile("rb").read() for c in clients]
        finally:
            for c in clients:
                c.close()
    assert all(a.startswith(b"HTTP/1.0 200") and a.endswith(b"hello /q") for a in answers)


def test_long_feedback_is_wrapped_to_the_output_width():
    feedback = Feedback(False, "word " * 40)
    lines = repr(feedback).splitlines()
    assert len(lines) > 1 and all(len(line) <= coursekit.checks.WIDTH for line in lines)
    assert " ".join(repr(feedback).split()) == "❌ Not yet: " + " ".join(["word"] * 40)


# --- a time limit on the learner's code ---------------------------------------

def test_call_with_seconds_stops_an_endless_loop_with_a_clear_message():
    from coursekit.checks import TooSlow
    import time

    def spin(x):
        while True:
            pass

    start = time.monotonic()
    with pytest.raises(TooSlow) as info:
        call(spin, 1, seconds=0.5)
    assert time.monotonic() - start < 2.0
    assert isinstance(info.value, NotYet)
    assert "`spin` did not return within" in str(info.value)
    assert "loop that never ends" in str(info.value)


@pytest.mark.parametrize("exc, says", [(SystemExit("give up"), "raised SystemExit: give up"),
                                       (SystemExit(), "raised SystemExit;"),
                                       (KeyboardInterrupt(), "raised KeyboardInterrupt")])
def test_call_with_seconds_turns_system_exit_into_not_yet(exc, says):
    from coursekit.checks import Escaped

    def leave():
        raise exc

    with pytest.raises(Escaped) as info:
        call(leave, seconds=1)
    assert isinstance(info.value, NotYet) and info.value.exc is exc
    assert says in str(info.value) and "should return its result" in str(info.value)
    with pytest.raises(type(exc)):      # without a time limit, call lets them through as before
        call(leave)


def test_call_with_seconds_leaves_a_normal_call_unchanged():
    def double(x, *, times=2):
        return x * times

    assert call(double, 21, seconds=1) == 42
    assert call(double, 21, name="double", seconds=1, times=3) == 63
    with pytest.raises(NotYet, match="still the stub"):
        call(lambda: (_ for _ in ()).throw(NotImplementedError), seconds=1)
    with pytest.raises(NotYet, match=r"raised ZeroDivisionError"):
        call(lambda: 1 / 0, seconds=1)


def test_time_limit_restores_the_previous_trace_function():
    import sys
    from coursekit.checks import TimeLimit, time_limit

    def spin():
        while True:
            pass

    def outer(frame, event, arg):
        return None

    previous = sys.gettrace()
    sys.settrace(outer)
    try:
        call(abs, -1, seconds=1)
        assert sys.gettrace() is outer
        with pytest.raises(NotYet):
            call(spin, seconds=0.2)
        assert sys.gettrace() is outer
        with pytest.raises(TimeLimit):
            with time_limit(0.2):
                spin()
        assert sys.gettrace() is outer
    finally:
        sys.settrace(previous)
