"""Phone numbers as people type them ("0812-3456-7890", "62812...", "+62 812 ...") to E.164."""

from __future__ import annotations

import phonenumbers


def to_e164(raw: str, region: str = "ID") -> str | None:
    """The E.164 form of a valid number, or None. Numbers without a country code are
    read as Indonesian."""
    try:
        number = phonenumbers.parse(raw.strip(), region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
