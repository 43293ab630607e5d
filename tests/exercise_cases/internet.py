"""Wrong and malformed answers for the exercises of 01-internet."""
from exercise_cases import Case

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
            ('def build_get_request(host, path, headers):\n'
             '    lines = [f"GET {path} HTTP/1.1", f"Host: {host}"]\n'
             '    lines += [f"{k}: {v}" for k, v in headers.items()]\n'
             '    return ("\\n".join(lines) + "\\n\\n").encode()\n',
             "CRLF"),
            # no empty line at the end of the head
            ('def build_get_request(host, path, headers):\n'
             '    lines = [f"GET {path} HTTP/1.1", f"Host: {host}"]\n'
             '    lines += [f"{k}: {v}" for k, v in headers.items()]\n'
             '    return ("\\r\\n".join(lines) + "\\r\\n").encode()\n',
             "must end with an empty line"),
            # the extra headers forgotten
            ('def build_get_request(host, path, headers):\n'
             '    return f"GET {path} HTTP/1.1\\r\\nHost: {host}\\r\\n\\r\\n".encode()\n',
             "header Accept: application/json is missing"),
            # only the first extra header
            ('def build_get_request(host, path, headers):\n'
             '    lines = [f"GET {path} HTTP/1.1", f"Host: {host}"]\n'
             '    lines += [f"{k}: {v}" for k, v in list(headers.items())[:1]]\n'
             '    return ("\\r\\n".join(lines) + "\\r\\n\\r\\n").encode()\n',
             "Accept-Language: pt, en;q=0.5 is missing"),
            # the port dropped from Host
            ('def build_get_request(host, path, headers):\n'
             '    lines = [f"GET {path} HTTP/1.1", f"Host: {host.split(\':\')[0]}"]\n'
             '    lines += [f"{k}: {v}" for k, v in headers.items()]\n'
             '    return ("\\r\\n".join(lines) + "\\r\\n\\r\\n").encode()\n',
             "expected one Host header with 'shop.example:8080'"),
            # the headers sorted, not in their order
            ('def build_get_request(host, path, headers):\n'
             '    lines = [f"GET {path} HTTP/1.1", f"Host: {host}"]\n'
             '    lines += [f"{k}: {v}" for k, v in sorted(headers.items())]\n'
             '    return ("\\r\\n".join(lines) + "\\r\\n\\r\\n").encode()\n',
             "in their order"),
            # Host after the other headers
            ('def build_get_request(host, path, headers):\n'
             '    lines = [f"GET {path} HTTP/1.1"] + [f"{k}: {v}" for k, v in headers.items()]\n'
             '    lines.append(f"Host: {host}")\n'
             '    return ("\\r\\n".join(lines) + "\\r\\n\\r\\n").encode()\n',
             "put Host first"),
            # an extra empty line after the head
            ('def build_get_request(host, path, headers):\n'
             '    lines = [f"GET {path} HTTP/1.1", f"Host: {host}"]\n'
             '    lines += [f"{k}: {v}" for k, v in headers.items()]\n'
             '    return ("\\r\\n".join(lines) + "\\r\\n\\r\\n\\r\\n").encode()\n',
             "nothing may follow it"),
            # a space before the colon
            ('def build_get_request(host, path, headers):\n'
             '    lines = [f"GET {path} HTTP/1.1", f"Host : {host}"]\n'
             '    lines += [f"{k} : {v}" for k, v in headers.items()]\n'
             '    return ("\\r\\n".join(lines) + "\\r\\n\\r\\n").encode()\n',
             "no space is allowed between the name and the colon"),
            # a whole URL in Host
            ('def build_get_request(host, path, headers):\n'
             '    lines = [f"GET {path} HTTP/1.1", f"Host: http://{host}"]\n'
             '    lines += [f"{k}: {v}" for k, v in headers.items()]\n'
             '    return ("\\r\\n".join(lines) + "\\r\\n\\r\\n").encode()\n',
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
            ('import requests\n'
             'def cached_get(url, cache):\n'
             '    headers = {"If-None-Match": cache[url][0]} if url in cache else {}\n'
             '    r = requests.get(url, headers=headers, timeout=5)\n'
             '    cache[url] = (r.headers["ETag"], r.text)\n'
             '    return r.text\n',
             "return the cached body"),
            # never replaces the cache entry once the resource changed
            ('import requests\n'
             'def cached_get(url, cache):\n'
             '    headers = {"If-None-Match": cache[url][0]} if url in cache else {}\n'
             '    r = requests.get(url, headers=headers, timeout=5)\n'
             '    if r.status_code == 304:\n'
             '        return cache[url][1]\n'
             '    cache.setdefault(url, (r.headers["ETag"], r.text))\n'
             '    return r.text\n',
             "replace the cache entry"),
            # stores the ETag as sent, but sends it without its W/
            ('import requests\n'
             'def cached_get(url, cache):\n'
             '    headers = {"If-None-Match": cache[url][0].removeprefix("W/")} if url in cache else {}\n'
             '    r = requests.get(url, headers=headers, timeout=5)\n'
             '    if r.status_code == 304:\n'
             '        return cache[url][1]\n'
             '    cache[url] = (r.headers["ETag"], r.text)\n'
             '    return r.text\n',
             "send the stored ETag exactly"),
            # returns the cached body on a 304 but stores the 304's empty body
            ('import requests\n'
             'def cached_get(url, cache):\n'
             '    headers = {"If-None-Match": cache[url][0]} if url in cache else {}\n'
             '    r = requests.get(url, headers=headers, timeout=5)\n'
             '    body = cache[url][1] if r.status_code == 304 else r.text\n'
             '    cache[url] = (r.headers["ETag"], r.text)\n'
             '    return body\n',
             "should hold the body of the last 200"),
            # forgets the entry on a 304
            ('import requests\n'
             'def cached_get(url, cache):\n'
             '    headers = {"If-None-Match": cache[url][0]} if url in cache else {}\n'
             '    r = requests.get(url, headers=headers, timeout=5)\n'
             '    if r.status_code == 304:\n'
             '        return cache.pop(url)[1]\n'
             '    cache[url] = (r.headers["ETag"], r.text)\n'
             '    return r.text\n',
             "`cache[url]` is missing"),
            # stores whatever comes back, a 503 included
            ('import requests\n'
             'def cached_get(url, cache):\n'
             '    headers = {"If-None-Match": cache[url][0]} if url in cache else {}\n'
             '    r = requests.get(url, headers=headers, timeout=5)\n'
             '    if r.status_code == 304:\n'
             '        return cache[url][1]\n'
             '    cache[url] = (r.headers.get("ETag"), r.text)\n'
             '    return r.text\n',
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
            ('import requests\n'
             'def cached_get(url, cache):\n'
             '    headers = {"If-None-Match": cache[url][0]} if url in cache else {}\n'
             '    r = requests.get(url, headers=headers, timeout=5)\n'
             '    if r.status_code == 304:\n'
             '        return cache[url][1]\n'
             '    cache[url] = (r.headers["ETag"].removeprefix("W/").strip(\'"\'), r.text)\n'
             '    return r.text\n',
             "exactly as the server sent it"),
        ),
    ),
]
