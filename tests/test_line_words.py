"""Every line rule reads every language its word lists claim.

cleaners/line_words.py keeps each rule's phrases language by language; the tests here take the
claims from those tables, so a language added to a table without a line here fails
(``test_every_claimed_language_has_a_line``), and each claimed language has its lines removed,
with the rule's reason, by the rule alone and through ``clean`` on a page in that language.
"""

from __future__ import annotations

from html import escape

import pytest

from cleaners import Removed, clean
from cleaners.blocks import Block
from cleaners.boilerplate import find_boilerplate
from cleaners.line_words import LANGUAGES, RULE_WORDS

#: reason -> language -> lines the rule must remove, as widgets write them
LINES: dict[str, dict[str, tuple[str, ...]]] = {
    "share_print": {
        "en": ("Share this article", "Print this article"), "fr": ("Partager cet article", "Partager :"),
        "de": ("Artikel teilen", "Teilen:"), "es": ("Compartir esta noticia", "Compartir:"),
        "it": ("Condividi questo articolo", "Condividi:"), "pt": ("Compartilhe esta notícia", "Partilhar:"),
        "nl": ("Deel dit artikel", "Delen:"), "pl": ("Udostępnij ten artykuł", "Udostępnij:"),
        "ru": ("Поделиться статьей", "Поделиться:"), "el": ("Μοιραστείτε το άρθρο", "Κοινοποίηση:"),
    },
    "read_also": {
        "en": ("Read also: Harbour works delayed again", "Related: Harbour works delayed again"),
        "fr": ("Lire aussi : Le chantier du port prend du retard", "À lire : Le chantier du port"),
        "de": ("Lesen Sie auch: Hafensanierung verzögert sich", "Mehr dazu: Hafensanierung"),
        "es": ("Leer también: Las obras del puerto se retrasan", "Te puede interesar: Las obras del puerto"),
        "it": ("Leggi anche: I lavori al porto slittano", "Potrebbe interessarti: I lavori al porto"),
        "pt": ("Leia também: Obras no porto voltam a atrasar", "Saiba mais: Obras no porto"),
        "nl": ("Lees ook: Werk aan de haven loopt opnieuw vertraging op", "Lees meer: Werk aan de haven"),
        "pl": ("Czytaj także: Remont portu znów opóźniony", "Polecamy: Remont portu znów opóźniony"),
        "ru": ("Читайте также: Ремонт порта снова откладывается", "По теме: Ремонт порта"),
        "el": ("Διαβάστε επίσης: Νέα καθυστέρηση στα έργα του λιμανιού", "Σχετικά άρθρα: Το λιμάνι"),
        "ar": ("اقرأ أيضا: تأخر جديد في أشغال الميناء",),
    },
    "tags": {
        "en": ("Tags: Bridges, Infrastructure",), "fr": ("Mots-clés : pont, mairie",),
        "de": ("Schlagwörter: Brücke, Stadtrat",), "es": ("Etiquetas: puente, ayuntamiento",),
        "it": ("Argomenti: ponte, comune",), "pt": ("Temas: ponte, câmara municipal",),
        "nl": ("Trefwoorden: brug, gemeenteraad",), "pl": ("Tagi: most, rada miasta",),
        "ru": ("Теги: мост, городской совет",), "el": ("Ετικέτες: γέφυρα, δημοτικό συμβούλιο",),
    },
    "reading_time": {
        "en": ("5 min read", "Reading time: 5 minutes"), "fr": ("Temps de lecture : 4 min", "4 min de lecture"),
        "de": ("Lesezeit: 3 Minuten", "3 Minuten Lesezeit"),
        "es": ("Tiempo de lectura: 4 minutos", "4 minutos de lectura"),
        "it": ("Tempo di lettura: 3 minuti", "3 minuti di lettura"),
        "pt": ("Tempo de leitura: 4 min", "4 minutos de leitura"),
        "nl": ("Leestijd: 3 minuten", "3 minuten leestijd"), "pl": ("Czas czytania: 4 min", "4 minuty czytania"),
        "ru": ("Время чтения: 5 минут", "5 минут чтения"), "el": ("Χρόνος ανάγνωσης: 3 λεπτά", "3 λεπτά ανάγνωσης"),
    },
    "ad_label": {
        "en": ("Advertisement",), "fr": ("Publicité",), "de": ("Anzeige",), "es": ("Publicidad",),
        "it": ("Pubblicità",), "pt": ("Publicidade",), "nl": ("Advertentie",), "pl": ("Reklama",),
        "ru": ("Реклама",), "el": ("Διαφήμιση",),
    },
    "comments": {
        "en": ("24 comments", "Leave a comment"), "fr": ("11 commentaires", "Laisser un commentaire"),
        "de": ("Kommentare (24)", "Kommentar schreiben"), "es": ("24 comentarios", "Deja un comentario"),
        "it": ("24 commenti", "Lascia un commento"), "pt": ("24 comentários", "Deixe um comentário"),
        "nl": ("24 reacties", "Plaats een reactie"), "pl": ("24 komentarze", "Dodaj komentarz"),
        "ru": ("24 комментария", "Оставить комментарий"), "el": ("24 σχόλια", "Αφήστε ένα σχόλιο"),
    },
    "newsletter": {
        "en": ("Sign up for our morning newsletter to get the day's top stories.",
               "The Courier's newsletter: sign up here"),
        "fr": ("Abonnez-vous à notre newsletter pour recevoir l'essentiel chaque matin.",
               "La newsletter du Courrier : inscrivez-vous ici"),
        "de": ("Jetzt anmelden und den Newsletter jeden Morgen erhalten.",
               "Der Newsletter des Kuriers: hier anmelden"),
        "es": ("Suscríbete a nuestra newsletter y recibe las noticias cada mañana.",
               "La newsletter del Correo: suscríbete aquí"),
        "it": ("Iscriviti alla newsletter per ricevere le notizie ogni mattina.",
               "La newsletter del Corriere: iscriviti qui"),
        "pt": ("Assine a nossa newsletter e receba as notícias todas as manhãs.",
               "A newsletter do Correio: assine aqui"),
        "nl": ("Schrijf je in voor onze nieuwsbrief en ontvang elke ochtend het nieuws.",
               "De newsletter van de Koerier: hier aanmelden"),
        "pl": ("Zapisz się do naszego newslettera i otrzymuj wiadomości każdego ranka.",
               "Newsletter Kuriera: zapisz się tutaj"),
        "ru": ("Подпишитесь на нашу рассылку и получайте новости каждое утро.",
               "Newsletter «Курьера»: подпишитесь здесь"),
        "el": ("Εγγραφείτε στο newsletter μας για να λαμβάνετε τα νέα κάθε πρωί.",
               "Το newsletter του Κούριερ: εγγραφείτε εδώ"),
    },
    "cookies": {
        "en": ("We use cookies to improve your experience.", "Accept all cookies", "Cookie settings"),
        "fr": ("Ce site utilise des cookies pour améliorer votre expérience.", "Tout accepter",
               "Politique de cookies"),
        "de": ("Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten.", "Alle akzeptieren",
               "Cookie-Einstellungen"),
        "es": ("Utilizamos cookies propias y de terceros para mejorar nuestros servicios.", "Aceptar todas",
               "Política de cookies"),
        "it": ("Questo sito utilizza cookie tecnici e di profilazione.", "Accetta tutti", "Informativa sui cookie"),
        "pt": ("Utilizamos cookies para melhorar a sua experiência.", "Aceitar todos", "Política de cookies"),
        "nl": ("Wij gebruiken cookies om de website goed te laten werken.", "Alles accepteren", "Cookiebeleid"),
        "pl": ("Używamy plików cookies, aby ułatwić korzystanie z serwisu.", "Zaakceptuj wszystkie",
               "Polityka plików cookies"),
        "ru": ("Мы используем файлы cookie, чтобы улучшить работу сайта.", "Принять все", "Политика cookie"),
        "el": ("Χρησιμοποιούμε cookies για να βελτιώσουμε την εμπειρία σας.", "Αποδοχή όλων", "Πολιτική cookies"),
    },
    "caption": {
        "en": ("Photo: Jane Smith",), "fr": ("Crédit : Jean Dupont",), "de": ("Bild: Kay Nietfeld",),
        "es": ("Imagen: Lucía Ortega",), "it": ("Immagine: Giulia Ferri",), "pt": ("Imagem: Sofia Almeida",),
        "nl": ("Beeld: Jan de Vries",), "pl": ("Zdjęcie: Jan Kowalski",), "ru": ("Фото: Иван Петров",),
        "el": ("Φωτογραφία: Γιώργος Παπαδόπουλος",),
    },
    "dateline": {
        "en": ("Published: March 3, 2024 10:12 AM GMT",), "fr": ("Mis à jour le 3 mars 2024 à 10h12",),
        "de": ("Aktualisiert am 3. März 2024, 10:12 Uhr",), "es": ("Publicado el 3 de marzo de 2024, 10:12",),
        "it": ("Aggiornato il 3 marzo 2024 alle 10:12",), "pt": ("Atualizado em 3 de março de 2024 às 10:12",),
        "nl": ("Bijgewerkt op 3 maart 2024 om 10:12",), "pl": ("Opublikowano 3 marca 2024, 10:12",),
        "ru": ("Обновлено 3 марта 2024 года в 10:12",), "el": ("Δημοσιεύθηκε 3 Μαρτίου 2024, 10:12",),
    },
}

#: a short local news story in each language the tables claim (ar: read_also only)
BODIES: dict[str, tuple[str, ...]] = {
    "en": (
        "The city council voted on Tuesday evening to close the old harbour bridge to all motor traffic from "
        "next spring, after engineers warned that corrosion in the steel supports had advanced faster.",
        "Local businesses on both sides of the river fear the closure will cut trade, and the chamber of "
        "commerce has asked for a temporary ferry service until the bridge reopens to cars.",
    ),
    "fr": (
        "Le conseil municipal a voté mardi soir la fermeture du vieux pont du port à la circulation automobile "
        "dès le printemps prochain, après que des ingénieurs ont constaté une corrosion avancée des piliers.",
        "Les commerçants des deux rives craignent une baisse de leur chiffre d'affaires et la chambre de "
        "commerce réclame un service de bac temporaire jusqu'à la réouverture du pont.",
    ),
    "de": (
        "Der Stadtrat hat am Dienstagabend beschlossen, die alte Hafenbrücke ab dem kommenden Frühjahr für den "
        "Autoverkehr zu sperren, nachdem Gutachter eine starke Korrosion an den Stahlträgern festgestellt hatten.",
        "Die Geschäftsleute auf beiden Seiten des Flusses befürchten Umsatzeinbußen, und die Handelskammer "
        "fordert eine vorübergehende Fährverbindung, bis die Brücke wieder offen ist.",
    ),
    "es": (
        "El ayuntamiento aprobó el martes por la noche cerrar el viejo puente del puerto al tráfico de coches a "
        "partir de la próxima primavera, después de que los ingenieros detectaran una corrosión avanzada.",
        "Los comerciantes de ambas orillas temen perder clientes y la cámara de comercio ha pedido un servicio "
        "de transbordador provisional hasta que el puente vuelva a abrir a los coches.",
    ),
    "it": (
        "Il consiglio comunale ha votato martedì sera la chiusura del vecchio ponte del porto al traffico "
        "automobilistico dalla prossima primavera, dopo che gli ingegneri hanno rilevato una corrosione avanzata.",
        "I commercianti delle due sponde temono un calo degli affari e la camera di commercio chiede un servizio "
        "di traghetto provvisorio fino alla riapertura del ponte alle automobili.",
    ),
    "pt": (
        "A câmara municipal aprovou na terça-feira à noite o encerramento da velha ponte do porto ao trânsito "
        "automóvel a partir da próxima primavera, depois de os engenheiros terem detetado corrosão avançada.",
        "Os comerciantes das duas margens temem perder clientes e a associação comercial pede um serviço de "
        "ferry provisório até que a ponte volte a abrir aos automóveis.",
    ),
    "nl": (
        "De gemeenteraad heeft dinsdagavond besloten de oude havenbrug vanaf volgend voorjaar af te sluiten voor "
        "autoverkeer, nadat ingenieurs hadden gewaarschuwd dat de roest in de stalen pijlers sneller voortschreed.",
        "Ondernemers aan beide kanten van de rivier vrezen omzetverlies, en de kamer van koophandel vraagt om "
        "een tijdelijke veerdienst tot de brug weer opengaat voor auto's.",
    ),
    "pl": (
        "Rada miasta zdecydowała we wtorek wieczorem, że od przyszłej wiosny stary most portowy zostanie "
        "zamknięty dla samochodów, ponieważ inżynierowie stwierdzili postępującą korozję stalowych filarów.",
        "Kupcy z obu brzegów rzeki obawiają się spadku obrotów, a izba handlowa domaga się tymczasowego promu, "
        "dopóki most nie zostanie ponownie otwarty dla samochodów.",
    ),
    "ru": (
        "Городской совет во вторник вечером проголосовал за закрытие старого портового моста для автомобилей со "
        "следующей весны, после того как инженеры обнаружили сильную коррозию стальных опор.",
        "Торговцы на обоих берегах реки опасаются потери покупателей, а торговая палата просит организовать "
        "временную паромную переправу до тех пор, пока мост снова не откроется для машин.",
    ),
    "el": (
        "Το δημοτικό συμβούλιο αποφάσισε την Τρίτη το βράδυ να κλείσει η παλιά γέφυρα του λιμανιού για τα "
        "αυτοκίνητα από την επόμενη άνοιξη, αφού οι μηχανικοί διαπίστωσαν προχωρημένη διάβρωση στους πυλώνες.",
        "Οι έμποροι και στις δύο όχθες του ποταμού φοβούνται απώλεια πελατών, και το εμπορικό επιμελητήριο "
        "ζητά προσωρινή σύνδεση με πορθμείο μέχρι να ανοίξει ξανά η γέφυρα στα αυτοκίνητα.",
    ),
    "ar": (
        "صوّت المجلس البلدي مساء الثلاثاء على إغلاق جسر الميناء القديم أمام حركة السيارات ابتداء من الربيع "
        "المقبل، بعد أن حذر المهندسون من أن التآكل في الدعامات الفولاذية تقدم أسرع من المتوقع.",
        "ويخشى التجار على ضفتي النهر من تراجع المبيعات، وطالبت غرفة التجارة بخدمة عبّارة مؤقتة إلى أن يُعاد "
        "فتح الجسر أمام السيارات.",
    ),
}


def claimed(reason: str) -> set[str]:
    """The languages a rule's tables name."""
    return {lang for table in RULE_WORDS[reason] for lang in table}


CASES = [
    pytest.param(reason, lang, line, id=f"{reason}-{lang}-{i}")
    for reason in sorted(RULE_WORDS) for lang in sorted(claimed(reason))
    for i, line in enumerate(LINES.get(reason, {}).get(lang, ()))
]


def page(lang: str, *paragraphs: str) -> str:
    body = "\n".join(f"<p>{escape(p, quote=False)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<title>Harbour bridge | Riverside Courier</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<main><article><h1>Harbour bridge</h1>
{body}
</article></main><footer><a href="/about">About</a></footer></body></html>"""


@pytest.mark.parametrize("reason", sorted(RULE_WORDS))
def test_every_table_covers_every_language(reason: str) -> None:
    for table in RULE_WORDS[reason]:
        assert set(LANGUAGES) <= set(table), f"{reason}: a table lacks {sorted(set(LANGUAGES) - set(table))}"


@pytest.mark.parametrize("reason", sorted(RULE_WORDS))
def test_every_claimed_language_has_a_line(reason: str) -> None:
    assert claimed(reason) <= set(LINES.get(reason, {})), f"{reason}: no test line for a claimed language"
    assert set(LINES.get(reason, {})) <= set(BODIES)


@pytest.mark.parametrize(("reason", "lang", "line"), CASES)
def test_rule_removes_line(reason: str, lang: str, line: str) -> None:
    lead = Block(text=BODIES[lang][0], tag="p", index=0)
    assert find_boilerplate([lead, Block(text=line, tag="p", index=1)]) == {1: reason}


@pytest.mark.parametrize(("reason", "lang", "line"), CASES)
def test_clean_removes_line_on_a_page_in_its_language(reason: str, lang: str, line: str) -> None:
    body = BODIES[lang]
    article = clean(page(lang, body[0], line, body[1]), "https://www.riverside-courier.example/news/bridge")
    assert article.paragraphs == body
    assert Removed(reason, line) in article.removed


@pytest.mark.parametrize("lang", sorted(BODIES))
def test_plain_page_in_each_language_keeps_its_paragraphs(lang: str) -> None:
    """The control: without the widget line, nothing of the story goes."""
    body = BODIES[lang]
    assert clean(page(lang, *body), "https://www.riverside-courier.example/news/bridge").paragraphs == body
