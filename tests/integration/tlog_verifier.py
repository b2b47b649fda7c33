"""An independent verifier of Pactum's transparency log, written from RFC 9162 §2.1 and the C2SP
signed-note, tlog-checkpoint and tlog-cosignature texts, not from Pactum's code. Uses Debian's
python3-cryptography for Ed25519 (the standard library has none)."""
import base64
import hashlib
import struct

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

EM_DASH = "\u2014"


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def mth(leaves):
    """RFC 9162 §2.1.1 over leaf hashes."""
    n = len(leaves)
    if n == 0:
        return hashlib.sha256(b"").digest()
    if n == 1:
        return leaves[0]
    k = 1
    while k * 2 < n:
        k *= 2
    return node_hash(mth(leaves[:k]), mth(leaves[k:]))


def verify_inclusion(leaf, index, size, proof, root):
    """RFC 9162 §2.1.3.2."""
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(first, second, first_hash, second_hash, proof):
    """RFC 9162 §2.1.4.2 (0 < first < second)."""
    if first == second:
        return not proof and first_hash == second_hash
    if first == 0 or first > second or not proof:
        return False
    path = list(proof)
    if first & (first - 1) == 0:
        path.insert(0, first_hash)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == first_hash and sr == second_hash and sn == 0


class Vkey:
    """A signed-note verifier key: NAME+HEXID+BASE64(type || key)."""

    def __init__(self, text):
        self.name, key_id, material = text.strip().split("+", 2)  # base64 may hold "+"
        raw = base64.b64decode(material)
        self.type, self.key = raw[0], raw[1:]
        assert len(self.key) == 32, "an Ed25519 key is 32 bytes"
        self.id = struct.unpack(">I", hashlib.sha256(
            self.name.encode() + b"\n" + bytes([self.type]) + self.key).digest()[:4])[0]
        assert self.id == int(key_id, 16), "the key id matches the name and key"


def parse_note(text):
    """(signed text, [(name, key_id, signature bytes)])."""
    body, _, sigs = text.rpartition("\n\n")
    signatures = []
    for line in sigs.splitlines():
        assert line.startswith(EM_DASH + " "), line
        name, b64 = line[2:].split(" ")
        raw = base64.b64decode(b64)
        signatures.append((name, struct.unpack(">I", raw[:4])[0], raw[4:]))
    return body + "\n", signatures


def parse_checkpoint(text):
    origin, size, root = text.split("\n")[:3]
    return origin, int(size), base64.b64decode(root)


def verify_note(text, vkey):
    """The note's signature by vkey: 0 for a log signature, the timestamp for a cosignature.
    Raises if there is none or it does not verify."""
    body, signatures = parse_note(text)
    public = Ed25519PublicKey.from_public_bytes(vkey.key)
    for name, key_id, sig in signatures:
        if name != vkey.name or key_id != vkey.id:
            continue
        if vkey.type == 0x01:
            public.verify(sig, body.encode())
            return 0
        if vkey.type == 0x04:
            timestamp = struct.unpack(">Q", sig[:8])[0]
            message = f"cosignature/v1\ntime {timestamp}\n".encode() + body.encode()
            public.verify(sig[8:], message)
            return timestamp
    raise InvalidSignature(f"no signature by {vkey.name}")
