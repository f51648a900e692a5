"""The Chinese edition (notebooks/zh/) is a translation of the English one, never a second copy of
the code that could drift.

The rule, checked here for every pair notebooks/NAME.ipynb (the source) and
notebooks/zh/NAME.ipynb (its twin):

1. Every English notebook has a twin with the same file name, and every twin has an English
   source.
2. Same cells in the same order: the same number of cells, each of the same type, with the same
   id and the same metadata (tags are how the tests find cells); the same notebook metadata
   (kernelspec jconc) and format version.
3. Code cells are identical except for comments and the contents of string literals: with every
   Java comment (``//...``, ``/*...*/``) blanked and the contents of every string literal
   (``"..."``, text blocks ``\"\"\"...\"\"\"``, char literals ``'.'``) blanked, the two cells are
   character for character equal: identifiers, numbers, magics, whitespace outside comments. Only
   a block of whole-line ``//`` comments at one indentation may have a different number of lines.
4. A string literal that differs between the twins is a translation of text for the learner, so
   - its Chinese version contains some non-ASCII text (or is blank): a literal that changed but
     is still ASCII is a changed name, key or command, not a translation;
   - both versions hold the same placeholders in the same order: printf formats (``%d %s %.1f
     %n %,d %%``), braces (``{}`` and ``{expression}``) and the escapes ``\\n``, ``\\t``.
5. A text block is source code (Java or Python, as the notebooks use them: a program compiled or
   run by a cell), so a text block that differs is compared by the same rule one level down: its
   comments (Java ``//`` and ``/* */`` or Python ``#``) and the contents of its string literals
   may differ, nothing else.
6. The committed Chinese notebooks carry no outputs (``execution_count`` null, ``outputs`` []).

What the rule cannot see (a translated string that the code compares or parses) the notebook
tests catch: they run both editions and check the same results (tests/test_notebooks_*.py).

To change a code cell, change it in both notebooks the same way; then run
``python3 -m pytest tests/test_editions.py``. The message of a failure names the notebook, the
cell (index, id, tags) and the first line where the two differ.
"""
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ENGLISH = ROOT / "notebooks"
CHINESE = ENGLISH / "zh"


# --- Java (and Python) source as tokens ----------------------------------------------------------

@dataclass(frozen=True)
class Token:
    kind: str  # "code", "comment", "string", "text_block", "char"
    text: str  # as written, delimiters (and a Python string's prefix) included
    opening: int = 0  # length of the opening delimiter of a literal
    closing: int = 0  # length of its closing delimiter (0 for a literal left open)

    @property
    def content(self):
        """What is inside the delimiters of a literal (as written, escapes not decoded)."""
        return self.text[self.opening:len(self.text) - self.closing]

    @property
    def blanked(self):
        """A literal with its contents removed; a comment as one marker; code as it is."""
        if self.kind == "code":
            return self.text
        if self.kind == "comment":
            return _COMMENT
        return self.text[:self.opening] + self.text[len(self.text) - self.closing:]


_COMMENT = "\N{WHITE SQUARE}"  # stands for a blanked comment in a skeleton


def _literal(kind, source, start, quote, prefix=0):
    """The literal that opens at `start` (after `prefix` letters) with `quote`; a backslash
    escapes the next character. A one-line literal left open ends at the end of its line."""
    i = start + prefix + len(quote)
    while i < len(source):
        if source[i] == "\\":
            i += 2
        elif source.startswith(quote, i):
            return Token(kind, source[start:i + len(quote)], prefix + len(quote), len(quote))
        elif len(quote) == 1 and source[i] == "\n":
            break
        else:
            i += 1
    i = min(i, len(source))
    return Token(kind, source[start:i], prefix + len(quote), 0)


def _split(source, next_token):
    """Tokens of `source`: `next_token(source, i)` returns the comment or literal starting at i,
    or None; the text between them is code."""
    tokens, code_start, i = [], 0, 0
    while i < len(source):
        token = next_token(source, i)
        if token is None:
            i += 1
            continue
        if code_start < i:
            tokens.append(Token("code", source[code_start:i]))
        tokens.append(token)
        code_start = i = i + len(token.text)
    if code_start < len(source):
        tokens.append(Token("code", source[code_start:]))
    return tokens


def _java_token(source, i):
    if source.startswith("//", i):
        end = source.find("\n", i)
        return Token("comment", source[i:len(source) if end < 0 else end])
    if source.startswith("/*", i):
        end = source.find("*/", i + 2)
        return Token("comment", source[i:len(source) if end < 0 else end + 2])
    if source.startswith('"""', i):
        return _literal("text_block", source, i, '"""')
    if source[i] == '"':
        return _literal("string", source, i, '"')
    if source[i] == "'":
        return _literal("char", source, i, "'")
    return None


def java_tokens(source):
    """Splits Java (or JShell) source into code, comments and literals.

    >>> [t.kind for t in java_tokens('x = "a // b"; // note')]
    ['code', 'string', 'code', 'comment']
    """
    return _split(source, _java_token)


_PYTHON_STRING = re.compile("([rRbBfFuU]{0,2})(\'\'\'|\"\"\"|\'|\")")


def _python_token(source, i):
    if source[i] == "#":
        end = source.find("\n", i)
        return Token("comment", source[i:len(source) if end < 0 else end])
    if i > 0 and (source[i - 1].isalnum() or source[i - 1] == "_"):
        return None  # inside a name: `name_f'` is no f-string
    opening = _PYTHON_STRING.match(source, i)
    if opening:
        return _literal("string", source, i, opening.group(2), len(opening.group(1)))
    return None


def python_tokens(source):
    """Splits Python source into code, ``#`` comments and string literals (any prefix, single or
    triple quoted, all of kind "string")."""
    return _split(source, _python_token)


def skeleton(tokens):
    """The source with every comment replaced by one marker and every literal emptied; a block
    of whole-line comments at one indentation counts as one comment."""
    text = "".join(t.blanked for t in tokens)
    return re.sub(rf"(?m)^([ \t]*){_COMMENT}\n(?:\1{_COMMENT}\n)+", rf"\1{_COMMENT}\n", text)


_PLACEHOLDER = re.compile(r"%(?:\d+\$)?[-#+0,(<]*\d*(?:\.\d+)?[a-zA-Z%]|\{[^{}]*\}|\\[nt]")


def placeholders(text):
    """Format placeholders and escapes that must survive a translation, in order."""
    return _PLACEHOLDER.findall(text)


# --- The rule, cell by cell ----------------------------------------------------------------------

def _first_difference(a, b):
    lines_a, lines_b = a.splitlines(), b.splitlines()
    for n, (x, y) in enumerate(zip(lines_a, lines_b), 1):
        if x != y:
            return f"line {n}:\n    en: {x.strip()!r}\n    zh: {y.strip()!r}"
    n = min(len(lines_a), len(lines_b))
    return f"line {n + 1}: en has {len(lines_a)} lines, zh {len(lines_b)}"


def _literal_problems(en, zh):
    """Why a pair of differing literal contents is not a translation ([] if it is one)."""
    problems = []
    if zh.strip() and zh.isascii():
        problems.append(f"string {en!r} became {zh!r}: a changed literal must be a translation"
                        " (Chinese text), else it is not text for the learner and stays as it is")
    if placeholders(en) != placeholders(zh):
        problems.append(f"string {en!r} -> {zh!r}: placeholders {placeholders(en)} became"
                        f" {placeholders(zh)}")
    return problems


def code_differences(en, zh, tokenize=java_tokens):
    """Why code `zh` is not a faithful translation of code `en` under the rule ([] if it is)."""
    en_tokens, zh_tokens = tokenize(en), tokenize(zh)
    en_skeleton, zh_skeleton = skeleton(en_tokens), skeleton(zh_tokens)
    if en_skeleton != zh_skeleton:
        return ["code differs outside comments and string contents at "
                + _first_difference(en_skeleton, zh_skeleton)]
    problems = []
    for a, b in zip([t for t in en_tokens if t.kind not in ("code", "comment")],
                    [t for t in zh_tokens if t.kind not in ("code", "comment")]):
        if a.text == b.text:
            continue
        if a.kind == "text_block":
            problems += _text_block_problems(a.content, b.content)
        else:
            problems += _literal_problems(a.content, b.content)
    return problems


def _text_block_problems(en, zh):
    """A text block holds a program: Java or Python, whichever reading accepts it."""
    as_java = code_differences(en, zh)
    as_python = code_differences(en, zh, python_tokens) if as_java else []
    if not as_java or not as_python:
        return []
    return [f"in a text block, read as Java: {as_java[0]}; read as Python: {as_python[0]}"]


def _source(cell):
    return cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])


def twin_differences(en_nb, zh_nb):
    """Why notebook `zh_nb` (parsed JSON) is not a faithful twin of `en_nb` ([] if it is)."""
    problems = []
    for key in ("nbformat", "nbformat_minor", "metadata"):
        if en_nb.get(key) != zh_nb.get(key):
            problems.append(f"notebook {key} differs: en {en_nb.get(key)!r}, zh {zh_nb.get(key)!r}")
    en_cells, zh_cells = en_nb["cells"], zh_nb["cells"]
    if len(en_cells) != len(zh_cells):
        problems.append(f"{len(en_cells)} cells in en, {len(zh_cells)} in zh: same cells, same order")
    for index, (a, b) in enumerate(zip(en_cells, zh_cells)):
        where = f"cell {index} (id {a.get('id')}, tags {a.get('metadata', {}).get('tags', [])})"
        if a["cell_type"] != b["cell_type"]:
            problems.append(f"{where}: {a['cell_type']} in en, {b['cell_type']} in zh")
            continue
        if a.get("id") != b.get("id"):
            problems.append(f"{where}: id {b.get('id')!r} in zh, copy the English id")
        if a.get("metadata") != b.get("metadata"):
            problems.append(f"{where}: metadata {b.get('metadata')!r} in zh, copy the English"
                            f" {a.get('metadata')!r}")
        if b["cell_type"] == "code":
            if b.get("outputs") or b.get("execution_count") is not None:
                problems.append(f"{where}: outputs committed in zh (clear them)")
            problems += [f"{where}: {p}" for p in code_differences(_source(a), _source(b))]
    return problems


# --- The editions in this checkout ---------------------------------------------------------------

def _names(folder):
    return sorted(p.name for p in folder.glob("*.ipynb"))


def _load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_every_english_notebook_has_a_chinese_twin():
    missing = sorted(set(_names(ENGLISH)) - set(_names(CHINESE)))
    assert not missing, f"no Chinese twin in notebooks/zh/ for: {', '.join(missing)}"


def test_every_chinese_notebook_translates_an_english_one():
    orphans = sorted(set(_names(CHINESE)) - set(_names(ENGLISH)))
    assert not orphans, f"notebooks/zh/ has notebooks with no English source: {', '.join(orphans)}"


@pytest.mark.parametrize("name", sorted(set(_names(ENGLISH)) & set(_names(CHINESE))))
def test_the_chinese_twin_differs_only_in_prose_comments_and_learner_text(name):
    problems = twin_differences(_load(ENGLISH / name), _load(CHINESE / name))
    assert not problems, f"notebooks/zh/{name}:\n  " + "\n  ".join(problems)


# --- The tokenizer on tricky source --------------------------------------------------------------

def kinds(source):
    return [(t.kind, t.text) for t in java_tokens(source)]


def test_a_comment_marker_inside_a_string_is_text():
    assert kinds('String u = "http://x"; // real') == [
        ("code", "String u = "), ("string", '"http://x"'), ("code", "; "), ("comment", "// real")]


def test_a_quote_inside_a_comment_is_comment():
    assert kinds('a(); // say "hi\nb("x");') == [
        ("code", "a(); "), ("comment", '// say "hi'), ("code", "\nb("), ("string", '"x"'),
        ("code", ");")]
    assert kinds('/* it\'s "quoted" */ c') == [("comment", '/* it\'s "quoted" */'), ("code", " c")]


def test_escaped_quotes_stay_inside_the_string():
    assert kinds(r'p("say \"hi\" \\"); q') == [
        ("code", "p("), ("string", r'"say \"hi\" \\"'), ("code", "); q")]


def test_char_literals_hold_quotes_and_escapes():
    assert kinds("""c = '"'; d = '\\''; e = "'";""") == [
        ("code", "c = "), ("char", "'\"'"), ("code", "; d = "), ("char", "'\\''"),
        ("code", "; e = "), ("string", '"\'"'), ("code", ";")]


def test_a_text_block_holds_quotes_comment_markers_and_escaped_triple_quotes():
    source = 'String s = """\n    say "hi" // not a comment\n    end \\""" still\n    """; x();'
    tokens = java_tokens(source)
    assert [t.kind for t in tokens] == ["code", "text_block", "code"]
    assert tokens[1].content == '\n    say "hi" // not a comment\n    end \\""" still\n    '
    assert tokens[2].text == "; x();"


def test_block_comments_and_javadoc_span_lines():
    assert kinds('/** doc\n * "x" */\nint a; /* b */ int c;') == [
        ("comment", '/** doc\n * "x" */'), ("code", "\nint a; "), ("comment", "/* b */"),
        ("code", " int c;")]


def test_python_tokens_know_prefixes_triple_quotes_and_comments():
    source = "print(f'{x:.1f} s')  # time\ns = \"\"\"a # b\"\"\"\nname_f = 'k'"
    assert [(t.kind, t.text) for t in python_tokens(source)] == [
        ("code", "print("), ("string", "f'{x:.1f} s'"), ("code", ")  "), ("comment", "# time"),
        ("code", "\ns = "), ("string", '"""a # b"""'), ("code", "\nname_f = "), ("string", "'k'")]


def test_placeholders_are_formats_braces_and_escapes_in_order():
    assert placeholders(r"%d of %,d in %.1f s: %s%n {} {seq*1000:.0f} 100%% \t\n") == [
        "%d", "%,d", "%.1f", "%s", "%n", "{}", "{seq*1000:.0f}", "%%", r"\t", r"\n"]


# --- The rule on whole cells ---------------------------------------------------------------------

EN_CELL = '''%%main
// Count to three on one thread.
Thread t = new Thread(() -> {
    for (int i = 0; i < 3; i++) {
        System.out.printf("step %d of %d%n", i, 3);   // one line per step
    }
}, "counter");
String program = """
    # the child
    print('child says', 42)
    """;
char sep = ':';
'''

ZH_CELL = '''%%main
// 在一个线程里数到三。
// 每一步打印一行。
Thread t = new Thread(() -> {
    for (int i = 0; i < 3; i++) {
        System.out.printf("第 %d 步，共 %d 步%n", i, 3);   // 每步一行
    }
}, "counter");
String program = """
    # 子进程
    print('子进程说', 42)
    """;
char sep = ':';
'''


def test_a_faithful_translation_passes():
    assert code_differences(EN_CELL, ZH_CELL) == []
    assert code_differences(EN_CELL, EN_CELL) == []


@pytest.mark.parametrize("change, why", [
    (("i < 3", "i <= 3"), "code differs"),
    (("i++", "i += 1"), "code differs"),
    (("%%main", "%%time"), "code differs"),
    (('"counter"', '"counter-1"'), "a name is no text for the learner"),
    (("第 %d 步，共 %d 步%n", "第 %d 步，共 %s 步%n"), "placeholders"),
    (("第 %d 步，共 %d 步%n", "第 %d 步，共 %d 步"), "placeholders"),
    (("print('子进程说', 42)", "print('子进程说', 43)"), "text block"),
    (("    # 子进程\n", ""), "text block"),
    ((") {\n        System", ") {\n\n        System"), "whitespace"),
])
def test_a_change_to_the_code_fails(change, why):
    old, new = change
    assert old in ZH_CELL
    assert code_differences(EN_CELL, ZH_CELL.replace(old, new, 1)), why


def test_a_literal_changed_but_still_ascii_fails():
    problems = code_differences('lock("left");', 'lock("right");')
    assert problems and "must be a translation" in problems[0]


def _mutated_twin(tmp_path, mutate):
    """A Chinese twin made from notebook 10's English source, then changed by `mutate`."""
    en = _load(ENGLISH / "10_lock.ipynb")
    zh = json.loads(json.dumps(en))
    for c in zh["cells"]:
        if c["cell_type"] == "markdown":
            c["source"] = "# 互斥锁\n"
    mutate(zh)
    (tmp_path / "10_lock.ipynb").write_text(json.dumps(zh, ensure_ascii=False), encoding="utf-8")
    return en, _load(tmp_path / "10_lock.ipynb")


def _first_code(nb):
    return next(c for c in nb["cells"] if c["cell_type"] == "code")


def test_a_notebook_with_a_changed_code_cell_fails_and_names_the_cell(tmp_path):
    en, zh = _mutated_twin(tmp_path, lambda nb: None)
    assert twin_differences(en, zh) == [], "markdown is free to differ"

    def change_a_number(nb):
        code = _first_code(nb)
        code["source"] = re.sub(r"\d+", lambda m: str(int(m.group()) + 1), _source(code), count=1)
    en, zh = _mutated_twin(tmp_path, change_a_number)
    problems = twin_differences(en, zh)
    assert len(problems) == 1 and "code differs" in problems[0]
    assert f"id {_first_code(en)['id']}" in problems[0]


@pytest.mark.parametrize("mutate, expected", [
    (lambda nb: nb["cells"].pop(), "cells in en"),
    (lambda nb: nb["cells"][1].update(cell_type="markdown"), "code in en, markdown in zh"),
    (lambda nb: _first_tagged(nb)["metadata"].update(tags=["renamed"]), "metadata"),
    (lambda nb: nb["cells"][0].update(id="new"), "copy the English id"),
    (lambda nb: _first_code(nb).update(execution_count=1), "outputs committed"),
    (lambda nb: nb["metadata"]["kernelspec"].update(name="python3"), "notebook metadata"),
])
def test_a_notebook_that_is_restructured_fails(tmp_path, mutate, expected):
    en, zh = _mutated_twin(tmp_path, mutate)
    assert any(expected in p for p in twin_differences(en, zh)), twin_differences(en, zh)


def _first_tagged(nb):
    return next(c for c in nb["cells"] if c["metadata"].get("tags"))


def _pseudo_translation(source):
    """Every comment and every literal with letters in it given Chinese text, placeholders kept."""
    def translate(text):
        kept = placeholders(text)
        return "译" + "译".join(kept) + "文" if re.search(r"[A-Za-z]", text) else text
    out = []
    for t in java_tokens(source):
        if t.kind == "comment":
            out.append("// 注释" if t.text.startswith("//") else "/* 注释 */")
        elif t.kind == "string":
            out.append('"' + translate(t.content) + '"')
        else:
            out.append(t.text)
    return "".join(out)


@pytest.mark.parametrize("name", _names(ENGLISH))
def test_the_rule_accepts_a_translation_of_every_comment_and_string(name):
    """Shows the checker reads every English code cell right: translating all comments and all
    strings, placeholders kept, is accepted."""
    for c in _load(ENGLISH / name)["cells"]:
        if c["cell_type"] == "code":
            source = _source(c)
            assert code_differences(source, _pseudo_translation(source)) == [], source[:200]
