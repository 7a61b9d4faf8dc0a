"""The words of the line rules, language by language, and the rules compiled from them.

A line rule claims the languages its table has, and every table has each of ``LANGUAGES``
(tests/test_line_words.py removes one line per rule and language, so a language cannot be
claimed without being read). Entries are regex fragments, lower case (the rules ignore case),
anchored where the rule anchors them: at the start of a short block, where widgets put them.
patterns.py keeps the selectors and the rules that are not a matter of language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Protocol

from .text import words

__all__ = [
    "AD_LABEL",
    "CAPTION_WORDS",
    "COMMENTS",
    "COOKIES",
    "COOKIE_BUTTON",
    "DATELINE",
    "DATE_WORDS",
    "LANGUAGES",
    "MONTHS",
    "NEWSLETTER",
    "NEWSLETTER_MENTION",
    "READING_TIME",
    "READ_ALSO",
    "RULE_WORDS",
    "SHARE_PRINT",
    "TAGS_LINE",
    "GatedPattern",
    "LinePattern",
]

#: the languages each table covers
LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "nl", "pl", "ru", "el")

Table = Mapping[str, tuple[str, ...]]


def _table(by_language: Mapping[str, str]) -> Table:
    """{"en": "share|print"} -> {"en": ("share", "print")}: one line of phrases a language, split
    at the top-level bars (a phrase may hold its own group: "(?:leave|add) a comment")."""
    return MappingProxyType({lang: tuple(_top_level_split(ps)) for lang, ps in by_language.items()})


def _top_level_split(alternation: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, char in enumerate(alternation):
        if char == "(" and alternation[i - 1:i] != "\\":
            depth += 1
        elif char == ")" and alternation[i - 1:i] != "\\":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(alternation[start:i].strip())
            start = i + 1
    return [*parts, alternation[start:].strip()]


def _any(*tables: Table) -> str:
    """One alternation of every language's phrases, grouped by first letter ("a(?:ccept…|kzept…)")
    so that a search tries one group at each position, not every phrase; longest first within a
    group (a longer phrase is tried before its own start: "print this article" before "print")."""
    phrases = sorted({p for table in tables for ps in table.values() for p in ps}, key=lambda p: (-len(p), p))
    groups: dict[str, list[str]] = {}
    for phrase in phrases:
        key = phrase[0] if phrase[0].isalpha() else ""
        groups.setdefault(key, []).append(phrase)
    parts = [p for p in groups.pop("", [])]
    for first, members in groups.items():
        rests = [m[1:] for m in members]
        parts.append(re.escape(first) + (f"(?:{'|'.join(rests)})" if len(rests) > 1 or rests[0] else ""))
    return "|".join(parts)


class LinePattern(Protocol):
    """What a line rule searches a block with: a compiled pattern, or one behind a gate."""

    def search(self, text: str) -> object: ...


class GatedPattern:
    """A pattern searched only in lines that hold a ``required`` word and a ``gate`` word.

    The words are looked up one distinct word at a time (the words of the line, as
    ``text.words`` gives them), so a line of other words costs no alternation at all: a rule of
    many phrases in ten languages then reads a line as fast as a rule of a few.
    """

    def __init__(self, pattern: re.Pattern[str], required: str, gate: str) -> None:
        self.pattern = pattern
        self._required = re.compile(required)
        self._gate = re.compile(gate.casefold())

    def search(self, text: str) -> re.Match[str] | None:
        distinct = set(words(text))
        if not any(map(self._required.fullmatch, distinct)) or not any(map(self._gate.fullmatch, distinct)):
            return None
        return self.pattern.search(text)


_I = re.IGNORECASE

#: a whole line that is a share, print or save button
SHARE_WORDS = _table({
    "en": r"share|share this|share this article|share this story|share this page|share this post|share on \w+|"
          r"share via \w+|tweet|tweet this|pin it|e-?mail|print|print article|print this article|order reprints|"
          r"reprints?|save|copy link|follow us|follow us on \w+",
    "fr": r"partager|partager sur \w+|partager cet article|partager l'article|partager cette page|imprimer|"
          r"imprimer cet article|imprimer l'article|envoyer|envoyer à un ami|envoyer par e-?mail|suivez-nous|"
          r"suivez-nous sur \w+|copier le lien|enregistrer",
    "de": r"teilen|artikel teilen|beitrag teilen|seite teilen|teilen auf \w+|auf \w+ teilen|per e-?mail teilen|"
          r"drucken|artikel drucken|versenden|artikel versenden|folgen sie uns|folgen sie uns auf \w+|"
          r"link kopieren|merken",
    "es": r"compartir|compartir esta noticia|compartir este artículo|compartir esta nota|compartir en \w+|"
          r"comparte esta noticia|comparte este artículo|imprimir|imprimir esta noticia|imprimir este artículo|"
          r"enviar por e-?mail|síguenos|síguenos en \w+|copiar enlace|copiar el enlace|guardar",
    "it": r"condividi|condividi questo articolo|condividi l'articolo|condividi la notizia|condividi su \w+|"
          r"stampa|stampa l'articolo|stampa questo articolo|invia per e-?mail|seguici|seguici su \w+|"
          r"copia link|copia il link|salva",
    "pt": r"compartilhe|compartilhar|partilhar|partilhe|compartilhe esta notícia|compartilhe este artigo|"
          r"compartilhar no \w+|partilhar este artigo|partilhar no \w+|partilhe este artigo|imprimir|imprimir artigo|"
          r"enviar por e-?mail|siga-nos|siga-nos no \w+|copiar link|salvar",
    "nl": r"delen|deel|deel dit artikel|deel dit bericht|deel deze pagina|deel via \w+|deel op \w+|artikel delen|"
          r"printen|artikel printen|afdrukken|mailen|volg ons|volg ons op \w+|kopieer link|kopieer de link|"
          r"link kopiëren|opslaan|bewaren",
    "pl": r"udostępnij|udostępnij artykuł|udostępnij ten artykuł|udostępnij na \w+|drukuj|wydrukuj|"
          r"wyślij e-?mailem|obserwuj nas|obserwuj nas na \w+|kopiuj link|skopiuj link|zapisz",
    "ru": r"поделиться|поделиться статьей|поделиться статьёй|поделиться в \w+|печать|распечатать|"
          r"версия для печати|отправить|подписывайтесь|копировать ссылку|скопировать ссылку|сохранить",
    "el": r"κοινοποίηση|κοινοποιήστε|κοινοποιήστε το άρθρο|μοιραστείτε|μοιραστείτε το άρθρο|εκτύπωση|"
          r"αποστολή|ακολουθήστε μας|ακολουθήστε μας στο \w+|αντιγραφή συνδέσμου|αποθήκευση",
})
#: the share verb as a label before the buttons: "Share:", "Compartir:", "Deel:"
SHARE_LABEL_WORDS = _table({
    "en": "share", "fr": "partager", "de": "teilen", "es": "compartir|comparte", "it": "condividi",
    "pt": "compartilhe|compartilhar|partilhar|partilhe", "nl": "delen|deel", "pl": "udostępnij", "ru": "поделиться",
    "el": "κοινοποίηση|κοινοποιήστε|μοιραστείτε",
})
#: social networks: their names are the same in every language
_NETWORKS = "facebook|twitter|x|linkedin|whatsapp|pinterest|reddit|telegram|messenger|flipboard|bluesky|threads"
SHARE_PRINT = re.compile(
    rf"^\W*(?:(?:{_any(SHARE_WORDS)}|{_NETWORKS})\W*$|(?:{_any(SHARE_LABEL_WORDS)})\s*:)", _I
)

#: labels that also open ordinary sentences ("Recommended speed limits…"): only as a label
READ_ALSO_LABELS = _table({
    "en": r"read more|read next|see also|related|related articles?|related stories|related coverage|more from|"
          r"more on this|you may also like|recommended",
    "fr": r"lire la suite|à lire|dans la même rubrique|vous aimerez aussi",
    "de": r"weiterlesen|mehr dazu|das könnte sie auch interessieren",
    "es": r"te puede interesar|también te puede interesar|más información|relacionado|noticias relacionadas",
    "it": r"potrebbe interessarti|ti potrebbe interessare|articoli correlati",
    "pt": r"saiba mais|leia mais|notícias relacionadas|você pode gostar",
    "nl": r"lees meer|lees verder|gerelateerd|meer over dit onderwerp",
    "pl": r"czytaj więcej|polecamy|zobacz również",
    "ru": r"читать далее|по теме|читайте еще|читайте ещё",
    "el": r"διαβάστε περισσότερα|σχετικά άρθρα",
})
#: imperatives that only ever introduce a link to another article
READ_ALSO_IMPERATIVES = _table({
    "en": r"read also|also read",
    "fr": r"lire aussi|à lire aussi|a lire aussi|lire également|voir aussi|à voir aussi|sur le même sujet",
    "de": r"lesen sie auch|lesen sie mehr|mehr zum thema|auch interessant",
    "es": r"leer también|lea también|lee también|ver también",
    "it": r"leggi anche|vedi anche",
    "pt": r"leia também|veja também",
    "nl": r"lees ook|zie ook",
    "pl": r"czytaj także|czytaj też|zobacz też|zobacz także",
    "ru": r"читайте также|см\. также|смотрите также",
    "el": r"διαβάστε επίσης|δείτε επίσης|διαβάστε ακόμη",
    "ar": r"اقرأ أيضا\u064b?",
})
READ_ALSO = re.compile(
    rf"^\W*(?:(?:{_any(READ_ALSO_LABELS)})\b\s*(?:[:：»>\-–—]|$)"
    rf"|(?:{_any(READ_ALSO_IMPERATIVES)})(?:\b|\s|[:：»>\-–—]|$))",
    _I,
)

#: "Tags: France", "Mots-clés : ...", "Schlagwörter: ..."
TAGS_WORDS = _table({
    "en": "tags?|topics?", "fr": "mots[- ]clés|thèmes|sujets", "de": "schlagwörter|themen|stichwörter|tags",
    "es": "etiquetas|temas", "it": "argomenti|parole chiave|tag", "pt": "etiquetas|temas|tags",
    "nl": "trefwoorden|onderwerpen|tags", "pl": "tagi|tematy|słowa kluczowe", "ru": "теги|метки|темы",
    "el": "ετικέτες|θέματα",
})
TAGS_LINE = re.compile(rf"^\W*(?:{_any(TAGS_WORDS)})\s*[:：]", _I)

#: "Lesezeit: 3 Minuten", "5 min read", "Temps de lecture : 4 min": a label, or a count of minutes
READING_LABELS = _table({
    "en": "reading time|read time", "fr": "temps de lecture", "de": "lesezeit|lesedauer", "es": "tiempo de lectura",
    "it": "tempo di lettura", "pt": "tempo de leitura", "nl": "leestijd", "pl": "czas czytania|czas lektury",
    "ru": "время чтения", "el": "χρόνος ανάγνωσης",
})
READING_UNITS = _table({
    "en": "min|mins|minutes?", "fr": "min|minutes?", "de": "min|minuten", "es": "min|minutos?",
    "it": "min|minuti?", "pt": "min|minutos?", "nl": "min|minuten|minuut", "pl": "min|minut[ay]?",
    "ru": "мин|минут[аы]?", "el": "λεπτά|λεπτό",
})
READING_SUFFIXES = _table({
    "en": "read", "fr": "de lecture", "de": "lesezeit|lesedauer", "es": "de lectura", "it": "di lettura",
    "pt": "de leitura", "nl": "leestijd|lezen", "pl": "czytania|lektury", "ru": "чтения",
    "el": "ανάγνωσης|ανάγνωση",
})
READING_TIME = re.compile(
    rf"^\W*(?:(?:{_any(READING_LABELS)})\b"
    rf"|\d+\s*(?:{_any(READING_UNITS)})\.?\s*(?:{_any(READING_SUFFIXES)})?\W*$)",
    _I,
)

#: a whole line that labels an advertisement
AD_WORDS = _table({
    "en": r"advertisement|advertising|ad|sponsored|sponsored content|continue reading below|"
          r"story continues below|story continues below advertisement|article continues below",
    "fr": r"publicité|pub|contenu sponsorisé|la suite après cette publicité|la suite après la publicité",
    "de": r"anzeige|werbung|gesponsert|weiter nach der anzeige|artikel wird unter der anzeige fortgesetzt",
    "es": r"publicidad|anuncio|contenido patrocinado",
    "it": r"pubblicità|contenuto sponsorizzato",
    "pt": r"publicidade|anúncio|conteúdo patrocinado|continua depois da publicidade",
    "nl": r"advertentie|gesponsord|lees verder onder de advertentie",
    "pl": r"reklama|artykuł sponsorowany|dalsza część artykułu pod reklamą",
    "ru": r"реклама|продолжение под рекламой",
    "el": r"διαφήμιση|χορηγούμενο",
})
AD_LABEL = re.compile(rf"^\W*(?:{_any(AD_WORDS)})\W*$", _I)

#: comment counters ("24 comments", "Reacties (3)") and prompts ("Leave a comment")
COMMENT_NOUNS = _table({
    "en": "comments?", "fr": "commentaires?", "de": "kommentare?", "es": "comentarios?", "it": "commenti|commento",
    "pt": "comentários?", "nl": "reacties|reactie", "pl": "komentarze|komentarzy|komentarz", "ru": "комментари[ийея]",
    "el": "σχόλια|σχόλιο",
})
COMMENT_PROMPTS = _table({
    "en": r"leave a (?:comment|reply)|add a (?:comment|reply)|post a (?:comment|reply)|write a (?:comment|reply)|"
          r"join the (?:conversation|discussion)|comment\s*:",
    "fr": r"laisser un commentaire|ajouter un commentaire|écrire un commentaire|commenter\s*:|réagir\s*:|réagir\W*$",
    "de": r"kommentar schreiben|jetzt kommentieren|kommentieren\s*:",
    "es": r"deja (?:un|tu) comentario|escribe (?:un|tu) comentario|comentar\s*:",
    "it": r"lascia un commento|scrivi un commento|commentare\s*:",
    "pt": r"deixe (?:um|seu|o seu) comentário|comentar\s*:|comentário\s*:",
    "nl": r"plaats een reactie|laat een reactie achter|reageer\s*:|reageer\W*$",
    "pl": r"dodaj komentarz|skomentuj\W*$",
    "ru": r"оставить комментарий|оставьте комментарий|комментировать\W*$",
    "el": r"αφήστε (?:ένα )?σχόλιο|γράψτε (?:ένα )?σχόλιο|σχολιάστε\W*$",
})
COMMENTS = re.compile(
    rf"^\W*(?:(?:\d+\s+)?(?:{_any(COMMENT_NOUNS)})\s*(?:\(\d+\))?\W*$|(?:{_any(COMMENT_PROMPTS)}))", _I
)

#: a call to sign up, at the start of the line
NEWSLETTER_CALLS = _table({
    "en": "sign up|subscribe|get our|get the|join our|join the|register|receive our",
    "fr": "inscrivez-vous|abonnez-vous|recevez|s'inscrire|je m'abonne",
    "de": "melden sie sich|jetzt anmelden|abonnieren|newsletter abonnieren",
    "es": "suscríbete|suscribirse|regístrate", "it": "iscriviti|abbonati", "pt": "assine|inscreva-se",
    "nl": "schrijf je in|abonneer|meld je aan", "pl": "zapisz się|zasubskrybuj", "ru": "подпишитесь|подписаться",
    "el": "εγγραφείτε|γραφτείτε",
})
#: ...or, after "newsletter", the verb of signing up
NEWSLETTER_VERBS = _table({
    "en": r"sign up|subscribe", "fr": r"inscri\w*|abonn\w*", "de": r"anmeld\w*|abonn\w*", "es": r"suscr\w*",
    "it": r"iscriv\w*", "pt": r"assin\w*|inscrev\w*", "nl": r"aanmeld\w*|abonn\w*|inschrijv\w*",
    "pl": r"zapis\w*|subskryb\w*", "ru": r"подпи\w*", "el": r"εγγραφ\w*",
})
NEWSLETTER = re.compile(rf"^\W*(?:{_any(NEWSLETTER_CALLS)})\b", _I)
#: ...or the newsletter named, then the verb: looked for only where both words are
NEWSLETTER_MENTION = GatedPattern(
    re.compile(rf"\bnewsletters?\b.{{0,80}}\b(?:{_any(NEWSLETTER_VERBS)})", _I),
    required="newsletters?",
    gate="|".join(p.split(" ")[0] for ps in NEWSLETTER_VERBS.values() for p in ps),
)

#: who uses cookies, then the verb: "We use", "Ce site utilise", "Utilizamos", "Мы используем"
COOKIE_USERS = _table({
    "en": r"we\b.{0,60}\b(?:use|uses|store)|our partners\b.{0,60}\b(?:use|uses|store)|"
          r"this (?:web)?site\b.{0,60}\b(?:use|uses|store)",
    "fr": r"nous\b.{0,60}\butilis\w*|ce site\b.{0,60}\butilis\w*",
    "de": r"wir\b.{0,60}\b(?:verwend\w*|nutz\w*|setz\w*)|diese (?:web)?seite\b.{0,60}\b(?:verwend\w*|nutz\w*|setz\w*)",
    "es": r"utilizamos|usamos|este sitio(?: web)? (?:utiliza|usa)",
    "it": r"utilizziamo|usiamo|questo sito(?: web)? (?:utilizza|usa)",
    "pt": r"utilizamos|usamos|este site (?:utiliza|usa)",
    "nl": r"wij\b.{0,60}\bgebruik\w*|we\b.{0,60}\bgebruik\w*|deze (?:web)?site\b.{0,60}\bgebruik\w*",
    "pl": r"używamy|wykorzystujemy|ta strona (?:używa|wykorzystuje)|serwis (?:używa|wykorzystuje)",
    "ru": r"мы используем|сайт использует",
    "el": r"χρησιμοποιούμε|ο ιστότοπος χρησιμοποιεί",
})
#: cookie settings and policies, by name
COOKIE_SETTINGS = _table({
    "en": r"cookies?[- ](?:settings|preferences|policy|policies)",
    "fr": r"paramètres (?:des )?cookies|politique (?:de |des |relative aux )?cookies|cookies?[- ]paramètres",
    "de": r"cookie[- ]?(?:einstellungen|richtlinie|einwilligung|zustimmung)",
    "es": r"política de cookies|configuración de cookies",
    "it": r"informativa (?:sui |dei )?cookies?|impostazioni (?:sui |dei )?cookies?",
    "pt": r"política de cookies|configurações de cookies|definições de cookies",
    "nl": r"cookie[- ]?(?:beleid|instellingen|verklaring)",
    "pl": r"polityk[ai] (?:plików )?cookies?|ustawienia (?:plików )?cookies?",
    "ru": r"политика (?:использования )?(?:файлов )?cookies?|настройки (?:использования )?(?:файлов )?cookies?",
    "el": r"πολιτική cookies?|ρυθμίσεις cookies?",
})
#: accepting cookies, in a sentence: the verb comes first ("you accept our cookies")
COOKIE_ACCEPTS = _table({
    "en": r"accept\w*", "fr": r"accept\w*", "de": r"akzeptier\w*", "es": r"acept\w*", "it": r"accett\w*",
    "pt": r"aceit\w*", "nl": r"accepte\w*|akkoord", "pl": r"akceptuj\w*|zaakceptuj\w*",
    "ru": r"принима\w*|приня\w*", "el": r"αποδέχ\w*|αποδοχή",
})
#: consent to cookies, in a sentence
COOKIE_CONSENTS = _table({
    "en": r"consent", "fr": r"consentement", "de": r"einwilligung|zustimmung", "es": r"consentimiento",
    "it": r"consenso", "pt": r"consentimento", "nl": r"toestemming", "pl": r"zgod[aęy]", "ru": r"согласи[ея]",
    "el": r"συγκατάθεση",
})
#: a whole line that is the button
COOKIE_BUTTONS = _table({
    "en": r"accept|accept all|accept cookies|accept all cookies", "fr": r"tout accepter|accepter|accepter les cookies",
    "de": r"alle akzeptieren|akzeptieren", "es": r"aceptar|aceptar todo|aceptar todas|aceptar cookies",
    "it": r"accetta|accetta tutto|accetta tutti", "pt": r"aceitar|aceitar tudo|aceitar todos",
    "nl": r"alles accepteren|accepteren", "pl": r"akceptuję|zaakceptuj|zaakceptuj wszystkie",
    "ru": r"принять|принять все", "el": r"αποδοχή|αποδοχή όλων",
})
#: the words one of those phrases opens with (or holds, after "cookie"): a line without one of
#: them and a "cookie" is no notice, whatever the phrases say, and is refused by a set lookup
COOKIE_GATE_WORDS = _table({
    "en": r"we|our|this|accept\w*|consent|settings|preferences|policy|policies",
    "fr": r"nous|ce|accept\w*|consentement|paramètres|politique",
    "de": r"wir|diese|akzeptier\w*|einwilligung|zustimmung|einstellungen|richtlinie",
    "es": r"utilizamos|usamos|este|acept\w*|consentimiento|política|configuración",
    "it": r"utilizziamo|usiamo|questo|accett\w*|consenso|informativa|impostazioni",
    "pt": r"utilizamos|usamos|este|aceit\w*|consentimento|política|configurações|definições",
    "nl": r"wij|we|deze|accepte\w*|akkoord|toestemming|beleid|instellingen|verklaring",
    "pl": r"używamy|wykorzystujemy|ta|serwis|akceptuj\w*|zaakceptuj\w*|zgod\w*|polityk\w*|ustawienia",
    "ru": r"мы|сайт|принима\w*|приня\w*|согласи\w*|политика|настройки",
    "el": r"χρησιμοποιούμε|ο|αποδέχ\w*|αποδοχή|συγκατάθεση|πολιτική|ρυθμίσεις",
})


#: a sentence about cookies: who uses them, their settings, accepting or consenting to them
COOKIES = GatedPattern(
    re.compile(
        rf"\b(?:{_any(COOKIE_USERS)})\b.{{0,40}}\bcookies?\b"
        rf"|\b(?:{_any(COOKIE_SETTINGS)})\b"
        rf"|\b(?:{_any(COOKIE_ACCEPTS)})\b.{{0,30}}\bcookies?\b"
        # "cookie consent" the other way round is English; German glues it: "Cookie-Einwilligung"
        rf"|\b(?:{_any(COOKIE_CONSENTS)})\b.{{0,40}}\bcookies?\b|\bcookies?\b.{{0,40}}\bconsent\b",
        _I,
    ),
    required=r"cookie\w*",
    gate=rf"(?:{_any(COOKIE_GATE_WORDS)})|cookie\w+",
)
#: a whole line that is the cookie banner's button
COOKIE_BUTTON = re.compile(rf"^\W*(?:{_any(COOKIE_BUTTONS)})\W*$", _I)

#: the label of a picture credit: "Photo:", "Foto:", "Fot.", "Φωτογραφία:"
CAPTION_WORDS = _table({
    "en": "photo|image|picture|credit|illustration|video", "fr": "photo|crédit|illustration|vidéo|image",
    "de": "foto|bild|illustration|video", "es": "foto|imagen|crédito|ilustración|vídeo",
    "it": "foto|immagine|credito|illustrazione|video", "pt": "foto|imagem|crédito|ilustração|vídeo",
    "nl": "foto|beeld|afbeelding|illustratie|video", "pl": "fot|foto|zdjęcie|ilustracja|wideo",
    "ru": "фото|иллюстрация|видео", "el": "φωτογραφία|φωτ|βίντεο",
})

#: the word a date line opens with: "Published", "Mis à jour", "Aktualisiert", "Opublikowano"
DATELINE_WORDS = _table({
    "en": r"published|updated|posted|last updated|modified",
    "fr": r"publié|mis à jour|modifié|actualisé",
    "de": r"veröffentlicht|aktualisiert|erstellt|stand(?=\s*:)",
    "es": r"publicado|actualizado", "it": r"pubblicato|aggiornato", "pt": r"publicado|atualizado|publicação",
    "nl": r"gepubliceerd|bijgewerkt|geplaatst", "pl": r"opublikowano|aktualizacja|zaktualizowano",
    "ru": r"опубликовано|обновлено", "el": r"δημοσιεύθηκε|δημοσίευση|ενημερώθηκε|ενημέρωση",
})
DATELINE = re.compile(rf"^\W*(?:{_any(DATELINE_WORDS)})\b", _I)
#: month names (and abbreviations, and the genitive a date takes): a date line names a month or a
#: year, not just a time. Words as ``text.words`` gives them: lower case, one token each
MONTH_WORDS = _table({
    "en": "january|february|march|april|may|june|july|august|september|october|november|december|"
          "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec",
    "fr": "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre",
    "de": "januar|jänner|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember",
    "es": "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre",
    "it": "gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre",
    "pt": "janeiro|fevereiro|março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro",
    "nl": "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december",
    "pl": "stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia|"
          "styczeń|luty|marzec|kwiecień|maj|czerwiec|lipiec|sierpień|wrzesień|październik|listopad|grudzień",
    "ru": "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря",
    "el": "ιανουαρίου|φεβρουαρίου|μαρτίου|απριλίου|μαΐου|ιουνίου|ιουλίου|αυγούστου|σεπτεμβρίου|οκτωβρίου|"
          "νοεμβρίου|δεκεμβρίου",
})
#: the days of the week (and English abbreviations)
WEEKDAY_WORDS = _table({
    "en": "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun",
    "fr": "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche",
    "de": "montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag",
    "es": "lunes|martes|miércoles|jueves|viernes|sábado|domingo",
    "it": "lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica",
    "pt": "segunda|terça|quarta|quinta|sexta|feira|sábado|domingo",
    "nl": "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag",
    "pl": "poniedziałek|wtorek|środa|czwartek|piątek|sobota|niedziela",
    "ru": "понедельник|вторник|среда|четверг|пятница|суббота|воскресенье",
    "el": "δευτέρα|τρίτη|τετάρτη|πέμπτη|παρασκευή|σάββατο|κυριακή",
})
#: the other words of a date line: "updated", "at", "Uhr" (times, zones and "ago" in any language)
DATELINE_FILLERS = _table({
    "en": "updated|published|posted|modified|last|on|at|of|the|ago|hours|minutes|hour|minute",
    "fr": "publié|mis|jour|modifié|actualisé|le|à|du",
    "de": "veröffentlicht|aktualisiert|am|um|uhr",
    "es": "publicado|actualizado|el|de|del|hs",
    "it": "pubblicato|aggiornato|di|alle|ore",
    "pt": "atualizado|publicado|em|às|de",
    "nl": "gepubliceerd|bijgewerkt|op|om|uur",
    "pl": "opublikowano|aktualizacja|dnia|o|godz",
    "ru": "опубликовано|обновлено|года|г|в",
    "el": "δημοσιεύθηκε|ενημερώθηκε|στις|το",
})
MONTHS = frozenset(w for ws in MONTH_WORDS.values() for w in ws)
_DAYS_AND_FILLERS = frozenset(w for table in (WEEKDAY_WORDS, DATELINE_FILLERS) for ws in table.values() for w in ws)
DATE_WORDS = MONTHS | _DAYS_AND_FILLERS | frozenset(
    "am pm a m p gmt utc cet cest est edt pst pdt bst ist eet eest msk h".split()
)

#: every rule's tables, by the reason the rule gives: what tests/test_line_words.py walks
RULE_WORDS: Mapping[str, tuple[Table, ...]] = MappingProxyType({
    "share_print": (SHARE_WORDS, SHARE_LABEL_WORDS),
    "read_also": (READ_ALSO_LABELS, READ_ALSO_IMPERATIVES),
    "tags": (TAGS_WORDS,),
    "reading_time": (READING_LABELS, READING_UNITS, READING_SUFFIXES),
    "ad_label": (AD_WORDS,),
    "comments": (COMMENT_NOUNS, COMMENT_PROMPTS),
    "newsletter": (NEWSLETTER_CALLS, NEWSLETTER_VERBS),
    "cookies": (COOKIE_USERS, COOKIE_SETTINGS, COOKIE_ACCEPTS, COOKIE_CONSENTS, COOKIE_BUTTONS, COOKIE_GATE_WORDS),
    "caption": (CAPTION_WORDS,),
    "dateline": (DATELINE_WORDS, MONTH_WORDS, WEEKDAY_WORDS, DATELINE_FILLERS),
})
