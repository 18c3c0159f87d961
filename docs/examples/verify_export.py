#!/usr/bin/env python3
"""Verify an opinion-ledger NDJSON export, using only docs/hash-chain.md and the standard library.

    python3 verify_export.py export.ndjson [CHECKPOINT_POSITION CHECKPOINT_HASH]

Exit status 0 when every line links and hashes correctly (and, when given, the export holds that
hash at that position); 1 otherwise, naming the first bad line.
"""
import hashlib
import json
import sys

MEMBERS = ["data", "eventId", "metadata", "position", "recordedAt",
           "schemaVersion", "streamId", "streamVersion", "type"]


def verify(path, checkpoint=None):
    previous = None
    position = None
    checked = 0
    seen_checkpoint = False
    with open(path, "rb") as lines:
        for number, raw in enumerate(lines, start=1):
            try:
                event = json.loads(raw.decode("utf-8"))
            except ValueError as error:
                return False, f"line {number}: not JSON ({error})"
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
            canonical = json.dumps({k: event[k] for k in MEMBERS}, sort_keys=True,
                                   separators=(",", ":"), ensure_ascii=False).encode("utf-8")
            digest = hashlib.sha256(bytes.fromhex(previous) + canonical).hexdigest()
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
