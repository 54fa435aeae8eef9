#!/usr/bin/python3
"""Speech checker (issue 13): what espeak-ng really says, syllable by syllable, against a reading
taken from word-level references that are not espeak.

  /usr/bin/python3 tools/speech/check.py [--say build/bin/tongxing-say] [--voices voices.json]
        [--min 99.5] [--words N] [--write-lexicon]

Texts: every zh-Hans catalog string (placeholders filled with sample values), the Chinese string
literals of the station's domain and demo data (districts, kinds, programmes, job titles,
employers, descriptions), and tools/speech/corpus.tsv (dynamic strings; number forms there carry
their expected reading written by hand). For each Chinese voice (cmn, yue):
  expected  jieba words of the normalised text (tongxing-say --normalised) → Traditional (opencc
            s2t) → rime-data-terra-pinyin / rime-data-jyut6ping3 word readings (longest word
            first, else the character's most frequent reading), tools/speech/overrides.tsv for
            the few words where terra pinyin gives a Taiwanese reading;
  actual    espeak-ng's phoneme trace (tongxing-say --phonemes) parsed back into syllables.
Syllable + tone must match (third-tone and 一/不 sandhi ignored). Prints the words that differ and
% right per voice; exit 1 when a voice is under --min or a hand-checked number form is wrong.
--write-lexicon adds the wrong words to voices/lexicon_<lang>.tsv (candidates to review).
Needs (Debian): python3-jieba, opencc, rime-data-terra-pinyin, rime-data-jyut6ping3.
"""
import argparse
import collections
import json
import logging
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HERE = os.path.dirname(os.path.abspath(__file__))
RIME = '/usr/share/rime-data'
HAN = re.compile(r'[\u3400-\u9fff]')
RS = '\x1e'


# ------------------------------------------------------------------ references
def read_rime(files):
    """word (Traditional) → [(syllables, weight)] in file order."""
    table = collections.defaultdict(list)
    for name in files:
        body = False
        with open(os.path.join(RIME, name), encoding='utf-8') as f:
            for line in f:
                if line.startswith('...'):
                    body = True
                    continue
                if not body or line.startswith('#'):
                    continue
                parts = line.rstrip('\n').split('\t')
                if len(parts) < 2 or not parts[1] or not HAN.search(parts[0]):
                    continue
                syl = parts[1].split()
                if not all(re.fullmatch(r'[a-z]+[1-6]', s) for s in syl):
                    continue
                w = parts[2] if len(parts) > 2 else ''
                weight = float(w[:-1]) if w.endswith('%') else float(w) if w else 50.0
                table[parts[0]].append((syl, weight))
    return table


def load_refs(lang):
    if lang == 'cmn':
        t = read_rime(['terra_pinyin.dict.yaml'])
    else:
        t = read_rime(['jyut6ping3.chars.dict.yaml', 'jyut6ping3.words.dict.yaml'])
    words, chars = {}, {}
    for k, v in t.items():
        if len(k) == 1:
            chars[k] = [s[0] for s, _ in sorted(v, key=lambda e: -e[1])]
        else:
            words[k] = [s for s, _ in v]
    return words, chars


def load_overrides():
    out = {'cmn': {}, 'yue': {}}
    path = os.path.join(HERE, 'overrides.tsv')
    for line in open(path, encoding='utf-8'):
        if line.startswith('#') or not line.strip():
            continue
        lang, word, reading, why = (line.rstrip('\n').split('\t') + [''])[:4]
        # a character marked "alone:" is read so only where it stands alone (not inside a word)
        out[lang][('alone', word) if why.startswith('alone:') else word] = reading.split()
    return out


def s2t(texts):
    joined = '\n'.join(t.replace('\n', ' ') for t in texts) + '\n'
    out = subprocess.run(['opencc', '-c', 's2t.json'], input=joined, capture_output=True, text=True,
                         check=True).stdout.split('\n')
    return out[:len(texts)]


PINYIN = re.compile(r'[a-z]+[1-5]')


class Reference:
    def __init__(self, lang, overrides):
        import jieba
        jieba.setLogLevel(logging.WARNING)
        self.jieba = jieba
        self.lang = lang
        self.words, self.chars = load_refs(lang)
        self.alone = {w[1]: r[0] for w, r in overrides[lang].items() if isinstance(w, tuple)}
        overrides = {lang: {w: r for w, r in overrides[lang].items() if not isinstance(w, tuple)}}
        self.over = {w: r for w, r in overrides[lang].items() if len(w) > 1}
        for w in self.over:
            jieba.add_word(w)
        # single characters: this syllable for the character inside every word
        self.char_over = {w: r[0] for w, r in overrides[lang].items() if len(w) == 1}
        trad = s2t(list(self.char_over)) if self.char_over else []
        for (c, r), t in zip(list(self.char_over.items()), trad):
            self.chars[c] = self.chars[t] = [r]
            self.char_over[t] = r

    def read(self, simp, trad):
        """[(word, [syllables])] for the Chinese (and inline pinyin) parts of a text."""
        out = []
        if len(simp) != len(trad):
            trad = simp
        pos = 0
        for tok in self.jieba.cut(simp, HMM=False):
            t = trad[pos:pos + len(tok)]
            pos += len(tok)
            if tok in self.over:
                out.append((tok, list(self.over[tok]), t))
                continue
            if not HAN.search(tok):
                if self.lang == 'cmn':
                    for p in PINYIN.findall(tok):
                        out.append((p, [p], p))
                continue
            i = 0
            while i < len(t):  # longest reference word first inside the jieba word
                for j in range(len(t), i, -1):
                    piece, sp = t[i:j], tok[i:j]
                    if j - i > 1 and sp in self.over:
                        out.append((sp, list(self.over[sp]), piece))
                        i = j
                        break
                    if j - i > 1 and piece in self.words:
                        syl = list(self.words[piece][0])
                        for k, ch in enumerate(sp):
                            if ch in self.char_over:
                                syl[k] = self.char_over[ch]
                        out.append((sp, syl, piece))
                        i = j
                        break
                    if j - i == 1:
                        # a character alone: any reading the reference lists for it (it has
                        # no context to choose by); the most frequent first
                        key = piece if piece in self.chars else sp
                        if sp in self.alone:
                            out.append((sp, [self.alone[sp]], key))
                        elif HAN.match(key) and key in self.chars:
                            out.append((sp, ['|'.join(dict.fromkeys(self.chars[key]))], key))
                        i = j
                        break
        return out


# ------------------------------------------------------------------ espeak traces → syllables
def say(say_bin, voices, mode, lines):
    args = [say_bin] + (['--voices', voices] if voices else []) + [mode]
    r = subprocess.run(args, input=''.join(f'{l}\t{t}\n' for l, t in lines), capture_output=True,
                       text=True)
    if r.returncode != 0:
        sys.exit(f'tongxing-say {mode} failed: {r.stderr}')
    return r.stdout


def phonemes(say_bin, voices, lines):
    recs = say(say_bin, voices, '--phonemes', lines).split(RS + '\n')
    out = []
    for rec in recs[:len(lines)]:
        spoken, _, trace = rec.partition('\n')
        out.append((spoken, trace.strip()))
    return out


CONTOUR = {'55': '1', '35': '2', '21': '3', '214': '3', '51': '4'}


def tone_of(lang, digits):
    if lang == 'yue':
        return digits
    return CONTOUR.get(digits, '5')


class Parser:
    """Splits espeak's trace into syllables with templates learnt from espeak itself: every
    pinyin syllable read by the Mandarin voice, every Cantonese syllable's majority reading."""

    def __init__(self, lang, samples):
        # samples: [(base, rendering)] where rendering is one syllable as espeak prints it
        self.lang = lang
        self.tmpl = collections.defaultdict(list)  # prefix → [(suffix, base)]
        self.render = {}
        for base, r in samples:
            r = r.replace("'", '').replace(',', '')
            m = re.fullmatch(r'([^\d]+)(\d+)([^\d]*)', r)
            if not m:
                continue
            key = (m.group(3), base)
            if key not in self.tmpl[m.group(1)]:
                self.tmpl[m.group(1)].append(key)
        self.maxp = max(len(p) for p in self.tmpl)

    def parse(self, trace):
        sylls = []
        for tok in re.split(r'\s+', trace):
            tok = re.sub(r'\([a-z]+\)', '', tok)  # language switches
            tok = tok.replace("'", '').replace(',', '').replace('_|', '').replace('_:', '').replace('_!', '')
            tok = tok.strip('_|: ')
            if not tok:
                continue
            sylls.extend(self.parse_token(tok))
        return sylls

    def parse_token(self, tok):
        n = len(tok)
        best = [None] * (n + 1)  # fewest unknown characters, then fewest syllables
        best[0] = (0, 0, [])
        for i in range(n):
            if best[i] is None:
                continue
            cost, cnt, seq = best[i]
            cand = best[i + 1]
            if cand is None or (cost + 1, cnt) < cand[:2]:
                best[i + 1] = (cost + 1, cnt, seq)
            for L in range(1, self.maxp + 1):
                p = tok[i:i + L]
                if len(p) < L or p not in self.tmpl:
                    continue
                m = re.match(r'\d+', tok[i + L:])
                if not m:
                    continue
                j = i + L + m.end()
                tone = tone_of(self.lang, m.group(0))
                for suf, base in self.tmpl[p]:
                    if tok.startswith(suf, j):
                        k = j + len(suf)
                        c = (cost, cnt + 1, seq + [base + tone])
                        if best[k] is None or c[:2] < best[k][:2]:
                            best[k] = c
        return best[n][2] if best[n] else []


def cmn_parser(say_bin, voices, refs_chars):
    bases = sorted({re.sub(r'\d', '', s) for v in refs_chars.values() for s in v})
    lines = [('cmn', f'{b}{t}') for b in bases for t in range(1, 6)]
    res = phonemes(say_bin, voices, lines)
    samples = []
    for (_, text), (_, trace) in zip(lines, res):
        toks = trace.replace('_|', ' ').split()
        if len(toks) == 1:
            samples.append((text[:-1], toks[0]))
    return Parser('cmn', samples)


class YueParser:
    """espeak's Cantonese phonemes are jyutping with the tone digit before a final stop or nasal
    (d'i6n = din6, b'aa3k = baak3) and after ng, i, u (l'ing4, w'ai2); syllabic ng is 'ng5 or N5;
    a stress mark stands before the vowel of a stressed syllable."""
    V = r"(?:aa|oe|eo|yu|[aeiou])"
    SYL = re.compile(r"(?:(gw|kw|ng|[bpmfdtnlgkhwzcsj])?'?(" + V + r")(i|u|ng)?([1-9])"
                     r"(?:(m|n|p|t|k)(?!'?" + V + r"))?)|(?:'?(m|ng|N)([1-9]))")
    TONE = {'7': '1', '8': '3', '9': '6'}

    def parse(self, trace):
        out = []
        # English stretches (Latin letters, said by the English voice) run from (en) to (yue),
        # possibly over several words: not Cantonese syllables
        trace = re.sub(r'\(en\).*?(\(yue\)|$)', ' ', trace, flags=re.S)
        for tok in re.split(r'\s+', trace):
            tok = tok.replace(',', '').replace('_|', ' ').replace('_:', ' ').replace('_!', ' ')
            for part in tok.split():
                for m in self.SYL.finditer(part):
                    if m.group(6):
                        base = 'ng' if m.group(6) in ('ng', 'N') else 'm'
                        out.append(base + self.TONE.get(m.group(7), m.group(7)))
                    else:
                        base = (m.group(1) or '') + m.group(2) + (m.group(3) or '') + (m.group(5) or '')
                        out.append(base + self.TONE.get(m.group(4), m.group(4)))
        return out


def yue_render(jp):
    """jyutping syllable → espeak phoneme mnemonics for [[ ]] (the inverse of YueParser)."""
    m = re.fullmatch(r"(gw|kw|ng|[bpmfdtnlgkhwzcsj])?(aa|oe|eo|yu|[aeiou])(i|u|ng)?(m|n|p|t|k)?([1-6])", jp)
    if not m:
        m2 = re.fullmatch(r'(m|ng)([1-6])', jp)
        return f"'{m2.group(1)}{m2.group(2)}" if m2 else None
    on, v, glide, coda, tone = m.groups()
    return f"{on or ''}'{v}{glide or ''}{tone}{coda or ''}"


def yue_parser(say_bin, voices, refs_chars):
    return YueParser()


# ------------------------------------------------------------------ comparing
def same(lang, exp, act, nxt):
    if '|' in exp:
        return any(same(lang, e, act, nxt) for e in exp.split('|'))
    if nxt and '|' in nxt:
        nxt = nxt.split('|')[0]
    if exp == act:
        return True
    if lang == 'yue' and exp.startswith('ng') and exp[2:] == act and exp[2:3] in 'aeiou':
        return True  # ng- and no initial (ngo5 / o5) are both heard in Cantonese
    eb, et, ab, at = exp[:-1], exp[-1], act[:-1], act[-1]
    if eb != ab:
        return False
    if lang == 'cmn':
        if et == '5':
            return True  # the reference's neutral tone may be read with full tone
        if et == '3' and at == '2' and nxt and nxt[-1] == '3':
            return True  # third-tone sandhi
        if eb == 'yi' and at in '124' and et in '124':
            return True  # 一 sandhi
        if eb == 'bu' and at in '24' and et in '24':
            return True  # 不 sandhi
    return False


def align(lang, exp, act):
    """Needleman-Wunsch; returns per expected syllable whether it was said right, and what was."""
    n, m = len(exp), len(act)
    d = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 or j == 0:
                d[i][j] = i + j
                continue
            nxt = exp[i] if i < n else None
            d[i][j] = min(d[i - 1][j - 1] + (0 if same(lang, exp[i - 1], act[j - 1], nxt) else 1),
                          d[i - 1][j] + 1, d[i][j - 1] + 1)
    ok, said = [False] * n, [''] * n
    i, j = n, m
    while i > 0 and j > 0:
        nxt = exp[i] if i < n else None
        s = same(lang, exp[i - 1], act[j - 1], nxt)
        if d[i][j] == d[i - 1][j - 1] + (0 if s else 1):
            ok[i - 1], said[i - 1] = s, act[j - 1]
            i, j = i - 1, j - 1
        elif d[i][j] == d[i - 1][j] + 1:
            i -= 1
        else:
            j -= 1
    return ok, said


# ------------------------------------------------------------------ texts
SAMPLES = {
    'name': '朝阳区残疾人服务站', 'date': '2026-12-15', 'ticket': 'A023', 'phone': '138****8000',
    'id': '1101**********123X', 'v': '217.50', 'n': '3', 'max': '18', 'i': '2', 's': '5',
    'lo': '3500', 'hi': '4800', 'kind': '残疾人证新办', 'category': '视力残疾', 'level': '二级',
    'expires': '2027-02-28', 'booked': '已预约', 'page': '2', 'pages': '4', 'period': '2026-11',
    'paid': '2026-11-15', 'terminal': 'K03', 'from': '2026-12-15', 'to': '2026-12-22',
    'mon': '12月', 'd': '15', 'w': '星期二', 'reason': '材料不全', 'waiting': '4', 'arrived': '9:30',
    'min': '3', 'text': '请稍候'}


def fill(s):
    return re.sub(r'\{(\w+)\}', lambda m: SAMPLES.get(m.group(1), '三'), s)


def texts():
    """[(text, expected or None, source)]"""
    out = []
    one_line = lambda s: s.replace('\\n', '，').replace('\n', '，')
    cat = json.load(open(os.path.join(ROOT, 'assets/i18n/zh-Hans.json'), encoding='utf-8'))
    for k, v in sorted(cat.items()):
        if HAN.search(v):
            out.append((one_line(fill(v)), None, 'catalog:' + k))
    for rel in ['services/station/demo_data.cpp', 'services/domain/appointment.cpp',
                'services/domain/calendar.cpp', 'services/domain/certificate.cpp',
                'services/domain/subsidy.cpp', 'services/domain/subsidy.h']:
        src = open(os.path.join(ROOT, rel), encoding='utf-8').read()
        for lit in sorted(set(re.findall(r'"((?:[^"\\\n]|\\.)*)"', src))):
            if HAN.search(lit) and '%' not in lit:
                out.append((one_line(lit), None, rel))
    for line in open(os.path.join(HERE, 'corpus.tsv'), encoding='utf-8'):
        if line.startswith('#') or not line.strip():
            continue
        parts = line.rstrip('\n').split('\t')
        out.append((parts[0], parts[1:3] if len(parts) > 1 else None, 'corpus'))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--say', default=os.path.join(ROOT, 'build/bin/tongxing-say'))
    ap.add_argument('--voices', default='')
    ap.add_argument('--min', type=float, default=99.5)
    ap.add_argument('--words', type=int, default=40, help='differing words to print per voice')
    ap.add_argument('--lang', default='cmn,yue')
    ap.add_argument('--write-lexicon', action='store_true')
    ap.add_argument('--lexicon-test', action='store_true',
                    help='read every lexicon word with real espeak-ng; fail when one is not read as listed')
    a = ap.parse_args()
    if a.lexicon_test:
        return lexicon_test(a)
    overrides = load_overrides()
    items = texts()
    failed = False
    for lang in a.lang.split(','):
        ref = Reference(lang, overrides)
        parser = (cmn_parser if lang == 'cmn' else yue_parser)(a.say, a.voices, ref.chars)
        lines = [(lang, t) for t, _, _ in items]
        normal = say(a.say, a.voices, '--normalised', lines).split('\n')[:len(items)]
        trad = s2t(normal)
        res = phonemes(a.say, a.voices, lines)
        total = right = 0
        nums_total = nums_right = 0
        bad = collections.Counter()
        bad_how = {}
        for (text, hand, src), simp, tr, (spoken, trace) in zip(items, normal, trad, res):
            act = parser.parse(trace)
            if hand:
                exp_s = (hand[0] if lang == 'cmn' else hand[1] if len(hand) > 1 else '').split()
                if not exp_s:
                    continue
                ok, said = align(lang, exp_s, act)
                nums_total += 1
                if all(ok):
                    nums_right += 1
                else:
                    print(f'{lang} NUMBER FORM WRONG: {text!r} → {simp!r}\n    expected {" ".join(exp_s)}'
                          f'\n    said     {" ".join(act)}')
                total += len(ok)
                right += sum(ok)
                continue
            words = ref.read(simp, tr)
            exp = [s for _, ss, _ in words for s in ss]
            ok, said = align(lang, exp, act)
            total += len(exp)
            right += sum(ok)
            k = 0
            for wi, (w, ss, wt) in enumerate(words):
                wok = ok[k:k + len(ss)]
                if not all(wok):
                    key = w
                    if len(w) == 1 and len(ref.chars.get(wt, [])) != 1 \
                            and wi + 1 < len(words) and HAN.match(words[wi + 1][0]):
                        key = w + words[wi + 1][0]  # a polyphonic character: with its neighbour
                        ss = ss + words[wi + 1][1]
                    bad[key] += 1
                    bad_how[key] = (' '.join(ss), ' '.join(said[k:k + len(ss)]))
                k += len(ss)
        pct = 100.0 * right / max(total, 1)
        print(f'== {lang}: {right}/{total} syllables right = {pct:.2f} %  '
              f'(number forms {nums_right}/{nums_total} right); {len(bad)} words differ')
        for w, c in bad.most_common(a.words):
            e, s = bad_how[w]
            print(f'   {w}\texpected {e}\tsaid {s}\t×{c}')
        if pct < a.min or nums_right != nums_total:
            failed = True
        if a.write_lexicon:
            write_lexicon(lang, bad, bad_how, parser, ref)
    return 1 if failed else 0


def lexicon_test(a):
    """Each lexicon entry, said alone through the kiosk's path, must come out as its reading."""
    bad = 0
    for lang in a.lang.split(','):
        path = os.path.join(ROOT, 'voices', f'lexicon_{lang}.tsv')
        entries = []
        for line in open(path, encoding='utf-8'):
            if line.startswith('#') or not line.strip():
                continue
            word, reading = line.rstrip('\n').split('\t')[:2]
            entries.append((word, reading))
        if lang == 'cmn':
            parser = cmn_parser(a.say, a.voices, load_refs('cmn')[1])
            want = lambda r: r.split()
        else:
            parser = YueParser()
            want = lambda r: parser.parse(r.strip('[]').replace(' ', '_| ') + '_|')
        res = phonemes(a.say, a.voices, [(lang, w) for w, _ in entries])
        for (w, r), (spoken, trace) in zip(entries, res):
            got = parser.parse(trace)
            exp = want(r)
            if len(got) != len(exp) or not all(
                    same(lang, e, g, exp[i + 1] if i + 1 < len(exp) else None) for i, (e, g) in enumerate(zip(exp, got))):
                bad += 1
                print(f'{lang} lexicon: {w} is listed as {" ".join(exp)} but read {" ".join(got)} ({spoken!r})')
        print(f'== {lang}: {len(entries) - bad}/{len(entries)} lexicon words read as listed')
    return 1 if bad else 0


def write_lexicon(lang, bad, bad_how, parser, ref):
    path = os.path.join(ROOT, 'voices', f'lexicon_{lang}.tsv')
    have = set()
    lines = open(path, encoding='utf-8').read().splitlines()
    for l in lines:
        if l and not l.startswith('#'):
            have.add(l.split('\t')[0])
    added = 0
    with open(path, 'a', encoding='utf-8') as f:
        for w in sorted(bad):
            if w in have or not HAN.search(w) or not all(HAN.match(c) for c in w):
                continue
            e = [x.split('|')[0] for x in bad_how[w][0].split()]
            if len(e) != len(w):
                continue
            have.add(w)
            if lang == 'cmn':
                reading = ' '.join(e)
            else:
                parts = [yue_render(x) for x in e]
                if None in parts:
                    continue
                reading = '[[' + ' '.join(parts) + ']]'
            f.write(f'{w}\t{reading}\n')
            added += 1
    print(f'   {added} candidate entries appended to {path}')


if __name__ == '__main__':
    sys.exit(main())
