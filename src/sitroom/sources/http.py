"""Fetching pages over http(s): a timeout, a size cap, a clear user agent, and no requests to loopback,
private or link-local addresses (checked at every redirect) unless the user allows them."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urljoin, urlsplit

import httpx

from ..errors import PageError
from ..version import __version__

USER_AGENT = f"sitroom/{__version__} (+https://github.com/sitroom/sitroom; conflict-event research tool)"
MAX_REDIRECTS = 5


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def _blocked_address(host: str) -> str | None:
    """Why `host` must not be fetched, or None. Every address it resolves to is checked."""
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror as exc:
        return f"cannot resolve host {host!r} ({exc.strerror})"
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if address.is_loopback or address.is_private or address.is_link_local or address.is_reserved or address.is_unspecified:
            return f"{host} resolves to {address}, a loopback, private or link-local address (use --allow-private to fetch it)"
    return None


class Fetcher:
    """Gets one URL's bytes. `transport` is the seam tests use to stay offline."""

    def __init__(self, *, timeout: float = 20.0, max_bytes: int = 5 * 1024 * 1024, allow_private: bool = False,
                 transport: httpx.BaseTransport | None = None):
        self.max_bytes = max_bytes
        self.allow_private = allow_private
        self.client = httpx.Client(timeout=timeout, headers={"User-Agent": USER_AGENT}, follow_redirects=False, transport=transport)

    def get(self, url: str) -> tuple[bytes, str, str]:
        """(body, content type, final URL). Raises PageError with the reason."""
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            parts = urlsplit(current)
            if parts.scheme not in {"http", "https"} or not parts.hostname:
                raise PageError(url, "fetch", f"not an http(s) URL: {current}")
            if not self.allow_private:
                reason = _blocked_address(parts.hostname)
                if reason:
                    raise PageError(url, "fetch", f"refused: {reason}")
            try:
                with self.client.stream("GET", current) as response:
                    if response.is_redirect and "location" in response.headers:
                        current = urljoin(current, response.headers["location"])
                        continue
                    if response.status_code >= 400:
                        raise PageError(url, "fetch", f"the server answered HTTP {response.status_code}")
                    declared = int(response.headers.get("content-length") or 0)
                    if declared > self.max_bytes:
                        raise PageError(url, "too_large", f"{declared / 1e6:.1f} MB is over the {self.max_bytes / 1e6:.1f} MB cap (raise it with --max-bytes)")
                    chunks, size = [], 0
                    for chunk in response.iter_bytes():
                        size += len(chunk)
                        if size > self.max_bytes:
                            raise PageError(url, "too_large", f"over the {self.max_bytes / 1e6:.1f} MB cap (raise it with --max-bytes)")
                        chunks.append(chunk)
                    return b"".join(chunks), response.headers.get("content-type", ""), current
            except httpx.TimeoutException:
                raise PageError(url, "fetch", "timed out (raise --timeout, or save the page and ingest the file)") from None
            except httpx.HTTPError as exc:
                raise PageError(url, "fetch", f"could not fetch ({exc.__class__.__name__}: {exc})") from None
        raise PageError(url, "fetch", f"more than {MAX_REDIRECTS} redirects")
