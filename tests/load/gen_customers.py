#!/usr/bin/env python3
"""Writes N plausible customer facts documents as NDJSON (ids cust-0 .. cust-N-1), reproducible by seed."""
import json
import random
import sys


def customer(i, rnd):
    def skewed(top):
        u = rnd.random()
        return int(u * u * top)

    def money(top):
        u = rnd.random()
        return round(u * u * u * top, 2)

    return {
        "customerId": f"cust-{i}",
        "segment": rnd.choice(["RETAIL", "RETAIL", "RETAIL", "SME", "CORPORATE"]),
        "country": rnd.choice(["DE", "FR", "CN", "GB", "NL", "ES"]),
        "joinedOn": f"{rnd.randint(2008, 2025)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
        "consent": {"marketing": rnd.random() < 0.7, "profiling": rnd.random() < 0.8},
        "recencyDays": skewed(400),
        "frequency12m": skewed(60),
        "monetary12m": money(40000),
        "clv": None if rnd.random() < 0.2 else money(150000),
        "pAlive": None if rnd.random() < 0.2 else round(rnd.random(), 2),
        "maxDaysPastDue": skewed(120) if rnd.random() < 0.3 else 0,
        "missedPayments12m": skewed(6),
        "chargebacks12m": skewed(4),
        "complaints90d": skewed(5),
        "fraudFlag": rnd.random() < 0.02,
        "creditUtilization": None if rnd.random() < 0.2 else round(rnd.random() * 1.5, 2),
        "lastContactDays": None if rnd.random() < 0.25 else skewed(365),
    }


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rnd = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 42)
    out = sys.stdout
    for i in range(count):
        out.write(json.dumps(customer(i, rnd), separators=(",", ":")))
        out.write("\n")


if __name__ == "__main__":
    main()
