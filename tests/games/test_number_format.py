"""The one number formatter (games._text.format_number) with units: the forms the report, the command line
and the figures print, checked against values written out by hand."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

from games._text import format_number, latex_escape, unit_style


@pytest.mark.parametrize("value,unit,expected", [
    (16_250, "USD", "$16,250"),                    # the essay's marginal value
    (440_000, "USD", "$440,000"),                  # below a million in full
    (6_500_000, "USD", "$6.5m"),                   # the VSL
    (5_815_000, "USD", "$5.815m"),                 # four significant digits
    (28_000_000_000, "USD", "$28bn"),
    (-1_000_000_000_000, "USD", "-$1tn"),
    (400_000_000_000_000, "USD", "$400tn"),        # the essay's $400 trillion
    (4e16, "USD", "$4 × 10¹⁶"),                    # beyond the short scale: a power of ten
    (35_000, "USD / year", "$35,000/year"),
    (Fraction(1, 20), "probability", "5%"),
    (sympy.Rational(4, 5), "share of the market", "80%"),
    (Fraction(1, 3), "probability", "33.33%"),
    (5, "years", "5 years"),
    (1, "years", "1 year"),
    (8_000_000_000, "people", "8 billion"),
    (150, "people", "150"),
])
def test_units(value, unit, expected):
    assert format_number(value, unit=unit) == expected


def test_signed_gains_and_latex():
    assert format_number(2.8e10, unit="USD", signed=True) == "+$28bn"
    assert format_number(-76_250, unit="USD", signed=True) == "-$76,250"
    assert format_number(16_250, unit="USD", latex=True) == "\\$16{,}250"
    assert format_number(0.05, unit="probability", latex=True) == "5\\%"
    assert format_number(4e16, unit="USD", latex=True) == "\\$\\ensuremath{4 \\times 10^{16}}"


def test_never_python_e_notation():
    assert format_number(4e15) == "4 × 10¹⁵" and format_number(2.5e-7) == "2.5 × 10⁻⁷"
    assert format_number(4e15, latex=True) == "\\ensuremath{4 \\times 10^{15}}"
    assert "e+" not in format_number(1.23e20) and "e-" not in format_number(1e-9)


def test_exact_rationals_keep_their_decimal():
    assert format_number(sympy.Rational(61, 400), exact="both") == "61/400 ≈ 0.1525"


def test_unit_styles():
    assert [unit_style(u) for u in ("USD", "USD (payoff unit of the game)", "probability (absolute)", "ratio",
                                   "researchers", "")] == ["money", "money", "percent", "plain", "count", "plain"]


def test_latex_escape_of_what_the_formatter_writes():
    assert latex_escape("61/400 ≈ 0.1525") == "61/400 \\ensuremath{\\approx} 0.1525"
    assert latex_escape("4 × 10¹⁵") == "4 \\ensuremath{\\times} 10\\textsuperscript{15}"
