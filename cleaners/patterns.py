"""Every selector and word list of the cleaner, compiled once and named by purpose.

Lists are multilingual on purpose (en, fr, de, es, it, pt, nl, pl, ru, el...): the cleaner is
judged on sites and languages nobody tuned it for, so a rule is a *kind* of boilerplate,
never a site. Phrases are anchored at the start of a short block, where widgets put them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

__all__ = [
    "AD_LABEL",
    "AGENCY_NAME",
    "AGENCY_SIGNATURE",
    "ASSET_EXTENSIONS",
    "AUTHOR_META",
    "AUTHOR_TOKENS",
    "BULLETS",
    "BYLINE",
    "BYLINE_FILLERS",
    "BYLINE_PREFIX",
    "CAPTION_CREDIT",
    "CHROME_TAGS",
    "CHROME_TOKENS",
    "CLASS_REASONS",
    "COMMENTS",
    "COOKIES",
    "CO_AUTHOR_PAREN",
    "CO_AUTHOR_SPLIT",
    "CREDENTIAL",
    "CREDIT_LINE",
    "DATA_END",
    "DATELINE",
    "DATE_WORDS",
    "GENERIC_LEAD_TOKENS",
    "HIDDEN_STYLE",
    "INTERFACE_LABELS",
    "INTERFACE_WORDS",
    "LEADING_LABEL",
    "MACHINE_LINE",
    "META_SEPARATOR",
    "MONTHS",
    "NEWSLETTER",
    "OTHER_PAREN",
    "READING_TIME",
    "READ_ALSO",
    "ROLE_WORDS",
    "SHARE_PRINT",
    "STANDFIRST_TOKENS",
    "TAGS_LINE",
    "TAXONOMY_CLASS",
    "TITLE_PARTS",
]

_I = re.IGNORECASE

# --- raw-tree pruning: class/id tokens (matched as whole tokens split on space, "-" and "_") ---
#: reason -> tokens; an element whose class or id has one of them is boilerplate
CLASS_REASONS: Mapping[str, frozenset[str]] = MappingProxyType({
    "caption": frozenset({"caption", "figcaption", "credit", "credits", "legende", "légende",
                          "photocredit", "imagecredit", "bildunterschrift", "didascalia"}),
    "share": frozenset({"share", "sharing", "sharebar", "sharetools", "shareicons", "socialshare",
                        "socialbar", "sociallinks", "social"}),
    "hovercard": frozenset({"rollover", "tooltip", "popover", "hovercard", "tippy"}),
    "read_also": frozenset({"readalso", "lireaussi", "seealso", "readmore", "alsoread", "inlinerelated"}),
    "newsletter": frozenset({"newsletter", "newsletters", "nlsignup", "newslettersignup", "optin"}),
    "related": frozenset({"related", "relatedarticles", "relatedposts", "relatedstories", "relatedlinks",
                          "latestnews", "mostread", "mostpopular", "morestories", "morenews", "readnext",
                          "upnext", "recommended", "recommendations", "outbrain", "taboola", "trending"}),
    "subscription": frozenset({"subscribe", "subscription", "abonnement", "abo", "regwall",
                               "registerwall", "upsell", "suscripcion", "abbonamento", "abonnieren"}),
})
#: class/id tokens of a standfirst (chapô, dek) under the headline
STANDFIRST_TOKENS = frozenset({"standfirst", "chapo", "chapeau", "chapô", "dek", "deck", "lede", "lead",
                               "intro", "sapo", "entradilla", "vorspann", "occhiello", "subheadline",
                               "articlelead", "articleintro", "leadtext", "introtext"})
#: ...of which these also name a body's first paragraph (Bootstrap's p.lead, a CMS's "intro")
GENERIC_LEAD_TOKENS = frozenset({"lead", "lede", "intro", "leadtext", "introtext"})
#: class names that say what a post is about (WordPress post_class, Drupal taxonomy), never what
#: the element is: "category-trending" and "tag-social-media" sit on the article itself
TAXONOMY_CLASS = re.compile(r"^(?:category|categories|tag|tags|term|topic|taxonomy|format)[-_]")
#: how a data line ends (an ingredient list, a label): a bracket, a colon, a number
DATA_END = re.compile(r"[)\]:;,\d]\s*$")
#: a summary box's label in front of its text: "In sintesi:", "L'essentiel :", "Summary —". Each
#: run is taken whole, ``(?=(\w+))\1`` being ``\w+`` that never gives characters back (a shorter
#: run is never followed by what comes next): a block that is one 5 MB word is refused in one step
#: per word, not one per character
LEADING_LABEL = re.compile(r"^(?=(\W*))\1(?=(\w+))\2(?:(?=([\s'’]+))\3(?=(\w+))\4){0,2}\s*[:：—–]\s+")
#: characters that mark a typed-in list entry ("· Related headline")
BULLETS = frozenset("·•»›▸▶■□●○◆◇►-–—*>")
#: the site name beside the title in <title>: "Title | Site", "Title - Site", "Title :: Site"
TITLE_PARTS = re.compile(r"\s+[|–—-]\s+|\s+::\s+")
#: author meta tags (trafilatura's own reader rejects short names such as an agency, "AFP")
AUTHOR_META = "//meta[@name='author' or @property='article:author' or @name='byl']/@content"
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", _I)

#: files a canonical URL never names: a page's address is not an image, a style sheet or a script
ASSET_EXTENSIONS = frozenset(
    "jpg jpeg png gif webp avif svg ico bmp tif tiff css js json xml mp3 mp4 webm woff woff2".split()
)

# --- authors: what a byline element is, and what is never a name ---
#: class/id tokens of a byline element (whole tokens: "authority-control" is a Wikipedia navbox)
AUTHOR_TOKENS = frozenset({"author", "authors", "authorname", "articleauthor", "postauthor", "byauthor",
                           "byline", "bylines", "byl", "autor", "autores", "auteur", "auteurs", "autore",
                           "autori", "zuozhe"})
#: where other people's names stand: menus, sidebars, footers, comments, teasers of other stories
CHROME_TAGS = frozenset({"nav", "aside", "footer"})
CHROME_TOKENS = frozenset({"nav", "navbar", "menu", "sidebar", "footer", "comment", "comments", "related",
                           "teaser", "teasers", "mostread", "popular", "recommended", "promo"})
#: words of the interface beside a name, never in one: account links, labels, software credits
INTERFACE_WORDS = frozenset(
    "username user users login logout signin signup register account profile password avatar "
    "author authors autor autores auteur auteurs autore autori verfasser "
    "version control menu search admin administrator webmaster guest anonymous unknown "
    "share follow comment comments contact home subscribe newsletter rss email print "
    "facebook twitter instagram linkedin whatsapp click loading null undefined none".split()
)
#: the same in scripts written without spaces, where a label is the whole "name": "作者", "编辑"
INTERFACE_LABELS = frozenset({"作者", "作者名", "著者", "筆者", "投稿者", "编辑", "編輯", "责任编辑", "責任編輯",
                              "记者", "記者", "来源", "來源", "出典", "글쓴이", "작성자", "기자"})
#: words that name a role, not a person: a "name" made only of these (and joining words) is none
ROLE_WORDS = frozenset(
    "staff writer writers reporter reporters correspondent editor editors contributor columnist "
    "senior special chief desk team our the and redaktion rédaction redacción redazione redactie".split()
)
#: what opens a byline before the names: "By", "Par", "Posted by", "Von"
BYLINE_PREFIX = re.compile(
    r"^(?i:(?:written|posted|published|reported|words|text|story)\s+)?"
    r"(?i:by|par|von|por|di|da|door|av|af|przez|от|από)\s+"
)
#: a parenthesis that names co-authors: "(avec Damien Leloup et Morgane Tual)", "(with Jane Doe)"
CO_AUTHOR_PAREN = re.compile(r"\(\s*(?i:with|avec|mit|con|com|met|z|с|με)\s+")
#: a parenthesis that does not (a nickname, a handle): dropped, as trafilatura does
OTHER_PAREN = re.compile(r"\([^()]*\)")
#: a degree or suffix after a comma belongs to the name before it: "Brenda Goodman, MA", "John Doe, Jr."
CREDENTIAL = re.compile(r"^(?:MA|MS|MSc|MD|PhD|Ph\.D\.|DPhil|RN|MPH|DO|DDS|JD|MBA|BA|BSc|LLM|Jr\.?|Sr\.?|II|III|IV)$")
#: between the names of a byline: separators and joining words (lower case: "Van", "De" are names)
CO_AUTHOR_SPLIT = re.compile(
    r"\s*(?:[,;&|/•·()]|\s(?:and|und|et|y|e|en|i|with|avec|mit|con|com|met|z|с|и|και|με)\s)\s*"
)

# --- line rules: a whole block that is one of these is not body text ---
# Agencies as they sign credits: acronyms in capitals (so "(ePA)" in a sentence is no credit).
_AGENCIES = (r"(?:AFP|REUTERS|Reuters|AP|DPA|dpa|EPA|ANSA|EFE|Getty(?:\s*Images)?|GETTY|Shutterstock|iStock|"
             r"ANP|Belga|BELGA|Keystone|KEYSTONE|SIPA|Sipa|ABACA|Abaca|MAXPPP|IMAGO|imago|"
             r"[Pp]icture[- ][Aa]lliance|Xinhua|XINHUA|TASS|PAP|AP Photo|AFP Photo|Reuters Photo|Bloomberg|"
             r"AAP|ullstein|Ullstein|Alamy|Unsplash|Wikimedia|ZUMA|Zuma|Associated Press|The Associated Press)")
#: "Photo: AFP", "Foto: dpa/Kay Nietfeld", "© Reuters", "... Photo d'archives AFP.", "REUTERS/John Doe"
CAPTION_CREDIT = re.compile(
    rf"^(?i:photo|foto|image|bild|picture|crédit|credit|illustration|video|vidéo)s?\s*(?i:d'archives?\s*)?[:/©|]"
    rf"|^[^.!?]{{0,60}}©[^.!?]{{0,60}}$"
    rf"|(?:^|[.!?]\s+)(?i:photos?|fotos?|images?|bild|crédits?\s*photo|credits?|picture|illustration)\b[^.!?]{{0,60}}"
    rf"\b{_AGENCIES}\b[\w\s/.,'’-]{{0,40}}\W*$"
    rf"|\b{_AGENCIES}\s*/\s*[A-Z][\w.-]+(?:\s+[A-Z][\w.-]+){{0,3}}\W*$"
    rf"|\({_AGENCIES}\)\W*$"
)
READ_ALSO = re.compile(
    # words that also open ordinary sentences ("Recommended speed limits…"): only as a label
    r"^\W*(?:(?:read more|read next|see also|related(?: articles?| stories| coverage)?|more from|more on this|"
    r"you may also like|recommended|weiterlesen|saiba mais|te puede interesar|potrebbe interessarti)"
    r"\b\s*(?:[:：»>\-–—]|$)"
    # imperatives that only ever introduce a link to another article
    r"|(?:read also|also read|lire aussi|à lire aussi|a lire aussi|lire également|voir aussi|à voir aussi|"
    r"sur le même sujet|lesen sie auch|lesen sie mehr|mehr zum thema|auch interessant|"
    r"leer también|lea también|lee también|ver también|leggi anche|vedi anche|leia também|veja também|"
    r"lees ook|zie ook|czytaj także|czytaj też|zobacz też|читайте также|см\. также|διαβάστε επίσης|"
    r"اقرأ أيضا\u064b?)(?:\b|\s|[:：»>\-–—]|$))",
    _I,
)
#: "Reporting by Jane Doe in Washington; Editing by Mark Porter"
CREDIT_LINE = re.compile(
    r"^\W*(?i:(?:additional )?reporting|writing|editing|compiled|translated|graphics|"
    r"rédaction|redacción|redazione|edição)\s+(?i:by|par|von|por|di|de)\s+[A-ZÀ-Ý]"
)
#: "Tags: France", "Mots-clés : ...", "Schlagwörter: ..."
TAGS_LINE = re.compile(
    r"^\W*(?:tags?|topics?|mots[- ]clés|thèmes|schlagwörter|themen|etiquetas|temas|argomenti|"
    r"parole chiave|trefwoorden|tagi|теги|ετικέτες)\s*[:：]",
    _I,
)
#: separators between the parts of a metadata line
META_SEPARATOR = re.compile(
    r"\s+[|·•–—]\s+|\s*\|\s*|,\s+(?=(?i:mis à jour|updated|aktualisiert|actualizado|aggiornato))"
)
#: "Lesezeit: 3 Minuten", "5 min read", "Temps de lecture : 4 min"
READING_TIME = re.compile(
    r"^\W*(?:(?:reading time|read time|lesezeit|temps de lecture|tiempo de lectura|tempo di lettura|"
    r"tempo de leitura|leestijd|czas czytania)\b"
    r"|\d+\s*(?:min|mins|minutes?|minuten|minutos|minuti)\.?\s*(?:read|de lecture|lesezeit|"
    r"de lectura|di lettura|de leitura|leestijd)?\W*$)",
    _I,
)
#: a wire agency or picture desk as the whole of an author's "name"
AGENCY_NAME = re.compile(rf"^{_AGENCIES}$")
#: an agency signature closing a story: "(dpa/rr)", "AFP", "(Reuters)"
AGENCY_SIGNATURE = re.compile(rf"^[\s(—–-]*{_AGENCIES}(?:\s*[/,]\s*[\w.]+)*\s*\)?\W*$")
#: "By Jane Doe", "Par Jean Dupont", "Von Max Muster, dpa" (checked together with a length bound)
BYLINE = re.compile(
    r"^(?i:by|par|von|por|di|da|door|av|af|przez|от|από)\s+"
    # names (a capital, then letters, dots, hyphens, apostrophes), joining words, separators; each
    # run of letters is read one way: joining words, then one name to the run's end. Read as
    # names that may start at any capital, "By FRANKFURTER ALLGEMEINE ZEITUNG:" took minutes
    # to refuse: every split of its capitals was tried
    r"(?:(?:(?:and|und|et|y|e|en|i|dpa|afp|apa|sda|epd|-)*[A-ZÀ-ÝĀ-ŽА-ЯΑ-Ω][\w'’.-]*"
    r"|(?:and|und|et|y|e|en|i|dpa|afp|apa|sda|epd|-)+)(?![\w'’.-])|[&,|–—\s])+$"
)
#: words that may stand beside author names in a byline line
BYLINE_FILLERS = frozenset(
    "by par von por di da door av af and et und y e i en with avec mit con staff writer reporter "
    "correspondent editor senior contributor de du des la le el der die am le à".split()
    + "afp reuters ap dpa ansa efe".split()
)
DATELINE = re.compile(
    r"^\W*(?:published|updated|posted|last updated|modified|publié|mis à jour|modifié|actualisé|"
    r"veröffentlicht|aktualisiert|stand(?=\s*:)|publicado|actualizado|pubblicato|aggiornato|"
    r"gepubliceerd|bijgewerkt|opublikowano|aktualizacja|publicação|atualizado|опубликовано|обновлено)"
    r"\b",
    _I,
)
#: month names (and abbreviations): a date line names a month or a year, not just a time
MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre "
    "januar februar märz juni juli oktober dezember jänner "
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre "
    "gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre "
    "janeiro fevereiro março maio junho julho setembro outubro novembro dezembro "
    "januari februari maart mei augustus".split()
)
#: words a date line is made of, besides numbers: months, days, times, zones, "updated"
DATE_WORDS = MONTHS | frozenset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun "
    "lundi mardi mercredi jeudi vendredi samedi dimanche "
    "montag dienstag mittwoch donnerstag freitag samstag sonntag "
    "lunes martes miércoles jueves viernes sábado domingo "
    "am pm a m p gmt utc cet cest est edt pst pdt bst ist h uhr hs "
    "updated published posted modified last on at le à am um el de del di du em op of the "
    "publié mis jour modifié actualisé veröffentlicht aktualisiert publicado actualizado "
    "pubblicato aggiornato atualizado gepubliceerd bijgewerkt ago hours minutes hour minute".split()
)
#: a bare ISO timestamp or date: data leaked from hidden markup (a bare URL may be content)
MACHINE_LINE = re.compile(
    r"^(?:"
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?|"
    r"\d{1,2}[./]\d{1,2}[./]\d{2,4}(?:\s*[-|,]?\s*\d{1,2}[:h]\d{2})?)$",
    _I,
)
NEWSLETTER = re.compile(
    r"^(?:\W*(?:sign up|subscribe|get (?:our|the)|join (?:our|the)|register|receive our|"
    r"inscrivez-vous|abonnez-vous|recevez|s'inscrire|je m'abonne|"
    r"melden sie sich|jetzt anmelden|abonnieren|newsletter abonnieren|"
    r"suscríbete|suscribirse|regístrate|iscriviti|abbonati|"
    r"assine|inscreva-se|schrijf je in|abonneer|zapisz się|подпишитесь)\b"
    r"|(?=[\s\S]*?newsletter)[\s\S]*?\bnewsletters?\b.{0,80}\b(?:sign up|subscribe|inscri\w*|abonn\w*|anmeld\w*|"
    r"suscr\w*|iscriv\w*))",
    _I,
)
SHARE_PRINT = re.compile(
    r"^\W*(?:(?:share(?: this(?: article| story| page)?| on \w+| via \w+)?|tweet(?: this)?|pin it|e-?mail|print|"
    r"print (?:this )?article|order reprints|reprints?|save|copy link|follow us(?: on \w+)?|"
    r"facebook|twitter|x|linkedin|whatsapp|pinterest|reddit|telegram|messenger|flipboard|"
    r"partager(?: sur \w+| cet article)?|imprimer|envoyer|suivez-nous|teilen|drucken|"
    r"compartir|imprimir|condividi|stampa|compartilhe|partilhar|delen|udostępnij|поделиться)\W*$"
    r"|(?:share|partager|teilen|compartir|condividi|compartilhe|udostępnij)\s*:)",
    _I,
)
COOKIES = re.compile(
    r"^(?:(?=[\s\S]*?cookie)[\s\S]*?(?:"
    r"\b(?:we|our partners|this (?:web)?site|nous|wir|utilizamos|usamos|usiamo|utilizziamo|ce site|"
    r"diese (?:web)?seite|este sitio|questo sito|este site|deze (?:web)?site)\b.{0,60}"
    r"\b(?:use|uses|utilis\w*|verwend\w*|nutz\w*|store)\b.{0,40}\bcookies?\b"
    r"|\bcookies?[- ](?:settings|preferences|policy|policies|paramètres|einstellungen|richtlinie)\b"
    r"|\b(?:accept\w*|akzeptier\w*|acept\w*|accett\w*)\b.{0,30}\bcookies?\b"
    r"|\bconsent\b.{0,40}\bcookies?\b|\bcookies?\b.{0,40}\bconsent\b)"
    r"|\W*(?:accept(?: all)?(?: cookies)?|tout accepter|alle akzeptieren|aceptar|accetta)\W*$)",
    _I,
)
COMMENTS = re.compile(
    r"^\W*(?:(?:\d+\s+)?(?:comments?|commentaires?|kommentare?|comentarios?|commenti|comentários|reacties|"
    r"komentarze|комментари[ийея])\s*(?:\(\d+\))?\W*$"
    r"|(?:leave|add|post|write) a (?:comment|reply)|join the (?:conversation|discussion)|"
    r"(?:comment|commenter|comentar|commentare|kommentieren|comentário|réagir)\s*:|"
    r"(?:laisser|ajouter|écrire) un commentaire|réagir\W*$|kommentar schreiben|"
    r"(?:deja|escribe) (?:un|tu) comentario|lascia un commento|deixe (?:um|seu) comentário)",
    _I,
)
AD_LABEL = re.compile(
    r"^\W*(?:advertisement|advertising|ad|sponsored(?: content)?|publicité|pub|anzeige|werbung|"
    r"publicidad|pubblicità|publicidade|advertentie|reklama|реклама|διαφήμιση|"
    r"continue reading below|story continues below(?: advertisement)?|article continues below|"
    r"la suite après (?:cette )?(?:publicité|la publicité)|weiter nach der anzeige)\W*$",
    _I,
)
