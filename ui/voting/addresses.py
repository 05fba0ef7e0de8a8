"""The laptop's addresses, as Qt's ``QNetworkInterface`` lists them, for the room server.

Only the listing is here; which address is best is decided in the core
(:func:`sre_workshop.voting.network.rank_candidates`: private IPv4, Wi-Fi, then Ethernet,
virtual adapters last).
"""

from __future__ import annotations

from PySide6.QtNetwork import QAbstractSocket, QNetworkInterface

from sre_workshop.voting.network import Candidate, InterfaceKind, rank_candidates

_KINDS = {
    QNetworkInterface.InterfaceType.Wifi: InterfaceKind.WIFI,
    QNetworkInterface.InterfaceType.Ieee80211: InterfaceKind.WIFI,
    QNetworkInterface.InterfaceType.Ethernet: InterfaceKind.ETHERNET,
    QNetworkInterface.InterfaceType.Virtual: InterfaceKind.VIRTUAL,
    QNetworkInterface.InterfaceType.Ppp: InterfaceKind.VIRTUAL,
}


def system_candidates() -> list[Candidate]:
    """Every up, running, non-loopback IPv4 address, best first (see the module docstring)."""
    found: list[Candidate] = []
    for interface in QNetworkInterface.allInterfaces():
        flags = interface.flags()
        if (
            not (
                flags & QNetworkInterface.InterfaceFlag.IsUp
                and flags & QNetworkInterface.InterfaceFlag.IsRunning
            )
            or flags & QNetworkInterface.InterfaceFlag.IsLoopBack
        ):
            continue
        kind = _KINDS.get(interface.type(), InterfaceKind.OTHER)
        for entry in interface.addressEntries():
            address = entry.ip()
            if address.protocol() != QAbstractSocket.NetworkLayerProtocol.IPv4Protocol:
                continue
            found.append(
                Candidate(address.toString(), interface.name(), kind, interface.humanReadableName())
            )
    return rank_candidates(found)
