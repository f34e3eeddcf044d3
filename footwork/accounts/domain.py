"""A runner's painful areas (the one check of the list, the words that name them), email spelling and the client
address behind trusted proxies. Pure: no Django."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# The areas Footwork trains around, in the order a form offers them, with their name in a sentence.
AREA_NAMES: dict[str, str] = {
    "achilles": "Achilles tendon",
    "plantar_heel": "plantar heel",
    "calf": "calf",
    "other": "other area",
}
SIDES: tuple[str, ...] = ("left", "right", "both")
# "Both" reads as a plural: "both Achilles tendons".
_BOTH: dict[str, str] = {
    "achilles": "both Achilles tendons",
    "plantar_heel": "both plantar heels",
    "calf": "both calves",
    "other": "another area on both sides",
}


@dataclass(frozen=True)
class PainSite:
    """One painful area and the side it hurts on."""

    area: str
    side: str

    def document(self) -> dict[str, str]:
        return {"area": self.area, "side": self.side}


class PainfulAreasProblem(ValueError):
    """Why a list of painful areas is refused; `index` is the 0-based entry at fault (None: the whole list)."""

    def __init__(self, message: str, index: int | None = None, part: str = "area") -> None:
        super().__init__(message)
        self.message = message
        self.index = index
        self.part = part


_CHOICES = ", ".join(list(AREA_NAMES.values())[:-1]) + f" or {list(AREA_NAMES.values())[-1]}"


def area_name(area: str) -> str:
    """The plain name of an area ("Achilles tendon"); an unknown value is quoted as given."""
    return AREA_NAMES.get(area, repr(area))


def site_name(site: PainSite) -> str:
    """ "left Achilles tendon", "both calves", "another area on the right"."""
    if site.side == "both":
        return _BOTH.get(site.area, f"{area_name(site.area)} on both sides")
    if site.area == "other":
        return f"another area on the {site.side}"
    return f"{site.side} {area_name(site.area)}"


def in_words(names: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"; empty for none."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def person_name(first_name: str, last_name: str, email: str) -> str:
    """A runner as lists name them: their full name, or the part of their email before the @."""
    return f"{first_name} {last_name}".strip() or email.split("@")[0]


def shown_name(first_name: str, last_name: str, email: str, coach_display_name: str | None = None) -> str:
    """How a person is named to others: a coach by the display name they chose, if any; anyone else (and a coach
    without one) by person_name."""
    return coach_display_name or person_name(first_name, last_name, email)


def sites_of(painful_areas: Iterable[dict[str, str]] | None) -> list[PainSite]:
    """A profile's stored painful areas ([{"area", "side"}], primary first) as sites."""
    return [PainSite(entry["area"], entry["side"]) for entry in painful_areas or []]


def sites_in_words(sites: Iterable[PainSite]) -> str:
    """ "left Achilles tendon and right plantar heel"; empty when there is no painful area."""
    return in_words([site_name(site) for site in sites])


def parse_painful_areas(value: object) -> list[PainSite]:
    """The one check of a painful-areas list: `[{"area", "side"}, ...]`, primary first, each area once."""
    if not isinstance(value, list | tuple):
        raise PainfulAreasProblem("Painful areas must be a list of areas, each with its side.")
    sites: list[PainSite] = []
    for index, entry in enumerate(value):
        if isinstance(entry, PainSite):
            entry = entry.document()
        if not isinstance(entry, dict) or set(entry) != {"area", "side"}:
            raise PainfulAreasProblem(
                f"Painful area {index + 1} must name an area and a side, nothing else.", index
            )
        area, side = entry["area"], entry["side"]
        if not isinstance(area, str) or area not in AREA_NAMES:
            raise PainfulAreasProblem(
                f"{area!r} is not an area Footwork knows: choose {_CHOICES}.", index, "area"
            )
        if not isinstance(side, str) or side not in SIDES:
            raise PainfulAreasProblem(
                f"Say which side of the {AREA_NAMES[area]} hurts: left, right or both.", index, "side"
            )
        if any(site.area == area for site in sites):
            raise PainfulAreasProblem(
                f"The {AREA_NAMES[area]} is listed twice: give each area once, with its side.", index, "area"
            )
        sites.append(PainSite(area, side))
    return sites


def legacy_sites(area: str, side: str) -> list[PainSite]:
    """The list a one-area profile (`painful_area`, `painful_side`) stands for; "none" is no area.

    An area recorded without a side becomes "both": both legs are then watched, the cautious reading.
    """
    if area in ("", "none"):
        return []
    return parse_painful_areas([{"area": area, "side": side if side in SIDES else "both"}])


def normalise_email(email: str) -> str:
    """The one spelling an address is stored and looked up under: trimmed and lower-case."""
    return email.strip().lower()


IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def client_address(remote_addr: str, forwarded_for: str, trusted: Sequence[IPNetwork]) -> str:
    """The address a request came from: X-Forwarded-For is read only through the proxies we trust.

    Walking the header from the right (the hop nearest us), each trusted proxy vouches for the address before it;
    the first address no trusted proxy stands for is the client. A request not from a trusted proxy is its own peer.
    """
    address = remote_addr
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    while _is_trusted(address, trusted) and hops:
        hop = hops.pop()
        if _parse_address(hop) is None:
            # A malformed entry cannot be a client: stop at the last proxy that spoke.
            break
        address = hop
    return address


def parse_networks(text: str) -> list[IPNetwork]:
    """`10.0.0.1, 192.168.0.0/16, ::1` as networks; a malformed entry raises ValueError naming it."""
    networks: list[IPNetwork] = []
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError as error:
            raise ValueError(f"{item!r} is not an IP address or network") from error
    return networks


def _parse_address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _is_trusted(text: str, trusted: Sequence[IPNetwork]) -> bool:
    address = _parse_address(text)
    return address is not None and any(address in network for network in trusted)
