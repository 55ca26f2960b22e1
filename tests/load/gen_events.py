#!/usr/bin/env python3
"""Writes N behaviour events as NDJSON for C customers (ids cust-0 .. cust-C-1) in time order, as a feed would send
them: each customer's events spread over two years, mostly purchases. Reproducible by seed."""
import json
import random
import sys
from datetime import datetime, timedelta, timezone

TYPES = ["PURCHASE"] * 12 + ["PAYMENT"] * 4 + ["CONTACT"] * 2 + ["REFUND", "MISSED_PAYMENT", "COMPLAINT", "CHARGEBACK"]


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    customers = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    rnd = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 42)
    start = datetime(2024, 7, 1, tzinfo=timezone.utc)
    step = timedelta(days=730) / count
    out = sys.stdout
    for i in range(count):
        kind = rnd.choice(TYPES)
        event = {"eventId": f"ev-{i}", "customerId": f"cust-{rnd.randrange(customers)}", "type": kind,
                 "occurredAt": (start + step * i).isoformat(timespec="seconds")}
        if kind not in ("CONTACT", "COMPLAINT"):
            event["amount"] = round(rnd.random() ** 2 * 400, 2)
            event["currency"] = "EUR"
        out.write(json.dumps(event, separators=(",", ":")))
        out.write("\n")


if __name__ == "__main__":
    main()
