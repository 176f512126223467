#!/usr/bin/env python3
"""SymPy's sizes for the simplification-quality table of `npm run bench -- simplify`.

Run once, from the repository root, and commit the output:
    /usr/bin/python3 scripts/sympy_simplify_sizes.py > bench/fixtures/sympy_simplify_sizes.json

For each case of a fixed corpus of derivatives (difflab's input in textbook
notation, the same function in SymPy, the variable and the order) it records
SymPy's derivative in several forms: `diff` (SymPy's automatic form, what
`sympy.diff` returns), and `expand`, `cancel`, `factor`, `simplify` of it.
Each form is written as SymPy prints it (`str`, which difflab's parser reads
back, so the bench counts its operators exactly as it counts difflab's), with
`sympy.count_ops` beside it and the time SymPy took (diff plus the rewrite,
the median of a few runs, in ms).
"""
import json
import statistics
import sys
import time

import sympy as sp

x, y, z = sp.symbols('x y z')

# (group, difflab input, SymPy expression, variable, order)
CASES = [
    # First derivatives of textbook functions.
    ('first', 'x² sin x', x**2 * sp.sin(x), x, 1),
    ('first', 'eˣ cos x', sp.exp(x) * sp.cos(x), x, 1),
    ('first', 'ln(x² + 1)', sp.log(x**2 + 1), x, 1),
    ('first', 'tan x', sp.tan(x), x, 1),
    ('first', 'xˣ', x**x, x, 1),
    ('first', '√(1 + x²)', sp.sqrt(1 + x**2), x, 1),
    ('first', 'sin(x)/x', sp.sin(x) / x, x, 1),
    ('first', 'x e^(−x²)', x * sp.exp(-x**2), x, 1),
    ('first', '(x + 1)/(x − 1)', (x + 1) / (x - 1), x, 1),
    ('first', 'ln(sin x)', sp.log(sp.sin(x)), x, 1),
    ('first', 'arctan(x/y)', sp.atan(x / y), x, 1),
    ('first', 'ln x + x²y − sin(xy)', sp.log(x) + x**2 * y - sp.sin(x * y), x, 1),
    # Quotients needing cancelling.
    ('cancel', 'x(x² − 1)/(x − 1)', x * (x**2 - 1) / (x - 1), x, 1),
    ('cancel', '(x³ − 1)/(x − 1)', (x**3 - 1) / (x - 1), x, 1),
    ('cancel', 'ln((x² − 1)/(x + 1))', sp.log((x**2 - 1) / (x + 1)), x, 1),
    ('cancel', '(x² − y²)/(x − y)', (x**2 - y**2) / (x - y), x, 1),
    ('cancel', '(x z² + y z)/z³', (x * z**2 + y * z) / z**3, z, 1),
    ('cancel', 'ln(−z − y)', sp.log(-z - y), z, 1),
    # Sums needing factoring.
    ('factor', 'x³y/3 + 2x³/3', x**3 * y / 3 + 2 * x**3 / 3, x, 1),
    ('factor', 'x²eˣ', x**2 * sp.exp(x), x, 1),
    ('factor', 'x³ ln x', x**3 * sp.log(x), x, 1),
    ('factor', 'x² y² sin x', x**2 * y**2 * sp.sin(x), y, 1),
    # Higher orders.
    ('higher', 'tan x', sp.tan(x), x, 3),
    ('higher', 'e^(x²)', sp.exp(x**2), x, 4),
    ('higher', 'x ln x', x * sp.log(x), x, 5),
    ('higher', '1/(1 + x²)', 1 / (1 + x**2), x, 2),
    ('higher', 'sin(x)/x', sp.sin(x) / x, x, 3),
    ('higher', '2yx sin(x) cos(x) ln(x) eˣ', 2 * y * x * sp.sin(x) * sp.cos(x) * sp.log(x) * sp.exp(x), x, 6),
]

FORMS = {
    'diff': lambda d: d,
    'expand': sp.expand,
    'cancel': sp.cancel,
    'factor': sp.factor,
    'simplify': sp.simplify,
}


def timed(f):
    """f's result and its median time in ms over up to 5 runs (one run when slow)."""
    times = []
    out = None
    while len(times) < 5:
        sp.core.cache.clear_cache()  # time SymPy's work, not its cache
        t0 = time.perf_counter()
        out = f()
        times.append((time.perf_counter() - t0) * 1000)
        if sum(times) > 3000:
            break
    return out, statistics.median(times)


def main():
    cases = []
    for group, text, f, v, n in CASES:
        d, diff_ms = timed(lambda: sp.diff(f, v, n))
        forms = {}
        for name, rewrite in FORMS.items():
            r, ms = timed(lambda: rewrite(d))
            forms[name] = {
                'text': str(r),
                'count_ops': int(sp.count_ops(r)),
                'ms': round(diff_ms + (0 if name == 'diff' else ms), 3),
            }
        cases.append({'group': group, 'input': text, 'wrt': str(v), 'order': n, 'forms': forms})
    json.dump({
        'generator': 'scripts/sympy_simplify_sizes.py',
        'sympy': sp.__version__,
        'python': sys.version.split()[0],
        'cases': cases,
    }, sys.stdout, ensure_ascii=False, indent=1)
    print()


if __name__ == '__main__':
    main()
