"""Wrong and malformed answers for the exercises of 05-version-control."""
from exercise_cases import Case

_BLOB = ('import hashlib\n'
         'def blob_id(data):\n'
         '    return hashlib.sha1({header} + data).{digest}()\n')

_RESOLVED = ('resolved_price_py = {quote}def total(prices, tax=0.0, discount=0.0, currency="EUR"):\n'
             '    return {body}\n'
             '{quote}\n')
_BOTH = 'f"{sum(prices) * (1 - discount) * (1 + tax):.2f} {currency}"'

CASES = [
    Case(
        check="check_blob_id(blob_id)",
        # misses the point: the SHA-1 of the content, without git's object header
        wrong=_BLOB.format(header='b""', digest="hexdigest"),
        wrong_says="content alone",
        malformed=('def blob_id(data):\n'
                   '    return hashlib.sha1(data.encode()).hexdigest()\n'),
        malformed_says="AttributeError",
        more_wrong=(
            # the length of the text in characters, not in bytes
            ('import hashlib\n'
             'def blob_id(data):\n'
             '    text = data.decode("utf-8", "replace")\n'
             '    return hashlib.sha1(b"blob %d\\0" % len(text) + data).hexdigest()\n',
             "characters, not bytes"),
            # raw digest bytes instead of hex digits
            (_BLOB.format(header='b"blob %d\\0" % len(data)', digest="digest"), "40 hex digits"),
            # the header without its NUL byte
            (_BLOB.format(header='b"blob %d" % len(data)', digest="hexdigest"), "does not end the way"),
            # a space instead of the NUL byte
            (_BLOB.format(header='b"blob %d " % len(data)', digest="hexdigest"), "differs from git's"),
            # the hex digits as upper case
            ('import hashlib\n'
             'def blob_id(data):\n'
             '    return hashlib.sha1(b"blob %d\\0" % len(data) + data).hexdigest().upper()\n',
             "40 lowercase hex digits"),
            # the stub left as it is
            ('def blob_id(data):\n    raise NotImplementedError\n', "still the stub"),
            # asking git instead of computing the id (the exercise says: hashlib, no git)
            ('import subprocess\n'
             'def blob_id(data):\n'
             '    return subprocess.run(["git", "hash-object", "--stdin"], input=data,\n'
             '                          capture_output=True).stdout.decode().strip()\n',
             "started a program"),
            # a table of the visible inputs, as each failure revealed them
            ('import hashlib\n'
             'from coursekit.exercises.version_control import _BLOBS\n'
             '_IDS = {b: hashlib.sha1(b"blob %d\\0" % len(b) + b).hexdigest() for b in _BLOBS}\n'
             'def blob_id(data):\n'
             '    return _IDS.get(data, "0" * 40)\n',
             "a random input of"),
            # git's output with its newline left on
            ('import hashlib\n'
             'def blob_id(data):\n'
             '    return hashlib.sha1(b"blob %d\\0" % len(data) + data).hexdigest() + "\\n"\n',
             "whitespace around them"),
            # a space in front
            ('import hashlib\n'
             'def blob_id(data):\n'
             '    return " " + hashlib.sha1(b"blob %d\\0" % len(data) + data).hexdigest()\n',
             "whitespace around them"),
            # an endless loop: stopped by the checker's deadline
            ('def blob_id(data):\n    while True:\n        pass\n', "did not return within"),
            # giving up with sys.exit() or an interrupt: feedback, not an escaping exception
            ('import sys\ndef blob_id(data):\n    sys.exit("give up")\n', "raised SystemExit: give up"),
            ('def blob_id(data):\n    raise KeyboardInterrupt\n', "raised KeyboardInterrupt"),
            # the header's length off by one
            (_BLOB.format(header='b"blob %d\\0" % (len(data) + 1)', digest="hexdigest"), "off by one"),
            # SHA-256 instead of SHA-1
            (_BLOB.format(header='b"blob %d\\0" % len(data)', digest="hexdigest").replace("sha1", "sha256"),
             "64 hex digits"),
        ),
    ),
    Case(
        check="check_resolution(resolved_price_py)",
        # misses the point: main's side only, the other branch's change dropped
        wrong=('from coursekit.exercises.version_control import OURS\n'
               'resolved_price_py = OURS\n'),
        wrong_says="taking one side",
        malformed="resolved_price_py = 42\n",
        malformed_says="should be a str",
        more_wrong=(
            # the other side only
            (('from coursekit.exercises.version_control import THEIRS\n'
             'resolved_price_py = THEIRS\n'), "taking one side"),
            # the conflicted file left as git wrote it, markers and all
            (('from coursekit.exercises.version_control import conflict_text\n'
             'resolved_price_py = conflict_text()\n'), "conflict markers"),
            # both features in the signature, but the discount ignored in the body
            (_RESOLVED.format(quote="'''", body='f"{sum(prices) * (1 + tax):.2f} {currency}"'),
             "discount=0.5"),
            # both features, but a number instead of text with the currency
            (_RESOLVED.format(quote="'''", body="round(sum(prices) * (1 - discount) * (1 + tax), 2)"),
             "test_price.py failed"),
            # the two sides pasted one after the other: the second definition wins
            (('from coursekit.exercises.version_control import OURS, THEIRS\n'
             'resolved_price_py = OURS + "\\n" + THEIRS\n'), "test_price.py failed"),
            # a resolution that does not compile
            (_RESOLVED.format(quote="'''", body=_BOTH + ")"), "SyntaxError"),
            # any exit with status 0 while the test imports price.py
            ('resolved_price_py = "import sys\\nsys.exit(0)\\n"\n', "stopped before its last check"),
            ('resolved_price_py = "import os\\nos._exit(0)\\n"\n', "stopped before its last check"),
            # a wrong total() (no discount) plus a leftover debugging block that exits
            (_RESOLVED.format(quote="'''", body='f"{sum(prices) * (1 + tax):.2f} {currency}"\n'
                              'import sys\nif sys.argv[0].endswith(".py"):\n'
                              '    print(total([10, 20]))\n    sys.exit(0)'),
             "stopped before its last check"),
            # the closing marker left inside the docstring (IPython turns its ">>> " into "")
            ("resolved_price_py = '''def total(prices, tax=0.0, discount=0.0, currency=\"EUR\"):\n"
             '    """The bill.\n'
             '>>>>>>> currency\n'
             '    """\n'
             '    return ' + _BOTH + "\n'''\n", "conflict markers"),
            # the closing marker left at the end of the file
            (_RESOLVED.format(quote="'''", body=_BOTH + '\n>>>>>>> currency'), "on line 3"),
            # a table of the four visible test calls
            ("resolved_price_py = '''def total(prices, tax=0.0, discount=0.0, currency=\"EUR\"):\n"
             '    return {(0.0, 0.0, "EUR"): "30.00 EUR", (0.1, 0.0, "EUR"): "33.00 EUR",\n'
             '            (0.0, 0.5, "EUR"): "15.00 EUR", (0.1, 0.5, "USD"): "16.50 USD"}'
             "[(tax, discount, currency)]\n'''\n", "hidden case"),
            # an endless loop when price.py is imported
            ('resolved_price_py = "while True:\\n    pass\\n"\n', "did not finish within"),
            # the resolution as a list of lines
            ('resolved_price_py = ' + repr(["def total(prices):", "    return 0"]) + '\n', "should be a str"),
        ),
    ),
]
