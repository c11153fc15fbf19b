"""The main text of an HTML page (a news article, a legal website's document page), as plain lines.

Navigation, scripts, menus, share buttons and footers are dropped; the container holding most
paragraph text is kept, one block element per line.

>>> html_main_text("<html><body><nav>Trang chủ</nav><article><p>Văn phòng Chính phủ vừa ban hành "
...                "Thông báo 494/TB-VPCP.</p><p>Theo Chinhphu.vn</p></article></body></html>")
'Văn phòng Chính phủ vừa ban hành Thông báo 494/TB-VPCP.\\nTheo Chinhphu.vn'
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

_DROP = "script, style, noscript, nav, header, footer, aside, form, iframe, svg, button, select, template"
_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "blockquote", "section",
               "article", "figcaption", "pre", "table", "ul", "ol", "br", "main"}
_NOISE_CLASS = re.compile(r"(?:^|[\s_-])(?:menu|nav|breadcrumb|share|social|comment|related|footer|header|"
                          r"sidebar|banner|advert|ads|tag|login|cookie)(?:$|[\s_-])", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0]+")


# A legal portal's document page: its metadata block ("Số hiệu", "Ngày ban hành") stands outside the
# container of the document's text, and ingest/portal.py reads it as its own source, so the whole
# page body is kept and the site's furniture is removed there.
_PORTAL_PAGE = re.compile(r"thuvienphapluat|luatvietnam|vbpl\.vn|congbao\.chinhphu", re.IGNORECASE)
_METADATA_LABEL = re.compile(r"Số hiệu|Ngày ban hành|Loại văn bản")


def html_main_text(html: str) -> str:
    portal_page = bool(_PORTAL_PAGE.search(html[:200000]) and _METADATA_LABEL.search(html))
    tree = HTMLParser(html)
    for node in tree.css(_DROP):
        node.decompose()
    for node in tree.css("[class], [id]"):
        marker = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
        if _NOISE_CLASS.search(marker) and node.tag not in ("body", "html", "article", "main"):
            node.decompose()
    root = tree.body if portal_page and tree.body is not None else _main_container(tree)
    if root is None:
        return ""
    lines = [_SPACES.sub(" ", line).strip() for line in _block_lines(root)]
    return "\n".join(line for line in lines if line)


def _main_container(tree: HTMLParser) -> Node | None:
    """The ``<article>``/``<main>`` if any, else the element whose own paragraphs hold most text."""
    for selector in ("article", "main", "[itemprop=articleBody]"):
        found = tree.css(selector)
        if found:
            return max(found, key=lambda n: len(n.text(strip=True)))
    best, best_len = None, 0
    for node in tree.css("div, section, td"):
        own = sum(len(child.text(strip=True)) for child in node.iter() if child.tag in ("p", "h2", "h3"))
        if own > best_len:
            best, best_len = node, own
    return best if best is not None else tree.body


def _block_lines(root: Node) -> list[str]:
    """Text of ``root`` with a line break at every block element boundary."""
    parts: list[str] = []

    def walk(node: Node) -> None:
        child = node.child
        while child is not None:
            if child.tag == "-text":
                parts.append(child.text_content or "")
            elif child.tag in _BLOCK_TAGS:
                parts.append("\n")
                walk(child)
                parts.append("\n")
            elif child.tag in ("td", "th"):
                parts.append(" | ")
                walk(child)
            else:
                walk(child)
            child = child.next

    walk(root)
    return "".join(parts).split("\n")
