"""Amounts in Chinese capitals (大写金额), as receipts and vouchers write them.

Follows the usual bookkeeping rules: 壹拾 not 拾; one 零 for a run of zeros inside the yuan;
no 零 between 元 and 角 (壹仟贰佰元伍角整); 零 before 分 when there is no 角 (壹元零伍分);
整 when there is no 分.
"""

from decimal import ROUND_HALF_UP, Decimal

DIGITS = "零壹贰叁肆伍陆柒捌玖"
UNITS = ("", "拾", "佰", "仟")
SECTIONS = ("", "万", "亿", "万亿")


def _yuan(whole):
    """The yuan part, without 元: 1005 → 壹仟零伍, 100000 → 壹拾万."""
    text = str(whole)
    out, zero = [], False
    for index, char in enumerate(text):
        place = len(text) - 1 - index
        digit = int(char)
        if digit == 0:
            zero = True
        else:
            if zero and out:
                out.append("零")
            zero = False
            out.append(DIGITS[digit] + UNITS[place % 4])
        if place % 4 == 0 and place > 0 and int(text[max(0, index - 3) : index + 1]):
            out.append(SECTIONS[place // 4])
    return "".join(out)


def capitals(amount):
    """An amount in yuan (Decimal, ≥ 0) in capitals: 1200.5 → 壹仟贰佰元伍角整."""
    amount = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if amount < 0:
        return "负" + capitals(-amount)
    fen_total = int(amount * 100)
    whole, jiao, fen = fen_total // 100, fen_total // 10 % 10, fen_total % 10
    text = _yuan(whole) + "元" if whole else ""
    if jiao:
        text += DIGITS[jiao] + "角"
    elif fen and whole:
        text += "零"
    if fen:
        return text + DIGITS[fen] + "分"
    return (text or "零元") + "整"
