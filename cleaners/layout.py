"""Old table layouts: tables that place the page, not tables of data.

trafilatura keeps a table as rows of cells, so a 2003-style page built from nested tables
comes out as one "row" holding the menu, the article and the ad column. A table is layout
when it nests another table, when one of its own cells holds running text, or when every
row has a single cell; it is then turned into plain divs before extraction, so its text
reads as blocks. Data tables (short cells in rows and columns) are left alone.
"""

from __future__ import annotations

from lxml.html import Element, HtmlElement

from .subtrees import NearestAncestor

__all__ = ["split_break_paragraphs", "unwrap_layout_tables"]

#: a cell with at least this many words is running text, not a data cell
LONG_CELL_WORDS = 40
_TABLE_PARTS = ("table", "thead", "tbody", "tfoot", "tr", "td", "th")


def _is_layout(parts: list[HtmlElement], nests: bool) -> bool:
    """A layout table: it nests a table, every row has one cell, or a cell holds running text."""
    if nests:
        return True
    rows = [el for el in parts if el.tag == "tr"]
    if rows and all(len(row.findall("td")) + len(row.findall("th")) <= 1 for row in rows):
        return True
    return any(len(cell.text_content().split()) >= LONG_CELL_WORDS for cell in parts if cell.tag == "td")


def unwrap_layout_tables(tree: HtmlElement) -> None:
    """Turn layout tables (and their rows and cells) into divs, in place.

    A table's own parts are those whose nearest table is this one, not a table nested in it;
    one walk finds every element's nearest table, so tables nested in tables cost their size,
    not their size times their depth.
    """
    tables = list(tree.iter("table"))
    if not tables:
        return
    parts: dict[HtmlElement, list[HtmlElement]] = {table: [] for table in tables}
    nesting: set[HtmlElement] = set()  # tables with a table inside
    nearest = NearestAncestor(lambda a: a.tag == "table")
    for el in tree.iter(*_TABLE_PARTS):
        table = nearest.of(el)
        if table is None:
            continue
        if el.tag == "table":
            nesting.add(table)
        else:
            parts[table].append(el)
    for table in [t for t in tables if _is_layout(parts[t], t in nesting)]:
        for el in [table, *parts[table]]:
            el.tag = "div"


_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "div", "dl", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "ul",
})


class _Paragraph:
    """The <p> being filled, and its last child (lxml's ``len`` and ``[-1]`` walk the children)."""

    def __init__(self, parent: HtmlElement) -> None:
        self.element = Element("p")
        parent.append(self.element)
        self.last: HtmlElement | None = None

    def add_text(self, text: str) -> None:
        if self.last is None:
            self.element.text = (self.element.text or "") + text
        else:
            self.last.tail = (self.last.tail or "") + text

    def add(self, node: HtmlElement) -> None:
        self.element.append(node)
        self.last = node


def _rebuild(el: HtmlElement) -> None:
    """Regroup an element's inline content into <p>s at every double <br>."""
    nodes: list[HtmlElement | str] = [el.text or ""]
    for child in el:
        nodes += [child, child.tail or ""]
        child.tail = None
    el.text = None
    del el[:]
    para: _Paragraph | None = None
    for i, node in enumerate(nodes):
        if isinstance(node, str):
            if node.strip():
                para = para or _Paragraph(el)
                para.add_text(node)
        elif node.tag == "br" and _next_is_break(nodes, i):
            para = None
        elif node.tag in _BLOCK_TAGS or (node.tag == "br" and para is None):
            para = None
            if node.tag != "br":
                el.append(node)
        else:
            para = para or _Paragraph(el)
            para.add(node)


def _next_is_break(nodes: list[HtmlElement | str], i: int) -> bool:
    """True for a <br> that starts or ends a run of breaks (only white space between)."""
    for side in (range(i + 1, len(nodes)), range(i - 1, -1, -1)):
        for j in side:
            node = nodes[j]
            if isinstance(node, str):
                if node.strip():
                    break
                continue
            if node.tag == "br":
                return True
            break
    return False


def split_break_paragraphs(tree: HtmlElement) -> None:
    """Text separated by <br><br> is paragraphs: make them <p>s, as readability does."""
    parents: dict[HtmlElement, None] = {}
    for br in tree.iter("br"):
        nxt = br.getnext()
        parent = br.getparent()
        if nxt is not None and nxt.tag == "br" and not (br.tail or "").strip() and parent is not None:
            parents.setdefault(parent)
    for el in parents:
        if el.tag not in ("p", "pre"):
            _rebuild(el)
