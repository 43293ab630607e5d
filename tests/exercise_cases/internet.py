"""Wrong and malformed answers for the exercises of 01-internet."""
from exercise_cases import Case

# A request builder; each wrong answer below changes one part of it.
_REQUEST = ('def build_get_request(host, path, headers):\n'
            '    lines = [f"GET {{path}} HTTP/1.1", {host_line}]\n'
            '    lines += [f"{{k}}{colon}{{v}}" for k, v in {items}]\n'
            '    return ("{eol}".join(lines) + "{end}").encode()\n')


def _request(host_line='f"Host: {host}"', colon=": ", items="headers.items()", eol="\\r\\n",
             end="\\r\\n\\r\\n"):
    return _REQUEST.format(host_line=host_line, colon=colon, items=items, eol=eol, end=end)


# A revalidating cache; each wrong answer below changes one part of it.
_CACHED = ('import requests\n'
           'def cached_get(url, cache):\n'
           '    headers = {{"If-None-Match": {sent}}} if url in cache else {{}}\n'
           '    r = requests.get(url, headers=headers, timeout=5)\n'
           '{on_304}'
           '    {store}\n'
           '    return {result}\n')
_ON_304 = '    if r.status_code == 304:\n        return cache[url][1]\n'


def _cached(sent="cache[url][0]", on_304=_ON_304, store='cache[url] = (r.headers["ETag"], r.text)',
            result="r.text"):
    return _CACHED.format(sent=sent, on_304=on_304, store=store, result=result)


CASES = [
    Case(
        check="check_parse_status_line(parse_status_line)",
        # misses the point: the reason phrase is everything after the code, not one word
        wrong=('def parse_status_line(line):\n'
               '    parts = line.split()\n'
               '    return parts[0], int(parts[1]), parts[2] if len(parts) > 2 else ""\n'),
        wrong_says="everything after the code",
        malformed="def parse_status_line(line):\n    return line.split(\" \")[1]\n",
        malformed_says="should return a tuple",
        more_wrong=(
            # split into words and join them again: two spaces in a row become one
            ('def parse_status_line(line):\n'
             '    version, code, *words = line.split()\n'
             '    return version, int(code), " ".join(words)\n',
             "exactly as sent"),
            # strip() first: the 204 line with an empty reason loses its last space, and unpacking fails
            ('def parse_status_line(line):\n'
             '    version, code, reason = line.strip().split(" ", 2)\n'
             '    return version, int(code), reason\n',
             "parse_status_line('HTTP/1.1 204 \\r\\n')"),
            # the code left as a string
            ('def parse_status_line(line):\n'
             '    return tuple(line.rstrip("\\r\\n").split(" ", 2))\n',
             "as int"),
            # a list where the task asks for a tuple
            ('def parse_status_line(line):\n'
             '    version, code, reason = line.rstrip("\\r\\n").split(" ", 2)\n'
             '    return [version, int(code), reason]\n',
             "a list, not a tuple"),
            # the line ending kept in the reason
            ('def parse_status_line(line):\n'
             '    version, code, reason = line.split(" ", 2)\n'
             '    return version, int(code), reason\n',
             "strip the line ending"),
        ),
    ),
    Case(
        check="check_build_get_request(build_get_request)",
        # misses the point: an HTTP/1.1 request without Host
        wrong=('def build_get_request(host, path, headers):\n'
               '    lines = [f"GET {path} HTTP/1.1"]\n'
               '    lines += [f"{k}: {v}" for k, v in headers.items()]\n'
               '    return ("\\r\\n".join(lines) + "\\r\\n\\r\\n").encode()\n'),
        wrong_says="no Host header",
        malformed=('def build_get_request(host, path, headers):\n'
                   '    return f"GET {path} HTTP/1.1\\r\\nHost: {host}\\r\\n\\r\\n"\n'),
        malformed_says="returned a str",
        more_wrong=(
            # LF line endings
            (_request(eol="\\n", end="\\n\\n"),
             "CRLF"),
            # no empty line at the end of the head
            (_request(end="\\r\\n"),
             "must end with an empty line"),
            # the extra headers forgotten
            ('def build_get_request(host, path, headers):\n'
             '    return f"GET {path} HTTP/1.1\\r\\nHost: {host}\\r\\n\\r\\n".encode()\n',
             "header Accept: application/json is missing"),
            # only the first extra header
            (_request(items="list(headers.items())[:1]"),
             "Accept-Language: pt, en;q=0.5 is missing"),
            # the port dropped from Host
            (_request(host_line='f"Host: {host.split(\':\')[0]}"'),
             "expected one Host header with 'shop.example:8080'"),
            # the headers sorted, not in their order
            (_request(items="sorted(headers.items())"),
             "in their order"),
            # Host after the other headers
            ('def build_get_request(host, path, headers):\n'
             '    lines = [f"GET {path} HTTP/1.1"] + [f"{k}: {v}" for k, v in headers.items()]\n'
             '    lines.append(f"Host: {host}")\n'
             '    return ("\\r\\n".join(lines) + "\\r\\n\\r\\n").encode()\n',
             "put Host first"),
            # an extra empty line after the head
            (_request(end="\\r\\n\\r\\n\\r\\n"),
             "nothing may follow it"),
            # a space before the colon
            (_request(host_line='f"Host : {host}"', colon=" : "),
             "no space is allowed between the name and the colon"),
            # a whole URL in Host
            (_request(host_line='f"Host: http://{host}"'),
             "expected one Host header with 'shop.example'"),
        ),
    ),
    Case(
        check="check_cached_get(cached_get)",
        # misses the point: no conditional request at all
        wrong=('import requests\n'
               'def cached_get(url, cache):\n'
               '    r = requests.get(url, timeout=5)\n'
               '    cache[url] = (r.headers["ETag"], r.text)\n'
               '    return r.text\n'),
        wrong_says="no If-None-Match header",
        malformed=('def cached_get(url, cache):\n'
                   '    return cache[url][1]\n'),
        malformed_says="raised KeyError",
        more_wrong=(
            # sends If-None-Match, but returns (and stores) the empty body of the 304
            (_cached(on_304=""),
             "return the cached body"),
            # never replaces the cache entry once the resource changed
            (_cached(store='cache.setdefault(url, (r.headers["ETag"], r.text))'),
             "replace the cache entry"),
            # stores the ETag as sent, but sends it without its W/
            (_cached(sent='cache[url][0].removeprefix("W/")'),
             "send the stored ETag exactly"),
            # returns the cached body on a 304 but stores the 304's empty body
            (_cached(on_304="    body = cache[url][1] if r.status_code == 304 else r.text\n", result="body"),
             "should hold the body of the last 200"),
            # forgets the entry on a 304
            (_cached(on_304=_ON_304.replace('cache[url][1]', 'cache.pop(url)[1]')),
             "`cache[url]` is missing"),
            # stores whatever comes back, a 503 included
            (_cached(store='cache[url] = (r.headers.get("ETag"), r.text)'),
             "leave the cache entry as it was"),
            # serves from the cache without asking
            ('import requests\n'
             'def cached_get(url, cache):\n'
             '    if url in cache:\n'
             '        return cache[url][1]\n'
             '    r = requests.get(url, timeout=5)\n'
             '    cache[url] = (r.headers["ETag"], r.text)\n'
             '    return r.text\n',
             "no request reached the server"),
            # async def: requests is synchronous
            ('import requests\n'
             'async def cached_get(url, cache):\n'
             '    return requests.get(url, timeout=5).text\n',
             "not `async def`"),
            # "cleans" the ETag: drops W/ and the quotes
            (_cached(store='cache[url] = (r.headers["ETag"].removeprefix("W/").strip(\'"\'), r.text)'),
             "exactly as the server sent it"),
        ),
    ),
]
