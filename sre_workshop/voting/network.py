"""Which of the laptop's addresses the phones should use: private IPv4, Wi-Fi first.

The app lists the interfaces (with Qt's ``QNetworkInterface``, in ``ui/``) and hands them here
as :class:`Candidate` objects; :func:`rank_candidates` keeps the private IPv4 addresses (RFC
1918: 10/8, 172.16/12, 192.168/16) and orders them Wi-Fi, then Ethernet, then anything else,
with virtual adapters (VPN, Docker, virtual machines, tunnels) last. The coach can still pick
another address; the server binds only the one chosen, never all interfaces.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum

#: The port tried first, then the next few, then any free port.
DEFAULT_PORT = 8765
FALLBACK_PORTS = 9

#: Interface names that belong to virtual adapters whatever type the system reports.
_VIRTUAL_PREFIXES = (
    "docker",
    "br-",
    "veth",
    "virbr",
    "vmnet",
    "vboxnet",
    "vethernet",
    "utun",
    "tun",
    "tap",
    "wg",
    "tailscale",
    "zt",
    "ppp",
    "ham",
    "llw",
    "awdl",
    "anpi",
    "lxc",
    "lxd",
    "podman",
    "cni",
    "flannel",
    "kube",
)
_VIRTUAL_WORDS = ("virtual", "hyper-v", "vpn", "vmware", "virtualbox", "tap-windows", "loopback")


class InterfaceKind(IntEnum):
    """Interface types, in the order they are preferred."""

    WIFI = 0
    ETHERNET = 1
    OTHER = 2
    VIRTUAL = 3


@dataclass(frozen=True)
class Candidate:
    """An IPv4 address of one of the laptop's interfaces."""

    address: str
    interface: str
    kind: InterfaceKind
    #: The name the system shows people (may be empty).
    label: str = ""

    @property
    def description(self) -> str:
        kind = {
            InterfaceKind.WIFI: "Wi-Fi",
            InterfaceKind.ETHERNET: "Ethernet",
            InterfaceKind.OTHER: "network",
            InterfaceKind.VIRTUAL: "virtual adapter",
        }[self.kind]
        name = self.label or self.interface
        return f"{self.address}  ({kind}: {name})" if name else f"{self.address}  ({kind})"


def is_private_ipv4(address: str) -> bool:
    """RFC 1918 addresses only: not loopback, link-local, public or IPv6."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return False
    if not isinstance(parsed, ipaddress.IPv4Address):
        return False
    return any(
        parsed in ipaddress.IPv4Network(block)
        for block in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")
    )


def looks_virtual(interface: str, label: str = "") -> bool:
    """Whether an interface's name says it is a VPN, container or virtual machine adapter.

    Windows' Mobile Hotspot runs on a "Wi-Fi Direct Virtual Adapter": that one is the room's
    network when the laptop is the hotspot, so it is not counted as virtual.
    """
    name = interface.lower()
    text = f"{name} {label.lower()}"
    if "wi-fi direct" in text:
        return False
    return name.startswith(_VIRTUAL_PREFIXES) or any(word in text for word in _VIRTUAL_WORDS)


def rank_candidates(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Private IPv4 candidates, best first (stable within a kind), duplicates dropped."""
    seen: set[str] = set()
    kept: list[Candidate] = []
    for candidate in candidates:
        if candidate.address in seen or not is_private_ipv4(candidate.address):
            continue
        seen.add(candidate.address)
        if candidate.kind is not InterfaceKind.VIRTUAL and looks_virtual(
            candidate.interface, candidate.label
        ):
            candidate = Candidate(
                candidate.address, candidate.interface, InterfaceKind.VIRTUAL, candidate.label
            )
        kept.append(candidate)
    return sorted(kept, key=lambda candidate: candidate.kind)


def port_candidates(preferred: int = DEFAULT_PORT, fallbacks: int = FALLBACK_PORTS) -> list[int]:
    """The ports to try in order: the preferred one, the next few, then any free port (0)."""
    if preferred == 0:
        return [0]
    return [preferred + offset for offset in range(fallbacks + 1)] + [0]
