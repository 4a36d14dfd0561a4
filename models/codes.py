"""Verification codes printed on certificates and receipts: random, typed back by visitors."""

import secrets

# Crockford base32 without look-alikes; 16 characters carry 80 random bits.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_code():
    raw = "".join(secrets.choice(ALPHABET) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def normalise_code(text):
    """Upper case, dashes in the right places, whatever the visitor typed."""
    raw = "".join(ch for ch in (text or "").upper() if ch in ALPHABET)[:16]
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))
