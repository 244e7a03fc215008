"""Following the header's menu in a browser test as a person does: open the entry's group
(when it has one) with its button, then click the link itself — a real click, which fails when
anything covers the element."""

from __future__ import annotations

MENU = "nav[aria-label='Hoofdmenu']"

COVERED = """a => {
  const r = a.getBoundingClientRect();
  const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return top === a || a.contains(top) ? '' : (top ? top.outerHTML.slice(0, 120) : 'niets');
}"""
"""What lies on top of a link's centre instead of the link ('' when the link itself)."""


def menu_link(page, label: str):
    """The header's link `label`, visible: its group opened first when it is in one."""
    nav = page.locator(MENU)
    link = nav.get_by_role("link", name=label, exact=True)
    if not link.is_visible():
        group = nav.locator(".menu-group", has=page.locator(f"a:text-is('{label}')"))
        toggle = group.get_by_role("button")
        assert toggle.get_attribute("aria-expanded") == "false", label
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true", label
    link.wait_for(state="visible")
    return link


def follow_menu(page, label: str) -> None:
    """Click the header's link `label` (not covered by anything) and wait for its page."""
    link = menu_link(page, label)
    href = link.get_attribute("href")
    assert link.evaluate(COVERED) == "", f"{label} is bedekt: {link.evaluate(COVERED)}"
    link.click(timeout=5_000)
    page.wait_for_url(f"**{href}")
