-- Transaction outbox (org.openvpp.node.outbox): intents persisted before anything is signed, the
-- next nonce per sender, and every signed attempt (recorded before it is sent, so a restart finds a
-- transaction that left before a crash by its hash). Amounts are decimal text; runs on SQLite and
-- PostgreSQL.
CREATE TABLE outbox_intent (
    idem_key TEXT NOT NULL PRIMARY KEY,
    seq BIGINT NOT NULL UNIQUE,
    sender TEXT NOT NULL,
    target TEXT NOT NULL,
    calldata TEXT NOT NULL,
    value_wei TEXT NOT NULL,
    state TEXT NOT NULL,
    nonce BIGINT,
    gas_limit TEXT,
    tx_hash TEXT,
    block_number BIGINT,
    error TEXT
);

CREATE INDEX outbox_intent_by_state ON outbox_intent (state, seq);

CREATE TABLE outbox_nonce (
    sender TEXT NOT NULL PRIMARY KEY,
    next_nonce BIGINT NOT NULL
);

CREATE TABLE outbox_attempt (
    tx_hash TEXT NOT NULL PRIMARY KEY,
    idem_key TEXT NOT NULL,
    nonce BIGINT NOT NULL,
    max_fee_wei TEXT NOT NULL,
    tip_wei TEXT NOT NULL,
    raw_tx TEXT NOT NULL,
    signed_at_block BIGINT NOT NULL,
    sent INTEGER NOT NULL
);

CREATE INDEX outbox_attempt_by_intent ON outbox_attempt (idem_key);
