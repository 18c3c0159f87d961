#!/usr/bin/env python3
"""Verify an opinion-ledger NDJSON export, using only docs/hash-chain.md and the standard library.

    python3 verify_export.py export.ndjson [CHECKPOINT_POSITION CHECKPOINT_HASH]

Exit status 0 when every line links and hashes correctly (and, when given, the export holds that
hash at that position); 1 otherwise, naming the first bad line. A line is accepted only when it is
byte for byte the canonical serialisation of its members (docs/hash-chain.md): a key given twice,
whitespace, CRLF, another member order, other escapes or number spellings, or a member more or
less are refused, since JSON readers disagree on which of two duplicate keys they keep.
"""
import hashlib
import json
import sys

MEMBERS = ["data", "eventId", "metadata", "position", "recordedAt",
           "schemaVersion", "streamId", "streamVersion", "type"]
LINE_MEMBERS = set(MEMBERS) | {"previousHash", "hash"}


def canonical(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def no_duplicates(pairs):
    keys = [key for key, _ in pairs]
    for key in keys:
        if keys.count(key) > 1:
            raise ValueError(f"the key {key!r} appears twice in one object")
    return dict(pairs)


def canonical_number(text):
    value = float(text)  # as docs/hash-chain.md: integral values below 2^53 are integers
    if value.is_integer() and abs(value) < 2 ** 53:
        return int(value)
    if value.is_integer() or value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"the number {text} has no canonical form")
    return value


def integer(text):
    value = int(text)
    if not -2 ** 63 <= value < 2 ** 63:
        raise ValueError(f"the integer {text} is out of range")
    return value


def refuse_constant(text):
    raise ValueError(f"{text} is not JSON")


def parse_line(raw):
    """The line's members; only a line that is byte for byte their canonical serialisation."""
    body = raw[:-1] if raw.endswith(b"\n") else raw
    event = json.loads(body.decode("utf-8"), object_pairs_hook=no_duplicates, parse_float=canonical_number,
                       parse_int=integer, parse_constant=refuse_constant)
    if not isinstance(event, dict):
        raise ValueError("the line is not a JSON object")
    if set(event) != LINE_MEMBERS:
        raise ValueError(f"the members are {sorted(event)}, not {sorted(LINE_MEMBERS)}")
    if type(event["position"]) is not int:
        raise ValueError("'position' is not an integer")
    if body != canonical(event):
        raise ValueError("the line is not the canonical serialisation of its members "
                         "(whitespace, CRLF, member order, escapes or number spelling)")
    return event


def verify(path, checkpoint=None):
    previous = None
    position = None
    checked = 0
    seen_checkpoint = False
    with open(path, "rb") as lines:
        for number, raw in enumerate(lines, start=1):
            try:
                event = parse_line(raw)
            except ValueError as error:  # UnicodeDecodeError and JSONDecodeError included
                return False, f"line {number}: refused: {error}"
            if previous is None:
                previous = event["previousHash"]
                position = event["position"] - 1
                if position == 0 and previous != "0" * 64:
                    return False, f"line {number}: position 1 must follow 64 zeros"
                if position > 0:
                    print(f"note: the export starts at position {position + 1}; "
                          f"checking from its first previousHash {previous}")
            if event["position"] != position + 1:
                return False, f"line {number}: expected position {position + 1}, found {event['position']}"
            if event["previousHash"] != previous:
                return False, f"line {number} (position {event['position']}): previousHash does not link"
            hashed = canonical({k: event[k] for k in MEMBERS})
            digest = hashlib.sha256(bytes.fromhex(previous) + hashed).hexdigest()
            if digest != event["hash"]:
                return False, f"line {number} (position {event['position']}): hash does not match its content"
            if checkpoint and event["position"] == checkpoint[0]:
                if digest != checkpoint[1]:
                    return False, f"position {checkpoint[0]}: hash differs from the checkpoint's"
                seen_checkpoint = True
            previous, position, checked = digest, event["position"], checked + 1
    if checkpoint and not seen_checkpoint:
        return False, f"the export does not reach the checkpoint's position {checkpoint[0]}"
    return True, f"valid: {checked} events, head position {position} hash {previous}"


if __name__ == "__main__":
    if len(sys.argv) not in (2, 4):
        sys.exit(__doc__)
    checkpoint = (int(sys.argv[2]), sys.argv[3]) if len(sys.argv) == 4 else None
    try:
        ok, message = verify(sys.argv[1], checkpoint)
    except (KeyError, TypeError, ValueError) as error:  # a line without a member, or of the wrong type
        ok, message = False, f"malformed line: {error!r}"
    print(message)
    sys.exit(0 if ok else 1)
