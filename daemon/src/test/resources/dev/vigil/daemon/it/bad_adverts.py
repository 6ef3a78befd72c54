#!/usr/bin/python3
"""Floods a VRRP segment with malformed VRRPv2 adverts (the UNH-IOL receive-validation group) plus random garbage.

Each malformed kind differs from a valid priority-254 advert for the attacked VRID in exactly one respect, so a
receiver that wrongly accepted one would see a better master and change state. Packets are built with scapy and
sent round-robin through an AF_PACKET socket, paced to --rate packets/s for --seconds. On exit it prints one line
per kind ("sent KIND COUNT") and a summary ("total COUNT elapsed SECONDS").

usage: bad_adverts.py --iface eth0 --src 10.99.0.66 --vrid 51 --password secret --vip 10.99.0.100
                      [--interval 1] [--rate 1000] [--seconds 10] [--seed 7] [--kinds ttl,version,...]
"""
import argparse
import random
import socket
import sys
import time

from scapy.layers.inet import IP
from scapy.layers.l2 import Ether
from scapy.layers.vrrp import VRRP

GROUP = "224.0.0.18"
GROUP_MAC = "01:00:5e:00:00:12"
PROTO_VRRP = 112


def word(text):
    """Four bytes of a PASS password (NUL-padded) as scapy's 32-bit auth field."""
    return int.from_bytes(text.encode().ljust(4, b"\0")[:4], "big")


def vrrp(args, **overrides):
    fields = dict(version=2, type=1, vrid=args.vrid, priority=254, ipcount=1, authtype=1, adv=args.interval,
                  addrlist=[args.vip], auth1=word(args.password[:4]), auth2=word(args.password[4:8]))
    fields.update(overrides)
    return bytes(VRRP(**fields))


def ip(args, payload, ttl=255):
    return bytes(IP(src=args.src, dst=GROUP, ttl=ttl, proto=PROTO_VRRP, tos=0xC0) / payload)


def kinds(args, rng):
    """Kind name -> function returning the next IP datagram of that kind."""
    good = vrrp(args)

    def bad_checksum():
        pkt = bytearray(good)
        pkt[6] ^= 0x55  # checksum field (bytes 6-7)
        return ip(args, bytes(pkt))

    def garbage():
        # Random bytes routed to the attacked VRID; a length that is never 16 + 4*n, so always a length error.
        n = rng.choice([k for k in range(8, 65) if k % 4 != 0])
        body = bytearray(rng.getrandbits(8) for _ in range(n))
        body[1] = args.vrid
        return ip(args, bytes(body))

    def noise():
        # Anything at all, any length, any VRID but the attacked one (so it is never counted there, only ignored).
        body = bytearray(rng.getrandbits(8) for _ in range(rng.randrange(0, 80)))
        if len(body) > 1 and body[1] == args.vrid:
            body[1] ^= 0x80
        return ip(args, bytes(body))

    return {
        "ttl": lambda: ip(args, good, ttl=64),
        "version": lambda: ip(args, vrrp(args, version=3)),
        "short": lambda: ip(args, good[:-8]),
        "long": lambda: ip(args, good + b"\0\0\0\0"),
        "checksum": bad_checksum,
        "vrid": lambda: ip(args, vrrp(args, vrid=(args.vrid % 255) + 1)),
        "authtype_invalid": lambda: ip(args, vrrp(args, authtype=3)),
        "authtype_mismatch": lambda: ip(args, vrrp(args, authtype=0)),
        "password": lambda: ip(args, vrrp(args, auth1=word("wron"), auth2=word("gpw!"))),
        "interval": lambda: ip(args, vrrp(args, adv=args.interval + 1)),
        "type": lambda: ip(args, vrrp(args, type=2)),
        "count": lambda: ip(args, vrrp(args, ipcount=2, addrlist=[args.vip, "192.0.2.1"])),
        "viplist": lambda: ip(args, vrrp(args, addrlist=["192.0.2.1"])),
        "garbage": garbage,
        "noise": noise,
    }


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--iface", required=True)
    p.add_argument("--src", required=True)
    p.add_argument("--vrid", type=int, required=True)
    p.add_argument("--password", required=True)
    p.add_argument("--vip", required=True)
    p.add_argument("--interval", type=int, default=1)
    p.add_argument("--rate", type=int, default=1000)
    p.add_argument("--seconds", type=float, default=10)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--kinds", default="")
    args = p.parse_args()

    rng = random.Random(args.seed)
    table = kinds(args, rng)
    names = [k for k in args.kinds.split(",") if k] or list(table)
    unknown = [k for k in names if k not in table]
    if unknown:
        sys.exit("unknown kinds: " + ",".join(unknown))

    sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    sock.bind((args.iface, 0))
    mac = open("/sys/class/net/%s/address" % args.iface).read().strip()
    ether = bytes(Ether(src=mac, dst=GROUP_MAC, type=0x0800))
    # Deterministic kinds are built once; random ones per packet.
    fixed = {k: ether + table[k]() for k in names if k not in ("garbage", "noise")}

    total = int(args.rate * args.seconds)
    sent = {k: 0 for k in names}
    start = time.monotonic()
    for i in range(total):
        due = start + i / args.rate
        delay = due - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        kind = names[i % len(names)]
        sock.send(fixed[kind] if kind in fixed else ether + table[kind]())
        sent[kind] += 1
    elapsed = time.monotonic() - start
    for k in names:
        print("sent %s %d" % (k, sent[k]))
    print("total %d elapsed %.3f" % (total, elapsed))


if __name__ == "__main__":
    main()
