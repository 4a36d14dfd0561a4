"""Identifiers for the people tests: real check digits, and the same numbers broken."""

# GB 11643 resident ID numbers (the first is the standard's own example), all valid.
IDS = ("11010519491231002X", "33020319850612002X", "330203199203041513", "110101199003071233")
# One digit of the check or of the body changed: the check digit no longer fits.
BAD_CHECK_IDS = ("110105194912310021", "33020319850612002Y"[:-1] + "3", "330203199203041514")
# Credit codes of real registered organisations (GB 32100 check characters).
CREDIT_CODES = ("9144030071526726XG", "914403001922038216", "51100000500010993L")
BAD_CHECK_CODES = ("9144030071526726XH", "914403001922038217", "51100000500010993M")
