#!/usr/bin/env python3
"""The format-checking build (make check, make format-check): every call of
html_printf / html_url (core/html.h) checked against its format, Fossil-style.

html_printf's own conversions are %s (escaped text), %U (percent-encoded),
%d %u %ld %lld %zu and %%; html_url refuses %s. The C compiler cannot check
%U, so this build

  1. copies src/ into build-fmt/src with every %U written %s (both take a
     `const char *`), and compiles each .c with -fsyntax-only and
     -DCANBO_FORMAT_CHECK, under which core/html.h declares html_printf_ and
     html_url_ with __attribute__((format(printf, 2, 3))): gcc then checks
     the number and the types of the arguments of every call (-Werror=format);
  2. reads every format literal of those calls in the original sources and
     refuses a conversion html_printf does not know (it would abort at run
     time), and %s in html_url;
  3. refuses a bare qsort or bsearch (undefined behaviour on the NULL array
     of an empty list): core/sort.h's cb_qsort and cb_bsearch instead (one
     guarded by an `if (` on its own line is accepted).

The compiler and flags are those of the normal build (build/, read from
CMake's flags.make), so the normal build must exist. Usage:
  scripts/format_check.py [--build DIR] [--out DIR] [FILE.c ...]
With files, only those are checked (tests/cli/test_format_check.sh).
Exit 0 when every call is right, 1 otherwise (the compiler's messages say where).
"""
import os
import re
import shlex
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ALLOWED = {'s', 'U', 'd', 'u', 'ld', 'lld', 'zu', '%'}


def flags_of(build):
    """The compiler, include and C flags of the canbolib target of `build`."""
    fm = os.path.join(build, 'CMakeFiles', 'canbolib.dir', 'flags.make')
    vals = {}
    with open(fm, encoding='utf-8') as f:
        for line in f:
            m = re.match(r'^(C_DEFINES|C_INCLUDES|C_FLAGS) = (.*)$', line.rstrip('\n'))
            if m:
                vals[m.group(1)] = m.group(2)
    cc = 'cc'
    with open(fm, encoding='utf-8') as f:
        m = re.search(r'# compile C with (\S+)', f.read())
        if m:
            cc = m.group(1)
    return cc, shlex.split(vals.get('C_DEFINES', '')), shlex.split(vals.get('C_INCLUDES', '')), \
        shlex.split(vals.get('C_FLAGS', ''))


def literal_after_first_arg(text, i):
    """From index i just after '(' of a call: the concatenated string literals of
    its second argument, or None when the second argument is not a literal."""
    depth, n = 0, len(text)
    while i < n:  # skip the first argument
        c = text[i]
        if c in '([{':
            depth += 1
        elif c in ')]}':
            if depth == 0:
                return None
            depth -= 1
        elif c == '"':
            i = skip_string(text, i)
            continue
        elif c == "'":
            i = skip_char(text, i)
            continue
        elif c == ',' and depth == 0:
            break
        i += 1
    i += 1
    parts = []
    while i < n:
        while i < n and text[i] in ' \t\r\n':
            i += 1
        if text.startswith('/*', i):
            i = text.index('*/', i) + 2
            continue
        if i < n and text[i] == '"':
            j = skip_string(text, i)
            parts.append(text[i + 1:j - 1])
            i = j
            continue
        break
    return ''.join(parts) if parts else None


def skip_string(text, i):
    i += 1
    while text[i] != '"':
        i += 2 if text[i] == '\\' else 1
    return i + 1


def skip_char(text, i):
    i += 1
    while text[i] != "'":
        i += 2 if text[i] == '\\' else 1
    return i + 1


def conversions(fmt):
    """Each conversion of a format: the text after '%' up to its letter."""
    out, i = [], 0
    while i < len(fmt):
        if fmt[i] != '%':
            i += 1
            continue
        m = re.match(r'%([-+ #0]*[0-9*]*(?:\.[0-9*]+)?(?:hh|h|ll|l|z|j|t|L)?[a-zA-Z%])', fmt[i:])
        out.append(m.group(1) if m else fmt[i + 1:i + 2])
        i += len(m.group(0)) if m else 2
    return out


def check_literals(path):
    """Problems with the conversions of html_printf/html_url formats in one file."""
    with open(path, encoding='utf-8') as f:
        text = f.read()
    problems = []
    for m in re.finditer(r'\bhtml_(printf|url)\s*\(', text):
        if text[:m.start()].rstrip().endswith('#define'):
            continue
        line = text.count('\n', 0, m.start()) + 1
        fmt = literal_after_first_arg(text, m.end())
        if fmt is None:
            continue  # the macro refuses a non-literal format at compile time
        for conv in conversions(fmt):
            if conv not in ALLOWED:
                problems.append(f'{path}:{line}: html_{m.group(1)}: unsupported conversion %{conv}')
            elif conv == 's' and m.group(1) == 'url':
                problems.append(f'{path}:{line}: html_url: %s is refused (use %U)')
    return problems


def check_sorts(path):
    """A bare qsort/bsearch (undefined on a NULL empty array): core/sort.h's cb_qsort/cb_bsearch instead."""
    if path.endswith(os.path.join('core', 'sort.h')):
        return []
    with open(path, encoding='utf-8') as f:
        text = f.read()
    text = re.sub(r'/\*.*?\*/', lambda m: '\n' * m.group(0).count('\n'), text, flags=re.S)
    out = []
    for m in re.finditer(r'(?<![\w.])(qsort|bsearch)\s*\(', text):
        line_start = text.rfind('\n', 0, m.start()) + 1
        if re.search(r'\bif\s*\(', text[line_start:m.start()]):
            continue  # guarded on its line: "if (n) qsort(...)"
        out.append(f'{path}:{text.count(chr(10), 0, m.start()) + 1}: bare {m.group(1)}: use cb_{m.group(1)} (core/sort.h)')
    return out


def main(argv):
    build, out, files = os.path.join(TOP, 'build'), os.path.join(TOP, 'build-fmt'), []
    args = iter(argv)
    for a in args:
        if a == '--build':
            build = next(args)
        elif a == '--out':
            out = next(args)
        else:
            files.append(os.path.abspath(a))
    cc, defines, includes, cflags = flags_of(build)
    src = os.path.join(TOP, 'src')
    copy = os.path.join(out, 'src')
    if os.path.isdir(out):
        shutil.rmtree(out)
    # The rewritten copy: %U -> %s in every source and header.
    for root, _, names in os.walk(src):
        for name in names:
            if not name.endswith(('.c', '.h')):
                continue
            p = os.path.join(root, name)
            q = os.path.join(copy, os.path.relpath(p, src))
            os.makedirs(os.path.dirname(q), exist_ok=True)
            with open(p, encoding='utf-8') as f:
                text = f.read()
            with open(q, 'w', encoding='utf-8') as f:
                f.write(text.replace('%U', '%s'))
    if not files:
        files = sorted(os.path.join(r, n) for r, _, ns in os.walk(src) for n in ns if n.endswith('.c'))
    problems = []
    for p in files:
        problems += check_literals(p) + check_sorts(p)
    includes = ['-I' + copy if x == '-I' + src else x for x in includes]
    base = [cc, '-fsyntax-only', '-DCANBO_FORMAT_CHECK', '-Wformat', '-Werror=format', '-Wno-format-zero-length'] + \
        defines + includes + [f for f in cflags if f not in ('-g',)]

    def compile_one(p):
        rel = os.path.relpath(p, src) if p.startswith(src + os.sep) else None
        target = os.path.join(copy, rel) if rel else p
        if not rel:  # a file outside src/ (the test's own): rewrite it beside the copy
            target = os.path.join(out, 'extra', os.path.basename(p))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(p, encoding='utf-8') as f:
                text = f.read()
            with open(target, 'w', encoding='utf-8') as f:
                f.write(text.replace('%U', '%s'))
        r = subprocess.run(base + [target], capture_output=True, text=True)
        return r.returncode, (r.stdout + r.stderr).replace(copy + os.sep, 'src' + os.sep)

    with ThreadPoolExecutor(max_workers=int(os.environ.get('JOBS', '2'))) as ex:
        results = list(ex.map(compile_one, files))
    failed = 0
    for rc, msg in results:
        if rc != 0:
            failed += 1
            sys.stdout.write(msg)
    for p in problems:
        print(p)
    print(f'format check: {len(files)} files, {failed} with format errors, {len(problems)} unsupported conversions')
    return 1 if failed or problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
