"""Community funds (微基金 "1+X"): the append-only ledger, its figures, boards and statements."""
