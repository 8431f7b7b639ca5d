"""cidrhost, cidrnetmask and cidrsubnet, with Python's ipaddress doing the arithmetic."""

from __future__ import annotations

import ipaddress

from tfgen.terraform.functions.failure import failed
from tfgen.terraform.functions.signatures import Args
from tfgen.terraform.functions.table import register

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _network(name: str, prefix: str) -> Network:
    try:
        return ipaddress.ip_network(prefix, strict=False)
    except ValueError:
        raise failed(name, f"invalid CIDR expression: {prefix!r}") from None


@register("cidrhost")
def _cidrhost(args: list[object]) -> object:
    a = Args("cidrhost", args, 2, 2)
    prefix, number = a.string(0), a.whole(1)
    a.done()
    network = _network("cidrhost", prefix)
    size = network.num_addresses
    if not -size <= number < size:
        raise failed(
            "cidrhost",
            f"prefix of {network.prefixlen} bits cannot accommodate a host numbered {number}",
        )
    return str(network.network_address + (number % size))


@register("cidrnetmask")
def _cidrnetmask(args: list[object]) -> object:
    a = Args("cidrnetmask", args, 1, 1)
    prefix = a.string(0)
    a.done()
    network = _network("cidrnetmask", prefix)
    if network.version != 4:
        raise failed("cidrnetmask", "only IPv4 networks have a netmask")
    return str(network.netmask)


@register("cidrsubnet")
def _cidrsubnet(args: list[object]) -> object:
    a = Args("cidrsubnet", args, 3, 3)
    prefix, newbits, number = a.string(0), a.whole(1), a.whole(2)
    a.done()
    network = _network("cidrsubnet", prefix)
    length = network.prefixlen + newbits
    if newbits < 0 or length > network.max_prefixlen:
        raise failed("cidrsubnet", f"insufficient address space to extend prefix by {newbits} bits")
    if not 0 <= number < 2**newbits:
        raise failed(
            "cidrsubnet",
            f"prefix extension of {newbits} does not accommodate a subnet numbered {number}",
        )
    base = int(network.network_address) + (number << (network.max_prefixlen - length))
    return f"{type(network.network_address)(base)}/{length}"
