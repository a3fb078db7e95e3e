"""An OpenID Connect provider the hub talks to in-process, for the sign-in tests that need to bend its answers.

It answers the hub's HTTP calls (``ideashub.people.sso.http_json`` is pointed at ``Providers.http_json``):
the discovery document, the JWKS and the token endpoint, and it signs ID tokens with its own RSA key
on the test's clock, so a test can send an expired token, a token for another audience or issuer, a
token signed by a stranger's key, replay a code, roll its keys, or be down. The browser tests use a
real provider on loopback instead (oidc-provider-mock).
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey


def new_key(kid: str) -> RSAKey:
    return RSAKey.generate_key(2048, parameters={"kid": kid, "use": "sig", "alg": "RS256"})


@dataclass
class FakeProvider:
    issuer: str
    now: callable
    keys: list = field(default_factory=lambda: [new_key("key-1")])
    codes: dict = field(default_factory=dict)
    down: bool = False
    end_session: bool = True
    token_tweaks: dict = field(default_factory=dict)
    signing_key: RSAKey | None = None  # a stranger's key, to send a forged token
    requests: list = field(default_factory=list)

    @property
    def authorization_endpoint(self) -> str:
        return self.issuer + "/authorize"

    def document(self) -> dict:
        doc = {
            "issuer": self.issuer,
            "authorization_endpoint": self.authorization_endpoint,
            "token_endpoint": self.issuer + "/token",
            "jwks_uri": self.issuer + "/jwks",
            "userinfo_endpoint": self.issuer + "/userinfo",
            "id_token_signing_alg_values_supported": ["RS256"],
        }
        if self.end_session:
            doc["end_session_endpoint"] = self.issuer + "/logout"
        return doc

    def roll_keys(self, kid: str) -> None:
        """A new signing key with a new id (the old one is retired)."""
        self.keys = [new_key(kid)]

    def sign(self, claims: dict, key: RSAKey | None = None) -> str:
        key = key or self.signing_key or self.keys[0]
        return jwt.encode({"alg": "RS256", "kid": key.kid}, claims, key)

    def approve(self, location: str, sub: str, **claims) -> dict:
        """The person signs in at the provider: the callback's query for the hub (code and state)."""
        query = {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}
        assert location.startswith(self.authorization_endpoint)
        code = secrets.token_urlsafe(16)
        base = {"email": claims.pop("email", f"{sub}@example.test"), "name": "Ann Example", "email_verified": True}
        self.codes[code] = {"sub": sub, "nonce": query.get("nonce"), "client_id": query["client_id"],
                            "claims": {**base, **claims}, "challenge": query.get("code_challenge")}
        return {"code": code, "state": query["state"]}

    def id_token(self, grant: dict) -> str:
        now = int(self.now().timestamp())
        claims = {"iss": self.issuer, "sub": grant["sub"], "aud": grant["client_id"], "iat": now, "exp": now + 600,
                  "nonce": grant["nonce"], **grant["claims"]}
        claims.update(self.token_tweaks)
        return self.sign({k: v for k, v in claims.items() if v is not None})

    def logout_token(self, client_id: str, sub: str | None = None, sid: str | None = None, **tweaks) -> str:
        now = int(self.now().timestamp())
        claims = {"iss": self.issuer, "aud": client_id, "iat": now, "exp": now + 120, "jti": secrets.token_hex(8),
                  "events": {"http://schemas.openid.net/event/backchannel-logout": {}}, "sub": sub, "sid": sid, **tweaks}
        return self.sign({k: v for k, v in claims.items() if v is not None})

    def answer(self, url: str, data: dict | None, auth) -> tuple[int, dict]:
        self.requests.append((url, data))
        if self.down:
            raise OSError("connection refused")
        path = url[len(self.issuer):]
        if path == "/.well-known/openid-configuration":
            return 200, self.document()
        if path == "/jwks":
            return 200, KeySet(self.keys).as_dict(private=False)
        if path == "/token":
            grant = self.codes.pop((data or {}).get("code"), None)  # a code works once
            if grant is None:
                return 400, {"error": "invalid_grant"}
            return 200, {"access_token": secrets.token_hex(8), "token_type": "Bearer", "id_token": self.id_token(grant)}
        return 404, {}


class Providers:
    """Every fake provider of a test, answering the hub's HTTP calls by issuer."""

    def __init__(self, clock):
        self.clock = clock
        self.by_issuer: dict[str, FakeProvider] = {}

    def add(self, issuer: str) -> FakeProvider:
        provider = FakeProvider(issuer, self.clock.now)
        self.by_issuer[issuer] = provider
        return provider

    def http_json(self, url: str, data: dict | None = None, auth=None) -> tuple[int, dict]:
        for issuer, provider in self.by_issuer.items():
            if url.startswith(issuer + "/"):
                return provider.answer(url, data, auth)
        raise OSError(f"nothing answers at {url}")


def wait_until(predicate, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False
