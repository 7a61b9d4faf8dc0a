"""Every selector and token list of the cleaner, compiled once and named by purpose.

The line rules' phrases, language by language, are in line_words.py; what is here is shape
(class tokens, separators, agencies, bylines), the same in every language. The cleaner is judged
on sites and languages nobody tuned it for, so a rule is a *kind* of boilerplate, never a site.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

from .line_words import CAPTION_WORDS

__all__ = [
    "AGENCY_NAME",
    "AGENCY_SIGNATURE",
    "AGENCY_SUFFIX",
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
    "CO_AUTHOR_PAREN",
    "CO_AUTHOR_SPLIT",
    "CREDENTIAL",
    "CREDIT_LINE",
    "DATA_END",
    "DOMAIN_ENDS",
    "PARTICLE_DOMAIN_ENDS",
    "FACT_LINE",
    "HIDDEN_STYLE",
    "INTERFACE_LABELS",
    "INTERFACE_WORDS",
    "LEADING_LABEL",
    "LISTING_TYPES",
    "MACHINE_LINE",
    "META_SEPARATOR",
    "NAME_DATE_WORDS",
    "OTHER_PAREN",
    "PICTURE_TOKENS",
    "ROLE_WORDS",
    "STANDFIRST_TOKENS",
    "TAXONOMY_CLASS",
    "TITLE_PARTS",
]

_I = re.IGNORECASE
#: the label of a picture credit in every language of line_words.py
_CAPTION_LABEL = "|".join(sorted({w for ws in CAPTION_WORDS.values() for w in ws}, key=lambda w: (-len(w), w)))

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
#: class/id tokens of a standfirst (chapô, dek) under the headline. Not "lead", "lede" or "intro"
#: ("article-intro", "lead-text"): they name the body's own first paragraph as often as a summary
#: above it (Bootstrap's p.lead, a CMS's "intro", the German Teaser), and what they hold is the
#: article's text (of 61 on trafilatura's multilingual eval pages, 36 hold expected text, none unwanted text)
STANDFIRST_TOKENS = frozenset({"standfirst", "chapo", "chapeau", "chapô", "dek", "deck", "sapo", "entradilla",
                               "vorspann", "occhiello", "subheadline"})
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
#: a fact on a line of its own, a name, a colon and its value: "Distance: 21 km", "Zutaten: 4 Eier"
FACT_LINE = re.compile(r"\w[\w\s)]{0,40}\s?:\s+\S")
#: schema.org types of a page made of lists (ingredients, steps, tools): short lines there are content
LISTING_TYPES = frozenset({"Recipe", "HowTo"})
#: characters that mark a typed-in list entry ("· Related headline")
BULLETS = frozenset("·•»›▸▶■□●○◆◇►-–—*>")
#: the site name beside the title in <title>: "Title | Site", "Title - Site", "Title :: Site"
TITLE_PARTS = re.compile(r"\s+[|–—-]\s+|\s+::\s+")
#: author meta tags (trafilatura's own reader rejects short names such as an agency, "AFP"), and
#: Dublin Core's creator, whose whole value ("Mac & i") stands when trafilatura's split left no name
AUTHOR_META = ("//meta[@name='author' or @property='article:author' or @name='byl'"
               " or translate(@name, 'DCREATOR', 'dcreator') = 'dc.creator']/@content")
#: an international phone number: "+81 158-23-2012", "0049 30 123456"
PHONE_NUMBER = re.compile(r"\s*(?:\+|00)\d[\d \t().\-/]{6,}\s*$")

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
#: class/id tokens of an author element that credits a picture, not the story ("img-author",
#: "photo-credit"): read on the element itself only (a page's body class may say "format-image");
#: "credit" alone is no such token, some sites' story bylines say "byline-credit"
PICTURE_TOKENS = frozenset({"img", "image", "photo", "picture", "caption"})
#: words of the interface beside a name, never in one: account links, labels, software credits
INTERFACE_WORDS = frozenset(
    "username user users login logout signin signup register account profile profil password avatar "
    "author authors autor autores auteur auteurs autore autori verfasser publisher "
    "version control menu search admin administrator webmaster guest anonymous anonym anonyme anonimo anónimo "
    "unknown unbenannt untitled share follow comment comments says contact home subscribe newsletter rss "
    "email print posts beiträge empfehlen support theme themes designed powered interview gespräch facebook twitter instagram linkedin whatsapp click "
    "loading null undefined none name date datum posted publiziert veröffentlicht updated published modified "
    "aktualisiert publié actualizado aggiornato atualizado bijgewerkt gepubliceerd opublikowano обновлено "
    "http https www sponsored gesponsert gesponserte advertorial anzeige werbung "
    "photo foto fotos фото bild image source sources quelle źródło fuente fonte bron источник πηγή".split()
)
#: the same in scripts written without spaces, where a label is the whole "name" ("作者", "编辑"),
#: and the placeholders for a name nobody gave, their words run together: "k. A." (keine Angabe),
#: "n/a", "N.N."
INTERFACE_LABELS = frozenset({"ka", "na", "nn",
                              "作者", "作者名", "著者", "筆者", "投稿者", "编辑", "編輯", "责任编辑", "責任編輯", "记者",
                              "記者", "来源", "來源", "出典", "글쓴이", "작성자", "기자"})
#: English months and days, which end a name where a byline runs on into its date ("Jeff Foust
#: Monday, November 18"), less those that are names too ("May", "June", "Jan", "Friday"); other
#: languages' months are surnames too often ("Maggio", "Marzo", "Agosto") to cut a name at
NAME_DATE_WORDS = frozenset(
    "january february march july september october november december feb sep sept oct nov dec "
    "monday tuesday wednesday thursday saturday mon tue wed thu fri sat".split()
)
#: a domain read as a name ("ebb.org" -> "Ebb Org", "stol.it" -> "Stol It", "FLVW.de" -> "FLVW de"):
#: its last word, any case
DOMAIN_ENDS = frozenset("com org net info io de at ch it fr uk pl ru es nl be eu cl pe ar mx br".split())
#: the domain ends that are name particles too in lower case ("Jong, Michiel de"): a domain only
#: after a word that is not a capitalised name ("datev de", "FLVW de", "info-hoppe de")
PARTICLE_DOMAIN_ENDS = frozenset("de it es be at".split())
#: words that name a role, not a person: a "name" made only of these (and joining words) is none
ROLE_WORDS = frozenset(
    "staff writer writers reporter reporters correspondent editor editors contributor columnist "
    "senior special chief desk team editorial our the and red redaktion rédaction redacción redazione redactie".split()
)
#: "by" in the languages the author rules read: one list for every byline pattern
_BY = "by|par|von|por|di|da|door|av|af|przez|от|από"
#: "with", naming a co-author: in a parenthesis or between two names
_WITH = "with|avec|mit|con|com|met|z|с|με"
#: what opens a byline before the names: "By", "Par", "Posted by", "Von"
BYLINE_PREFIX = re.compile(
    # after a verb or a link's words the name may be glued on ("Veröffentlicht vonChris Jung")
    r"^(?i:(?:view all posts|all posts|more posts|posts|articles|zeige alle beiträge|alle beiträge|"
    r"zum profil|mehr|more|written|posted|published|reported|words|text|story|beitrag|veröffentlicht|"
    r"erstellt|geschrieben|verfasst|publié|écrit|publicado|escrito|scritto|pubblicato)\s+"
    rf"(?:{_BY})\s*"
    rf"|(?:{_BY})\s+)"
)
#: a parenthesis that names co-authors: "(avec Damien Leloup et Morgane Tual)", "(with Jane Doe)"
CO_AUTHOR_PAREN = re.compile(rf"\(\s*(?i:{_WITH})\s+")
#: a parenthesis that does not (a nickname, a handle): dropped, as trafilatura does
OTHER_PAREN = re.compile(r"\([^()]*\)")
#: a degree or suffix after a comma belongs to the name before it: "Brenda Goodman, MA", "John Doe, Jr."
CREDENTIAL = re.compile(r"^(?:MA|MS|MSc|MD|PhD|Ph\.D\.|DPhil|RN|MPH|DO|DDS|JD|MBA|BA|BSc|LLM|Jr\.?|Sr\.?|II|III|IV)$")
#: between the names of a byline: separators and joining words (lower case: "Van", "De" are names)
CO_AUTHOR_SPLIT = re.compile(
    rf"\s*(?:[,;&|/•·()]|\s(?:and|und|et|y|e|en|i|и|και|{_WITH})\s)\s*"
)

# --- line rules: a whole block that is one of these is not body text ---
# Agencies as they sign credits: acronyms in capitals (so "(ePA)" in a sentence is no credit).
_AGENCIES = (r"(?:AFP|REUTERS|Reuters|AP|DPA|dpa|EPA|ANSA|EFE|Getty(?:\s*Images)?|GETTY|Shutterstock|iStock|"
             r"ANP|Belga|BELGA|Keystone|KEYSTONE|SIPA|Sipa|ABACA|Abaca|MAXPPP|IMAGO|imago|"
             r"[Pp]icture[- ][Aa]lliance|Xinhua|XINHUA|TASS|PAP|AP Photo|AFP Photo|Reuters Photo|Bloomberg|"
             r"AAP|ullstein|Ullstein|Alamy|Unsplash|Wikimedia|ZUMA|Zuma|Associated Press|The Associated Press)")
#: "Photo: AFP", "Foto: dpa/Kay Nietfeld", "© Reuters", "... Photo d'archives AFP.", "REUTERS/John Doe"
CAPTION_CREDIT = re.compile(
    rf"^(?i:{_CAPTION_LABEL})s?\.?\s*(?i:d'archives?\s*)?[:/©|]"
    rf"|^[^.!?]{{0,60}}©[^.!?]{{0,60}}$"
    rf"|(?:^|[.!?]\s+)(?i:photos?|fotos?|images?|bild|crédits?\s*photo|credits?|picture|illustration)\b[^.!?]{{0,60}}"
    rf"\b{_AGENCIES}\b[\w\s/.,'’-]{{0,40}}\W*$"
    rf"|\b{_AGENCIES}\s*/\s*[A-Z][\w.-]+(?:\s+[A-Z][\w.-]+){{0,3}}\W*$"
    rf"|\({_AGENCIES}\)\W*$"
)
#: "Reporting by Jane Doe in Washington; Editing by Mark Porter"
CREDIT_LINE = re.compile(
    r"^\W*(?i:(?:additional )?reporting|writing|editing|compiled|translated|graphics|"
    r"rédaction|redacción|redazione|edição)\s+(?i:by|par|von|por|di|de)\s+[A-ZÀ-Ý]"
)
#: separators between the parts of a metadata line
META_SEPARATOR = re.compile(
    r"\s+[|·•–—]\s+|\s*\|\s*|,\s+(?=(?i:mis à jour|updated|aktualisiert|actualizado|aggiornato))"
)
#: a wire agency or picture desk as the whole of an author's "name"
AGENCY_NAME = re.compile(rf"^{_AGENCIES}$")
#: a wire agency glued after a name: "JILL LAWLESS Associated Press", "Jean Dupont AFP"
AGENCY_SUFFIX = re.compile(rf"\s+{_AGENCIES}$")
#: an agency signature closing a story: "(dpa/rr)", "AFP", "(Reuters)"
AGENCY_SIGNATURE = re.compile(rf"^[\s(—–-]*{_AGENCIES}(?:\s*[/,]\s*[\w.]+)*\s*\)?\W*$")
#: "By Jane Doe", "Par Jean Dupont", "Von Max Muster, dpa" (checked together with a length bound)
BYLINE = re.compile(
    rf"^(?i:{_BY})\s+"
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
#: a bare ISO timestamp or date: data leaked from hidden markup (a bare URL may be content)
MACHINE_LINE = re.compile(
    r"^(?:"
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?|"
    r"\d{1,2}[./]\d{1,2}[./]\d{2,4}(?:\s*[-|,]?\s*\d{1,2}[:h]\d{2})?)$",
    _I,
)
