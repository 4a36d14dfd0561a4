"""Patterns of catalogue text fields: vetted when saved, so that matching a value stays quick.

Python's `re` backtracks and has no timeout: a pattern such as (a|a)*b takes seconds on 26
characters. A pattern is accepted only when the ways the engine can split a value are bounded:
no repetition inside a variable repetition, no alternatives inside one, no backreferences, and
at most MAX_WAYS splits in all, counting an open-ended repetition as MAX_INPUT choices. Values
longer than MAX_INPUT are refused before a pattern ever runs on them.
"""

import functools
import re
from re import _constants as sre  # the stdlib parser's tree is what `re` runs
from re import _parser

from flask_babel import gettext as _

MAX_INPUT = 200  # the longest value a pattern is matched against
MAX_WAYS = 10**7  # e.g. three open-ended repetitions (200³) — milliseconds at MAX_INPUT

REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
INVALID, NESTED, BACKREFERENCE, TOO_OPEN = "invalid", "nested", "backreference", "too_open"


class _Refused(Exception):
    """The pattern is refused for the reason in args[0]."""


def _ways(items):
    """How many ways, at most, the items can split a value of MAX_INPUT characters."""
    total = 1
    for op, arg in items:
        if op in REPEATS:
            low, high, body = arg
            inner = _ways(body)
            low, high = min(low, MAX_INPUT), min(high, MAX_INPUT)
            if high <= 1:  # optional: the body once, or nothing
                total *= inner + (low == 0)
            elif high > low:  # each count is a way; a body with choices of its own explodes
                if inner > 1:
                    raise _Refused(NESTED)
                total *= high - low + 1
            else:
                total *= min(inner**low, MAX_WAYS + 1)
        elif op is sre.BRANCH:
            total *= sum(_ways(branch) for branch in arg[1])
        elif op is sre.SUBPATTERN:
            total *= _ways(arg[3])
        elif op is sre.ATOMIC_GROUP:
            total *= _ways(arg)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            total *= _ways(arg[1])
        elif op in (sre.GROUPREF, sre.GROUPREF_EXISTS):
            raise _Refused(BACKREFERENCE)
        if total > MAX_WAYS:
            raise _Refused(TOO_OPEN)
    return total


@functools.lru_cache(maxsize=1024)
def verdict(pattern):
    """Why the pattern is refused (INVALID, NESTED, BACKREFERENCE, TOO_OPEN), or None."""
    try:
        re.compile(pattern)
        _ways(_parser.parse(pattern).data)
    except _Refused as exc:
        return exc.args[0]
    except (re.error, OverflowError, RecursionError, ValueError):
        return INVALID
    return None


def pattern_problem(pattern):
    """The message for a pattern that cannot be used, or None when it is fine."""
    reason = verdict(pattern)
    if reason == INVALID:
        return _("Not a valid regular expression.")
    if reason == BACKREFERENCE:
        return _("Backreferences such as \\1 are not allowed in a pattern.")
    if reason is not None:
        return _(
            "This pattern can take too long to check: do not repeat a group that itself "
            "repeats or has alternatives (like (a+)+ or (ab|c)*), and use at most three "
            "open-ended repetitions (*, +, {n,})."
        )
    return None
