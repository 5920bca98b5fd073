"""Headless Chromium (Debian's, driven by Playwright) that may load nothing but local files."""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed; .ci/run should have installed it (apt-get install chromium)")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


class OfflinePage:
    """A page that refuses every request that is not a local file, and records errors and dialogs."""

    def __init__(self, browser):
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.errors: list[str] = []
        self.blocked: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", self._dialog)
        self.page.route("**/*", self._route)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def open_map(self, path):
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("body[data-drawn=true]", timeout=20_000)
        return self.page

    def click_node(self, node_id: str) -> None:
        """Click a node where it is drawn on the canvas, as a user would."""
        self.page.evaluate("id => window.argmap.network.focus(id, {scale: 1.0, animation: false})", node_id)
        x, y = self.page.evaluate(
            """id => {
                const network = window.argmap.network;
                const p = network.canvasToDOM(network.getPositions([id])[id]);
                const box = document.getElementById('map').getBoundingClientRect();
                return [box.left + p.x, box.top + p.y];
            }""",
            node_id,
        )
        self.page.mouse.move(x, y)
        self.page.mouse.click(x, y)


@pytest.fixture
def offline_page(browser):
    page = OfflinePage(browser)
    yield page
    page.page.close()
