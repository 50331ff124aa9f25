-- Chain follower (org.openvpp.node.chain): the blocks applied within the reorganization horizon
-- (the highest is the cursor) and every event applied from the watched contracts.
-- Hashes and addresses are lower-case 0x hex text; runs on SQLite and PostgreSQL.
CREATE TABLE chain_block (
    number BIGINT NOT NULL PRIMARY KEY,
    hash TEXT NOT NULL,
    parent_hash TEXT NOT NULL
);

CREATE TABLE chain_event (
    block_hash TEXT NOT NULL,
    log_index BIGINT NOT NULL,
    block_number BIGINT NOT NULL,
    tx_hash TEXT NOT NULL,
    address TEXT NOT NULL,
    topics TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (block_hash, log_index)
);

CREATE INDEX chain_event_by_block ON chain_event (block_number, log_index);
