"""Wrong and malformed answers for the exercises of 01-internet."""
from exercise_cases import Case

CASES = [
    Case(
        check="check_parse_status_line(parse_status_line)",
        wrong='def parse_status_line(line):\n    return tuple(line.strip().split(" ", 2))\n',
        wrong_says="as int",
        malformed="def parse_status_line(line):\n    return line.split(\" \")[1]\n",
        malformed_says="should return a tuple",
    ),
    Case(
        check="check_build_get_request(build_get_request)",
        wrong=('def build_get_request(host, path, headers):\n'
               '    lines = [f"GET {path} HTTP/1.1", f"Host: {host}"]\n'
               '    lines += [f"{k}: {v}" for k, v in headers.items()]\n'
               '    return ("\\n".join(lines) + "\\n\\n").encode()\n'),
        wrong_says="request line",
        malformed=('def build_get_request(host, path, headers):\n'
                   '    return f"GET {path} HTTP/1.1\\r\\nHost: {host}\\r\\n\\r\\n"\n'),
        malformed_says="you returned a str",
    ),
    Case(
        check="check_cached_get(cached_get)",
        wrong=('import requests\n'
               'def cached_get(url, cache):\n'
               '    r = requests.get(url, timeout=5)\n'
               '    cache[url] = (r.headers["ETag"], r.text)\n'
               '    return r.text\n'),
        wrong_says="no If-None-Match header",
        malformed=('def cached_get(url, cache):\n'
                   '    return cache[url][1]\n'),
        malformed_says="raised KeyError",
    ),
]
