"""Wrong and malformed answers for the exercises of 04-languages."""
from exercise_cases import Case

_HEALTH = ('@route("GET", r"/health")\n'
           'def health(environ):\n'
           '    return {status}, {body}\n\n')

_OK_HEALTH = _HEALTH.format(status='"200 OK"', body='{"status": "ok"}')

# A middleware; {add} builds the new header list, {guard} may skip some responses.
_MIDDLEWARE = ('def versioned(app):\n'
               '    def wrapped(environ, start_response):\n'
               '        def start(status, headers, exc_info=None):\n'
               '            {guard}headers = {add}\n'
               '            return start_response(status, headers, exc_info)\n'
               '        return app(environ, start)\n'
               '    return wrapped\n')


def _versioned(add='headers + [("API-Version", "1")]', guard=""):
    return _MIDDLEWARE.format(add=add, guard=guard)


_ORDER = ('class Order(BaseModel):\n'
          '    {config}\n'
          '    product_id: int = Field({pid})\n'
          '    quantity: int = Field({qty})\n')


def _order(config='model_config = ConfigDict(strict=True, extra="forbid")', pid="ge=1",
           qty="ge=1, le=100"):
    return _IMPORTS + _ORDER.format(config=config, pid=pid, qty=qty)


_VALIDATOR = ('\n    @field_validator("product_id", "quantity", mode="before")\n'
              '    @classmethod\n'
              '    def check(cls, value):\n'
              '        {body}\n'
              '        return value\n')
_NO_STR = _VALIDATOR.format(body='if isinstance(value, str):\n            raise ValueError("no strings")')
_RAISES = _VALIDATOR.replace('"product_id", "quantity", mode="before"', '"quantity"').format(
    body='if value > 100:\n            raise {exc}("too many")')
_SPINS = _VALIDATOR.format(body="while True:\n            pass")
_NO_PRICE = ('\n    @model_validator(mode="before")\n'
             '    @classmethod\n'
             '    def no_price(cls, data):\n'
             '        if "price" in data:\n'
             '            raise ValueError("no price")\n'
             '        return data\n')
_IMPORTS = ("from typing import Optional\n"
            "from pydantic import StrictFloat, StrictInt, field_validator, model_validator\n")

CASES = [
    Case(
        check="check_health_and_version(app, versioned)",
        # misses the point of a middleware: the header only on successful responses
        wrong=_OK_HEALTH + _versioned(guard='if status.startswith("2"):\n                '),
        wrong_says="404 response to GET /no/such/page has no API-Version header",
        malformed=_OK_HEALTH + "versioned = 42\n",
        malformed_says="should be a function",
        more_wrong=(
            # the header added in the route, not in a middleware: the 404 lacks it
            ('@route("GET", r"/health")\n'
             'def health(environ):\n'
             '    return "200 OK", {"status": "ok"}\n\n'
             'def versioned(app):\n'
             '    return app\n', "200 response to GET /health has no API-Version header"),
            # replaces the app's headers instead of adding to them
            (_OK_HEALTH + _versioned(add='[("API-Version", "1")]'), "lost the app's own Content-Type header"),
            # forgets to return the wrapped app's body
            (_OK_HEALTH + _versioned().replace("        return app(environ, start)\n",
                                               "        app(environ, start)\n"),
             "raised TypeError"),
            # the header value as an int: wsgiref refuses it
            (_OK_HEALTH + _versioned(add='headers + [("API-Version", 1)]'), "raised AssertionError"),
            # the health route answers text, not JSON
            (_HEALTH.format(status='"200 OK"', body='"ok"') + _versioned(), "expected {\"status\": \"ok\"}"),
            # the health route with the wrong status
            (_HEALTH.format(status='"201 Created"', body='{"status": "ok"}') + _versioned(),
             "answered 201, expected 200"),
            # the route registered on another path
            ('@route("GET", r"/healthz")\n'
             'def health(environ):\n'
             '    return "200 OK", {"status": "ok"}\n\n'
             '@route("GET", r"/health")\n'
             'def health_stub(environ):\n'
             '    return "404 Not Found", {"error": "gone"}\n\n' + _versioned(),
             "answered 404: register the route"),
            # rebuilds the header list: Content-Type and the version kept, the app's others lost
            (_OK_HEALTH + _versioned(add='[("Content-Type", "application/json"), '
                                         '("API-Version", "1")]'), "keep the app's headers"),
            # keeps only the app's Content-Type, plus the version
            (_OK_HEALTH + _versioned(add='[h for h in headers if h[0] == "Content-Type"] '
                                         '+ [("API-Version", "1")]'), "lost the app's own"),
            # a cheat: the route left as the stub, the middleware answers /health itself
            ('@route("GET", r"/health")\n'
             'def health(environ):\n'
             '    raise NotImplementedError\n\n'
             'def versioned(app):\n'
             '    def wrapped(environ, start_response):\n'
             '        if environ["PATH_INFO"] == "/health":\n'
             '            start_response("200 OK", [("Content-Type", "application/json"),\n'
             '                                      ("API-Version", "1")])\n'
             '            return [b\'{"status": "ok"}\']\n'
             '        def start(status, headers, exc_info=None):\n'
             '            return start_response(status, headers + [("API-Version", "1")], exc_info)\n'
             '        return app(environ, start)\n'
             '    return wrapped\n', "the `health` route is still the stub"),
            # start without the exc_info parameter of PEP 3333
            (_OK_HEALTH + _MIDDLEWARE.format(add='headers + [("API-Version", "1")]', guard="")
             .replace("def start(status, headers, exc_info=None):", "def start(status, headers):")
             .replace("start_response(status, headers, exc_info)", "start_response(status, headers)"),
             "optional third argument, exc_info"),
            # a body of str, and start_response never called
            (_OK_HEALTH + 'def versioned(app):\n'
                          '    def wrapped(environ, start_response):\n'
                          '        return "ok"\n'
                          '    return wrapped\n', "without calling start_response"),
            # the middleware never returns: the check must end, with a clear message
            (_OK_HEALTH + 'def versioned(app):\n'
                          '    def wrapped(environ, start_response):\n'
                          '        while True:\n'
                          '            pass\n'
                          '    return wrapped\n', "got no answer within 5 s"),
            # the route never returns
            (_HEALTH.format(status='"200 OK"', body='{"status": "ok"}').replace(
                "    return", "    while True:\n        pass\n    return") + _versioned(),
             "on `app` alone got no answer within 5 s"),
            # SystemExit from the learner's code becomes feedback
            (_OK_HEALTH + 'def versioned(app):\n    raise SystemExit(2)\n', "raised SystemExit"),
        ),
    ),
    Case(
        check="check_order_model(Order)",
        # misses the point: plain int fields accept negative quantities and strings of digits
        wrong="class Order(BaseModel):\n    product_id: int\n    quantity: int\n",
        wrong_says='POST /orders {"product_id": 1, "quantity": 0} (a quantity of 0) was answered 201',
        malformed='Order = {"product_id": int, "quantity": int}\n',
        malformed_says="should be a pydantic model class",
        more_wrong=(
            # bounds but lax mode: "2" is converted
            (_order(config='model_config = ConfigDict(extra="forbid")'), "a quantity sent as a string"),
            # strict but no upper bound
            (_order(qty="ge=1"), "a quantity over 100"),
            # extra fields ignored (pydantic's default)
            (_order(config="model_config = ConfigDict(strict=True)"), "an unknown field, price"),
            # ge=0: zero accepted
            (_order(qty="ge=0, le=100"), "a quantity of 0"),
            # no bound on product_id
            (_order(pid=""), "a product_id of 0"),
            # the quantity optional with a default of 1
            (_order(qty="default=1, ge=1, le=100"), "a missing quantity"),
            # quantity as float: 2.5 accepted
            (_order().replace("quantity: int", "quantity: float"), "a fractional quantity"),
            # gt=1 by mistake: a valid order of 1 refused
            (_order(qty="gt=1, le=100"), "was refused with 422"),
            # a field renamed
            (_order().replace("quantity:", "qty:"), "should have the fields product_id and quantity"),
            # product_id as a float: 1.5 accepted
            (_order(config='model_config = ConfigDict(extra="forbid")').replace(
                "product_id: int", "product_id: StrictFloat").replace("quantity: int", "quantity: StrictInt"),
             "a fractional product_id"),
            # lax float product_id with a validator refusing strings
            (_order(config='model_config = ConfigDict(extra="forbid")').replace(
                "product_id: int", "product_id: float") + _NO_STR, "a fractional product_id"),
            # refuses the key "price" only, instead of every undeclared field
            (_order(config="model_config = ConfigDict(strict=True)") + _NO_PRICE,
             "an unknown field other than price"),
            # nullable fields
            (_order().replace(": int", ": Optional[int]"), "null for both fields"),
            # lax ints with a validator refusing strings: true and 2.0 get through
            (_order(config='model_config = ConfigDict(extra="forbid")') + _NO_STR,
             "a product_id sent as a boolean"),
            # product_id capped at 100, which the task does not ask
            (_order(pid="ge=1, le=100"), "with a product_id over 100"),
            # a validator raising RuntimeError: a 500, reported without a traceback
            (_order(qty="ge=1") + _RAISES.format(exc="RuntimeError"), "your model raised RuntimeError"),
            # SystemExit in a validator becomes feedback
            (_order(qty="ge=1") + _RAISES.format(exc="SystemExit"), "your model raised SystemExit"),
            # a validator that never returns: the check ends, with a clear message
            (_order() + _SPINS, "got no answer within 5 s"),
        ),
    ),
]
