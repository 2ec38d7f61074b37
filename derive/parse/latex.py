"""The LaTeX of notes, slides and textbooks, cut into the tokens of ``expression``'s grammar.

SymPy's ``parse_latex`` is not used: its ANTLR backend needs antlr4 4.11 exactly, and
its Lark backend reads ``\\sigma(z)``, ``\\tanh(z)`` and ``x(1+x)`` ambiguously.  Here
each command becomes what it means for the grammar: ``\\tanh`` and ``\\operatorname{sech}``
a function name, ``\\sigma`` and ``\\alpha`` a name, ``\\cdot`` ``\\times`` ``\\ast`` a
product, ``\\left[`` ``\\bigl(`` ``\\{`` a bracket, ``^{\\prime}`` a prime, ``{\\rm e}`` and
``\\mathrm{e}`` Euler's number; ``\\frac`` and ``\\sqrt`` stay commands the parser reads
with their groups.  Spacing and sizing commands mean nothing and are dropped.  Anything
else (``\\input``, ``\\def``, ``\\write18``, ``\\int``) is refused with its column.  Letters
are single, as in TeX (``kz`` is k times z), except a run of letters that is a function's
name (``exp``, ``tanh``), which is that function.
"""

from __future__ import annotations

import difflib
import re

from .errors import ParseError
from .tokens import GREEK as GREEK_CHARACTERS
from .tokens import MAX_DIGITS, MAX_LENGTH, SUPERSCRIPTS, Token, superscript_tokens

#: a command, a number (whole: "100" is one token, not 1 0 0), a run of letters, spaces,
#: or one character
_TOKEN = re.compile(r"\\[A-Za-z]+\*?|\\.|[0-9]+(?:\.[0-9]+)?|\.[0-9]+|[A-Za-z]+|\s+|.", re.DOTALL)

#: Commands that are a function's name in the grammar.
FUNCTIONS = {
    "exp": "exp", "ln": "ln", "log": "log", "tanh": "tanh", "sinh": "sinh", "cosh": "cosh",
    "sin": "sin", "cos": "cos", "tan": "tan", "arctan": "atan", "arcsin": "asin", "arccos": "acos",
    "max": "max", "min": "min", "sech": "sech", "csch": "csch", "coth": "coth", "sec": "sec",
    "csc": "csc", "cot": "cot", "arcsinh": "asinh", "arctanh": "atanh", "arccosh": "acosh",
    "sgn": "sign", "Phi": "Phi",
}
GREEK = {
    "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "kappa", "lambda", "mu",
    "theta", "vartheta", "tau", "phi", "varphi", "pi", "sigma", "eta", "xi", "rho", "nu", "omega",
}
#: Commands with no meaning for the mathematics: sizes, spacing, styles.
IGNORED = {
    "left", "right", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl", "Biggr", "big", "Big",
    "bigg", "Bigg", "bigm", "Bigm", "middle", "displaystyle", "textstyle", "scriptstyle", "quad", "qquad",
    ",", ";", ":", "!", " ", "limits", "nolimits", "mathstrut", "strut", "nonumber", "notag",
}
#: Commands that are an operator or a bracket of the grammar.
SYMBOLS = {
    "cdot": "*", "times": "*", "ast": "*", "cdotp": "*", "div": "/", "lvert": "|", "rvert": "|",
    "vert": "|", "|": "|", "{": "\\{", "}": "\\}", "lbrace": "\\{", "rbrace": "\\}", "lbrack": "[",
    "rbrack": "]", "lparen": "(", "rparen": ")", "prime": "'", "colon": ":", "le": "<=", "leq": "<=",
    "ge": ">=", "geq": ">=", "lt": "<", "gt": ">", "neq": "!=", "ne": "!=",
}
#: Commands whose braced argument is a word: a function's or a constant's name.
WORD_FONTS = {"operatorname", "mathrm", "text", "textrm", "mathit", "mathsf", "textit", "mbox", "mathop"}
#: The fonts of an indicator's 1: \mathbb{1}\{z > 0\}, \mathbf{1}[z > 0], \mathbb{I}(z > 0).
INDICATOR_FONTS = {"mathbb", "mathbf", "mathds", "mathbbm", "boldsymbol", "bm"}
#: The old font switches: {\rm e}.
FONT_SWITCHES = {"rm", "it", "sf", "mathrm"}
COMMANDS = {"frac": "frac", "dfrac": "frac", "tfrac": "frac", "cfrac": "frac", "sqrt": "sqrt", "partial": "partial"}
#: Words written as functions (\operatorname{artanh}), to the grammar's name.
WORDS = {
    "artanh": "atanh", "arctanh": "atanh", "atanh": "atanh", "arsinh": "asinh", "arcsinh": "asinh",
    "asinh": "asinh", "arcosh": "acosh", "arccosh": "acosh", "acosh": "acosh", "arctan": "atan",
    "atan": "atan", "sgn": "sign", "sign": "sign", "ReLU": "relu", "relu": "relu", "Relu": "relu",
    "sigmoid": "sigmoid", "softplus": "softplus", "erf": "erf", "erfc": "erfc", "sech": "sech",
    "logit": "logit", "exp": "exp", "ln": "ln", "log": "log", "tanh": "tanh", "sinh": "sinh",
    "cosh": "cosh", "max": "max", "min": "min", "sigma": "sigma", "e": "e", "d": "d",
    "heaviside": "heaviside", "Heaviside": "heaviside", "step": "heaviside",
}
#: Runs of letters written without a backslash that are a function all the same.
BARE_WORDS = {"exp", "ln", "log", "tanh", "sinh", "cosh", "sech", "sin", "cos", "tan", "max", "min", "sqrt"}
_UNICODE = {"≤": "<=", "≥": ">=", "÷": "/", "⁄": "/", "∕": "/", "−": "-", "–": "-", "·": "*", "×": "*", "⋅": "*", "∗": "*", "′": "'", "’": "'"}


def looks_like_latex(text: str) -> bool:
    return "\\" in text or "{" in text


def tokenize_latex(source: str, *, max_length: int = MAX_LENGTH) -> list[Token]:
    """The grammar's tokens for a LaTeX expression, columns counted in ``source``."""
    if len(source) > max_length:
        raise ParseError(f"the input is {len(source)} characters long; at most {max_length} are read", text=source)
    raw = [(m.group(), m.start() + 1) for m in _TOKEN.finditer(source)]
    out: list[Token] = []
    cases = 0  # inside \begin{cases}: & separates a value from its condition
    i = 0
    while i < len(raw):
        text, column = raw[i]
        i += 1
        if text == "&" and cases:
            out.append(Token("op", "&", column))
            continue
        if text.isspace() or text in ("$", "&", "~"):
            continue
        if text in ("\\begin", "\\end"):
            i, cases = _environment(source, raw, i, text, column, out, cases)
            continue
        if cases and text.isalpha() and text in CASE_WORDS:
            if CASE_WORDS[text]:
                out.append(Token("name", CASE_WORDS[text], column))
            continue
        if cases and text in ("\\text", "\\mbox", "\\textrm", "\\mathrm"):
            j = _undefined_word(raw, i)
            if j is not None:  # \text{undefined} & z = 0: a value left out at a point
                out.append(Token("name", UNDEFINED, column))
                i = j
                continue
            j = _case_word(raw, i)
            if j is not None:
                word = "".join(t for t, _ in raw[i:j]).strip("{} ")
                if CASE_WORDS[word]:
                    out.append(Token("name", CASE_WORDS[word], column))
                i = j
                continue
        if text.startswith("\\") and len(text) > 1:
            i = _command(source, raw, i, text, column, out)
            continue
        if text in SUPERSCRIPTS:  # σ(z)², e⁻ᶻ typed among the LaTeX: one raised group
            run = text
            while i < len(raw) and raw[i][0] in SUPERSCRIPTS and raw[i][1] == column + len(run):
                run += raw[i][0]
                i += 1
            out.extend(superscript_tokens(run, column, source, braces=True))
            continue
        if text[0].isdigit() or text[0] == ".":
            if sum(c.isdigit() for c in text) > MAX_DIGITS:
                raise ParseError(f"a number with more than {MAX_DIGITS} digits", column, source)
            if text == "." and cases and _ends_a_case(raw, i):
                continue  # "z < 0. \\end{cases}": a full stop, as print sets cases
            if text == ".":
                raise ParseError("unexpected '.'", column, source)
            out.append(Token("number", text, column))
        elif text.isascii() and text.isalpha():
            if text in BARE_WORDS:
                out.append(Token("name", text, column))
            else:
                out.extend(Token("name", c, column + k) for k, c in enumerate(text))
        elif text in GREEK_CHARACTERS:
            out.append(Token("name", GREEK_CHARACTERS[text], column))
        elif text in _UNICODE:
            out.append(Token("op", _UNICODE[text], column))
        elif text in "+-*/^_()[]{}|,'=<>!:√":
            out.append(Token("op", text, column))
        elif text == "%":
            break  # a comment to the end
        else:
            what = repr(text) if text.isprintable() else f"character U+{ord(text):04X}"
            raise ParseError(f"unexpected {what}", column, source)
    return _primes(_over(out, source)) + [Token("end", "", len(source) + 1)]


def _ends_a_case(raw: list, i: int) -> bool:
    """Whether what follows raw[i - 1] ends a case (\\\\ or \\end), spaces apart."""
    while i < len(raw) and raw[i][0].isspace():
        i += 1
    return i < len(raw) and raw[i][0] in ("\\\\", "\\end")


#: words of a condition in cases: "for" and "if" say nothing, "otherwise" is the rest
CASE_WORDS = {"for": "", "if": "", "when": "", "otherwise": "otherwise", "else": "otherwise"}


#: a piece's value "undefined" (ReLU' at 0), as the parser reads it (no typed name can be it)
UNDEFINED = "⊥"
_UNDEFINED_WORDS = {"undefined", "not defined", "undef", "undef.", "does not exist", "doesn't exist", "n/a", "dne"}


def _undefined_word(raw: list, i: int) -> int | None:
    """The index after \\text{undefined} (\\text{does not exist}, \\text{n/a}) starting at raw[i], or None."""
    j = i
    while j < len(raw) and raw[j][0].isspace():
        j += 1
    if j >= len(raw) or raw[j][0] != "{":
        return None
    k = j + 1
    while k < len(raw) and raw[k][0] not in "{}" and k - j < 12:
        k += 1
    if k < len(raw) and raw[k][0] == "}" and " ".join("".join(t for t, _ in raw[j + 1: k]).split()).lower() \
            in _UNDEFINED_WORDS:
        return k + 1
    return None


def _case_word(raw: list, i: int) -> int | None:
    """The index after \\text{for} (a word of a condition) starting at raw[i], or None."""
    j = i
    while j < len(raw) and raw[j][0].isspace():
        j += 1
    if j + 2 < len(raw) + 1 and j < len(raw) and raw[j][0] == "{":
        k = j + 1
        words = []
        while k < len(raw) and raw[k][0] != "}":
            words.append(raw[k][0])
            k += 1
        if k < len(raw) and "".join(words).strip() in CASE_WORDS:
            return k + 1
    return None


def _environment(source: str, raw: list, i: int, text: str, column: int, out: list[Token], cases: int):
    """\\begin{cases} and \\end{cases}; any other environment is not read."""
    j = i
    name = ""
    if j < len(raw) and raw[j][0] == "{":
        k = j + 1
        while k < len(raw) and raw[k][0] != "}":
            name += raw[k][0]
            k += 1
        j = k + 1
    if name not in ("cases", "dcases"):
        shown = f"{text}{{{name}}}" if name else text
        raise ParseError(f"{shown[:30]}: this environment is not read inside a formula", column, source)
    if text == "\\begin":
        out.append(Token("command", "cases", column))
        return j, cases + 1
    if not cases:
        raise ParseError("\\end{cases} without \\begin{cases}", column, source)
    out.append(Token("op", "endcases", column))
    return j, cases - 1


def _command(source: str, raw: list, i: int, text: str, column: int, out: list[Token]) -> int:
    """Append the tokens of one command; the index of the raw token after it."""
    name = text[1:]
    if name.endswith("*"):
        name = name[:-1]
    if name in COMMANDS:
        out.append(Token("command", COMMANDS[name], column))
    elif name in FUNCTIONS:
        out.append(Token("name", FUNCTIONS[name], column))
    elif name in GREEK:
        out.append(Token("name", {"varepsilon": "epsilon", "varphi": "phi", "vartheta": "theta"}.get(name, name), column))
    elif name == "Theta":  # Θ(z): the step function as often as a constant Θ times z (not guessed)
        raise ParseError("\\Theta reads two ways: for the step function write \\mathbb{1}\\{z > 0\\} or "
                         "\\operatorname{heaviside}(z), for a constant times z write \\Theta \\cdot z", column, source)
    elif name in ("left", "right") and i < len(raw) and raw[i][0] == ".":
        at_point = "right|_" in source.replace(" ", "") or "right\\vert_" in source.replace(" ", "")
        raise ParseError(f"\\{name}. (an invisible bracket) is not read here" + (
            ": a value at a point (\\right|_{z=0}) is not read" if at_point else ""),
            column, source)
    elif name in IGNORED:
        pass
    elif name in SYMBOLS:
        out.append(Token("op", SYMBOLS[name], column))
    elif name == "\\":
        out.append(Token("op", "\\\\", column))
    elif name == "over":
        out.append(Token("op", "\\over", column))
    elif name in WORD_FONTS:
        return _word(source, raw, i, name, column, out)
    elif name in ("dot", "ddot"):
        return _dotted(source, raw, i, name, column, out)
    elif name in INDICATOR_FONTS:
        return _indicator(source, raw, i, name, column, out)
    elif name in FONT_SWITCHES:  # {\rm e}: the letters that follow are one word
        j = i
        while j < len(raw) and raw[j][0].isspace():
            j += 1
        if j < len(raw) and raw[j][0].isalpha():
            word = raw[j][0]
            if word not in WORDS and len(word) > 1 and word not in GREEK:
                raise ParseError(f"{text} {word} is not a function or constant derive knows", column, source)
            _append_word(source, word, raw[j][1], out)
            k = j + 1
            while k < len(raw) and raw[k][0].isspace():
                k += 1
            if out[-2:-1] and out[-2].kind == "op" and out[-2].text == "{" and k < len(raw) and raw[k][0] == "}":
                # {\rm d}: the group is the word alone (a brace left would hide the d of d/dz)
                del out[-2]
                return k + 1
            return j + 1
    else:
        shown = text if len(text) <= 20 else text[:17] + "..."
        raise ParseError(f"the LaTeX command {shown} is not read here", column, source)
    return i


def _dotted(source: str, raw: list, i: int, command: str, column: int, out: list[Token]) -> int:
    """\\dot\\sigma(z), \\dot{g}(z), \\ddot g: Newton's dot over a function's name, its derivative
    (\\sigma'(z), g''): one letter or Greek letter, then a prime per dot."""
    j = i
    while j < len(raw) and raw[j][0].isspace():
        j += 1
    braced = j < len(raw) and raw[j][0] == "{"
    k = j + 1 if braced else j
    letter = raw[k][0] if k < len(raw) else ""
    single = (len(letter) == 1 and letter.isascii() and letter.isalpha()) \
        or (letter.startswith("\\") and letter[1:] in GREEK)
    if not single or (braced and (k + 1 >= len(raw) or raw[k + 1][0] != "}")):
        raise ParseError(f"\\{command} is read over one letter only (\\{command}\\sigma, \\{command}{{g}})",
                         column, source)
    name = letter.lstrip("\\")
    out.append(Token("name", {"varphi": "phi", "vartheta": "theta"}.get(name, name), raw[k][1]))
    out.extend(Token("op", "'", column) for _ in range(2 if command == "ddot" else 1))
    return k + 2 if braced else k + 1


#: the name an indicator \mathbb{1} becomes (no typed name can be it)
INDICATOR = "𝟙"


def _indicator(source: str, raw: list, i: int, command: str, column: int, out: list[Token]) -> int:
    """\\mathbb{1}, \\mathbf 1, \\mathbb{I}: the indicator of the condition that follows
    (read by the parser); any other letter in these fonts (\\mathbb{R}) is not read."""
    j = i
    while j < len(raw) and raw[j][0].isspace():
        j += 1
    braced = j < len(raw) and raw[j][0] == "{"
    k = j + 1 if braced else j
    letter = raw[k][0].strip() if k < len(raw) else ""
    if letter in ("1", "I") and (not braced or (k + 1 < len(raw) and raw[k + 1][0] == "}")):
        out.append(Token("name", INDICATOR, column))
        return k + 2 if braced else k + 1
    shown = f"\\{command}{{{letter}}}" if letter else f"\\{command}"
    raise ParseError(f"the LaTeX command {shown[:20]} is not read here (\\{command}{{1}}\\{{z > 0\\}} is the "
                     f"indicator)", column, source)


def _word(source: str, raw: list, i: int, command: str, column: int, out: list[Token]) -> int:
    """\\operatorname{sech}, \\mathrm{e}, \\text{sech}: the braced word as one name."""
    j = i
    while j < len(raw) and raw[j][0].isspace():
        j += 1
    if j >= len(raw) or raw[j][0] != "{":
        if j < len(raw) and raw[j][0].isalpha() and len(raw[j][0]) >= 1:  # \mathrm e
            _append_word(source, raw[j][0][0], raw[j][1], out)
            rest = raw[j][0][1:]
            if raw[j][0][0] == "d" and len(rest) == 1:  # \mathrm dz: \mathrm{d}z, as TeX reads it
                out.append(Token("name", rest, raw[j][1] + 1))
                return j + 1
            if rest:
                raise ParseError(f"\\{command} {raw[j][0]}: braces are needed around a word", column, source)
            return j + 1
        raise ParseError(f"\\{command} needs a braced name", column, source)
    end = j + 1
    parts = []
    while end < len(raw) and raw[end][0] != "}":
        parts.append(raw[end][0])
        end += 1
    if end >= len(raw):
        raise ParseError("this '{' is never closed", raw[j][1], source)
    word = "".join(parts).strip()
    if command == "operatorname" and word.endswith("*"):
        word = word[:-1]
    if not re.fullmatch(r"[A-Za-z]+", word):
        shown = word if len(word) <= 30 else word[:27] + "..."
        raise ParseError(f"\\{command}{{{shown}}} is text, not part of a formula", column, source)
    if word not in WORDS and len(word) > 1 and word not in GREEK:
        close = difflib.get_close_matches(word, sorted(WORDS), n=2, cutoff=0.6)
        hint = f" — did you mean {' or '.join(close)}?" if close else ""
        what = "is text, not part of a formula" if command in ("text", "textrm", "textit", "mbox") else \
            "is not a function or constant derive knows"
        raise ParseError(f"\\{command}{{{word}}} {what}{hint}", column, source)
    _append_word(source, word, raw[j + 1][1] if j + 1 < end else column, out)
    return end + 1


def _append_word(source: str, word: str, column: int, out: list[Token]) -> None:
    """A word as one name: a function's (sech, artanh), e, d, a Greek letter or a letter."""
    out.append(Token("name", WORDS.get(word, word), column))


def _primes(tokens: list[Token]) -> list[Token]:
    """^{\\prime}, ^\\prime, ^{\\prime\\prime}, ^{''} written as primes."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t.kind == "op" and t.text == "^":
            if i + 1 < len(tokens) and tokens[i + 1].text == "'":
                out.append(tokens[i + 1])
                i += 2
                continue
            if i + 1 < len(tokens) and tokens[i + 1].text == "{":
                j = i + 2
                while j < len(tokens) and tokens[j].text == "'":
                    j += 1
                if j > i + 2 and j < len(tokens) and tokens[j].text == "}":
                    out.extend(tokens[i + 2: j])
                    i = j + 1
                    continue
        out.append(t)
        i += 1
    return out


#: tokens after which a brace group is an argument (e^{...}, \\sqrt{...}, \\frac{..}{..}): kept whole
_TAKES_A_GROUP = {"^", "_", "}", "]"}


def _over(tokens: list[Token], source: str) -> list[Token]:
    """{a \\over b}, plain TeX's fraction, as \\frac{a}{b}: \\over divides its whole brace
    group.  Outside braces it would divide the whole formula (the left side too, across the
    '='), so it is read inside braces only; two in one group are TeX's error too."""
    if not any(t.kind == "op" and t.text == "\\over" for t in tokens):
        return tokens
    groups: list[list[Token]] = [[]]  # each open group's tokens, its '{' first; innermost last
    for t in tokens:
        if t.kind == "op" and t.text == "{":
            groups.append([t])
        elif t.kind == "op" and t.text == "}" and len(groups) > 1:
            opened, *group = groups.pop()
            overs = [k for k, u in enumerate(group) if u.kind == "op" and u.text == "\\over"]
            if not overs:
                groups[-1].extend([opened, *group, t])
                continue
            if len(overs) > 1:
                raise ParseError("two \\over in one group: write \\frac{...}{...}", group[overs[1]].column, source)
            over = group[overs[0]]
            top, bottom = group[:overs[0]], group[overs[0] + 1:]
            if not top or not bottom:
                raise ParseError("\\over needs something above and below it", over.column, source)
            fraction = [Token("command", "frac", opened.column), opened, *top, Token("op", "}", over.column),
                        Token("op", "{", over.column), *bottom, t]
            before = groups[-1][-1] if groups[-1] else None
            if before is not None and (before.kind == "command" or before.kind == "op" and before.text in _TAKES_A_GROUP):
                fraction = [opened, *fraction, t]  # e^{1 \\over 2}: still the group that ^ takes
            groups[-1].extend(fraction)
        else:
            groups[-1].append(t)
    if len(groups) > 1:
        return tokens  # a brace never closed: the parser says where
    for t in groups[0]:
        if t.kind == "op" and t.text == "\\over":
            raise ParseError("\\over outside braces divides the whole line: write {... \\over ...}", t.column, source)
    return groups[0]
