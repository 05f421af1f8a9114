"""Decide whether a document is English or Chinese.

The decision weighs Chinese characters against Latin *words*, after removing what carries no language: URLs,
e-mail addresses, Markdown link targets, HTML tags. A Chinese policy is full of English product and SDK names
("Google Analytics", "Umeng SDK", "IDFA") and an English policy may name a Chinese company (北京某某科技有限公司);
counting words rather than letters, and sampling the whole document rather than its head, keeps both on the side
of their main language.

A document in neither language is refused rather than scanned with rules that cannot read it: an empty report
would look like a clean bill of health. Japanese is told from Chinese by its kana; other scripts (Cyrillic,
Hangul, Arabic...) by their letters; a language written in Latin letters (German, French, Vietnamese...) by how
rarely it uses English function words (English legal text: 20-50 % of its words; German, Italian, Polish
translations of the same terms: under 4 %).
"""
from __future__ import annotations

import re
import unicodedata

from .errors import UnsupportedLanguageError

# What counts as a Chinese character, everywhere in tosscan: CJK Unified Ideographs, extension A and the
# compatibility ideographs (not the Yijing hexagram symbols between extension A and the main block). CJK_RANGES is
# a character-class body, for patterns that put it beside other characters.
CJK_RANGES = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK = re.compile(f"[{CJK_RANGES}]")
# Words of two or more Latin letters (ASCII or full-width); single letters are list markers and initials.
_LATIN_WORD = re.compile(r"[A-Za-z\uff21-\uff3a\uff41-\uff5a]{2,}")
# Text that is not prose in any language.
_NOISE = re.compile(
    r"""(?:https?://|www\.)[^\s)\]>"'）]+     # URLs
      | [\w.+-]+@[\w-]+(?:\.[\w-]+)+          # e-mail addresses
      | \]\([^)\s]*\)                         # Markdown link targets: [text](target)
      | <[^>\n]{1,200}>                       # HTML tags
      | data:[\w/+.-]+;base64,[A-Za-z0-9+/=]+  # inline images
    """,
    re.VERBOSE,
)

# Hiragana and katakana, without the two marks Chinese text borrows (・ and ー).
_KANA = re.compile(r"[\u3041-\u3096\u30a1-\u30fa]")
# Words of two or more letters in any script; CJK runs are told apart by their first character.
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff\uff21-\uff3a\uff41-\uff5a]")
# The commonest words of English contracts; together they are a fifth to a half of any English policy's words.
ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to a in or you your we our us for is be any by that this with as on are may not it from at will "
    "such all these an if have other can which".split())
# From this many Latin-script words on, a text is judged by its share of English function words.
MIN_WORDS_TO_JUDGE = 30
MIN_ENGLISH_SHARE = 0.08
# A shorter text (a pasted clause) is English unless it shows positive signs of another language: the commonest
# words of the other languages tosscan meets in Latin letters (German, French, Spanish, Italian, Portuguese,
# Dutch), left out where they are English words too ("die", "den", "in", "no"), and words with letters English
# does not use ("für", "términos", "điều"). Without such signs a short text stays English: "Licence: perpetual,
# irrevocable, worldwide" has no function word at all.
FOREIGN_FUNCTION_WORDS = frozenset(
    "der das und ist nicht mit dem des von zu auf ein eine einer wir ihr ihre ihren sich auch werden wird oder bei "
    "nach diese dieser sind kann können "
    "le les des et est une pour dans vous nous que qui sur pas par avec ce cette sont votre vos aux du "
    "el los las del en por para con es su sus se al lo como usted nuestro nuestra estos estas "
    "il gli della delle che di non sono suo nostro "
    "os dos em uma seu sua você nós "
    "het een van niet voor zijn wij uw".split())
MIN_FOREIGN_SIGNS = 3
MIN_WORDS_SHORT = 5
# Japanese mixes kanji with kana; Chinese has next to none.
MIN_KANA_SHARE = 0.15

# A sentence translated from English to Chinese takes about 1.5-1.8 characters per English word, so a text is
# Chinese when its Chinese characters outnumber 1.6 x its Latin words: more of its meaning is carried in Chinese.
CHARS_PER_WORD = 1.6
SAMPLE_WINDOWS = 8


def _sample(text: str, size: int) -> str:
    """Up to `size` characters taken from evenly spaced windows, so a long English preamble or appendix does not
    decide for the whole document."""
    if len(text) <= size:
        return text
    window = size // SAMPLE_WINDOWS
    step = (len(text) - window) / (SAMPLE_WINDOWS - 1)
    return "\n".join(text[int(i * step):int(i * step) + window] for i in range(SAMPLE_WINDOWS))


def _prose(text: str, sample: int) -> str:
    """A sample of `text` without URLs, e-mails and markup."""
    return _NOISE.sub(" ", _sample(text, sample))


def _counts(prose: str) -> tuple[int, int]:
    return len(CJK.findall(prose)), len(_LATIN_WORD.findall(prose))


def script_counts(text: str, sample: int = 60_000) -> tuple[int, int]:
    """(Chinese characters, Latin words) in a sample of `text`, without URLs, e-mails and markup."""
    return _counts(_prose(text, sample))


def detect_language(text: str, sample: int = 60_000) -> str:
    """'zh' when Chinese carries more of the text than English does, else 'en' (also for text with no words).

    Raises UnsupportedLanguageError for Japanese, for text mostly in another script, and for longer text in Latin
    letters that is not English; a caller who knows better passes the language explicitly instead.
    """
    prose = _prose(text, sample)
    cjk, words = _counts(prose)
    kana = len(_KANA.findall(prose))
    if kana >= 20 and kana >= MIN_KANA_SHARE * (cjk + kana) and cjk + kana > CHARS_PER_WORD * words:
        raise _unsupported("This text looks like Japanese")
    if cjk > CHARS_PER_WORD * words:
        return "zh"
    latin, other = [], []
    for word in _LETTER_WORD.findall(prose):
        first = word[0]
        if _LATIN_LETTER.match(first):
            latin.append(word)
        elif not (CJK.match(first) or _KANA.match(first)):
            other.append(word)
    if len(other) > len(latin) and len(other) >= 10:
        raise _unsupported(f"This text is mostly written in {_script_of(other)} script")
    english = sum(w.lower() in ENGLISH_FUNCTION_WORDS for w in latin)
    if len(latin) >= MIN_WORDS_TO_JUDGE:
        share = english / len(latin)
        if share < MIN_ENGLISH_SHARE:
            raise _unsupported(
                f"This text does not read as English: only {share:.0%} of its words are common English words "
                "(a PDF whose text lost its spaces reads like this too)")
    elif len(latin) >= MIN_WORDS_SHORT:
        foreign = sum(w.lower() in FOREIGN_FUNCTION_WORDS or not w.isascii() for w in latin)
        if foreign >= MIN_FOREIGN_SIGNS and foreign > 2 * english:
            raise _unsupported(f"This text does not read as English: {foreign} of its {len(latin)} words belong to "
                               "another language")
    return "en"


def check_chosen_language(text: str, lang: str, sample: int = 60_000) -> None:
    """Refuse a language chosen by hand when the text has none of its script: Chinese rules find nothing in a text
    without Chinese characters, nor English rules in one without Latin words, and the empty report would read as
    a clean bill of health."""
    # One word of the chosen script settles it; only a text without one is counted in full (the usual case, a
    # text in the chosen language, costs a search that stops at its first word).
    if (CJK if lang == "zh" else _LATIN_WORD).search(text):
        return
    cjk, words = script_counts(text, sample)
    if lang == "zh" and cjk == 0 and words:
        raise UnsupportedLanguageError(
            "Chinese was chosen, but this text has no Chinese characters, so the Chinese rules cannot read it. "
            "Choose English or automatic detection.")
    if lang == "en" and words == 0 and cjk:
        raise UnsupportedLanguageError(
            "English was chosen, but this text has no English words, so the English rules cannot read it. "
            "Choose Chinese or automatic detection.")


def _script_of(words: list[str]) -> str:
    """The commonest Unicode script name among the words' first letters: 'Cyrillic', 'Hangul', 'Arabic'..."""
    names = [unicodedata.name(w[0], "OTHER").split()[0].title() for w in words]
    return max(set(names), key=names.count)


def _unsupported(finding: str) -> UnsupportedLanguageError:
    return UnsupportedLanguageError(
        f"{finding}. tosscan's rules read English and Chinese, so a report would miss what the "
        "text says. Choose English or Chinese as its language to scan it anyway")
