"""Generated people and identifiers: names, ID numbers, phones, credit codes, addresses."""

from datetime import date, timedelta
from functools import cache

from stdnum.cn import ric, uscc

from seeds.demo_names import BIRTH_AREAS, GIVEN, MOBILE_PREFIXES, SURNAMES

_SURNAMES, _SURNAME_WEIGHTS = zip(*(s.split(":") for s in SURNAMES), strict=True)
_SURNAME_WEIGHTS = [int(w) for w in _SURNAME_WEIGHTS]
_AREAS = [(code, int(weight)) for code, weight in (a.split(":") for a in BIRTH_AREAS)]
# (first year, last year, share) of volunteers' and residents' birth years: many retirees
_BIRTH_BANDS = ((1950, 1965, 4), (1966, 1985, 3), (1986, 2006, 3))
_ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


@cache
def _areas(year):
    """Birth-place codes valid in a year: python-stdnum checks the year against the code's
    validity period (a slow lookup, hence the cache)."""
    probe = f"{year}0615001"
    return [
        (code, weight)
        for code, weight in _AREAS
        if ric.is_valid(code + probe + ric.calc_check_digit(code + probe + "0"))
    ]


def org_code_check(body):
    """The GB 11714 check character of an 8-character organisation code."""
    total = sum(int(c, 36) * w for c, w in zip(body, _ORG_CODE_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


class People:
    """Draws people and identifiers from one random stream, never repeating an ID or a code."""

    def __init__(self, rng):
        self.rng = rng
        self.id_numbers = set()
        self.mobiles = set()
        self.credit_codes = set()

    def name(self, gender):
        surname = self.rng.choices(_SURNAMES, _SURNAME_WEIGHTS)[0]
        chars = GIVEN[gender]
        given = "".join(self.rng.choice(chars) for _ in range(self.rng.choice((1, 2, 2, 2))))
        return surname + given

    def birth_date(self):
        first, last, _share = self.rng.choices(_BIRTH_BANDS, [b[2] for b in _BIRTH_BANDS])[0]
        year = self.rng.randint(first, last)
        return date(year, 1, 1) + timedelta(days=self.rng.randrange(365))

    def id_number(self, birth, gender):
        """A unique resident ID number with a valid GB 11643 check digit."""
        codes, weights = zip(*_areas(birth.year), strict=True)
        while True:
            area = self.rng.choices(codes, weights)[0]
            parity = self.rng.choice("13579" if gender == "male" else "02468")
            body = f"{area}{birth:%Y%m%d}{self.rng.randrange(100):02d}{parity}"
            number = body + ric.calc_check_digit(body + "0")
            if number not in self.id_numbers:
                self.id_numbers.add(number)
                return number

    def person(self):
        """Name, gender, birth date and ID number of one adult."""
        gender = self.rng.choice(("male", "female"))
        birth = self.birth_date()
        return self.name(gender), gender, birth, self.id_number(birth, gender)

    def mobile(self, unique=True):
        while True:
            number = self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"
            if not unique or number not in self.mobiles:
                self.mobiles.add(number)
                return number

    def landline(self):
        """A Ningbo landline (area code 0574, eight digits starting with 8)."""
        return f"0574-8{self.rng.randrange(10**7):07d}"

    def credit_code(self, head, area, body_prefix):
        """A unique unified social credit code with valid GB 11714 and GB 32100 checks."""
        while True:
            digits = (str(self.rng.randrange(10)) for _ in range(8 - len(body_prefix)))
            body = body_prefix + "".join(digits)
            code17 = f"{head}{area}{body}{org_code_check(body)}"
            code = code17 + uscc.calc_check_digit(code17)
            if code not in self.credit_codes and uscc.is_valid(code):
                self.credit_codes.add(code)
                return code

    def address(self, compound):
        """A flat in a compound, and its building number (descriptions mention it)."""
        building = self.rng.randint(1, 32)
        unit, floor, room = self.rng.randint(1, 3), self.rng.randint(1, 18), self.rng.randint(1, 4)
        return f"{compound}{building}幢{unit}单元{floor}{room:02d}室", building
