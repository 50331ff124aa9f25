-- The node's own state (issue 11): its bids and their salts, its awards, its Settlement
-- submissions and its reward book. The chain follower's cursor (V100+) and the transaction
-- outbox (V200+) have migrations of their own.
--
-- Portable SQL: it runs unchanged on SQLite and PostgreSQL. Conventions, checked below:
--   bytes and addresses   lowercase hex with 0x (bytes32: 66 characters, address: 42)
--   amounts (uint256)     decimal text without sign or leading zeros (NUMERIC differs per engine)
--   times                 UTC milliseconds; block numbers and small counts as BIGINT
-- ltrim(x, chars) = '' means "x only has characters from chars" on both engines.

-- A sealed bid: the salt is stored before the commitment is sent, so a restart can still reveal.
CREATE TABLE bid (
  request_id     TEXT   NOT NULL CHECK (request_id <> '' AND ltrim(request_id, '0123456789') = ''
                                         AND (request_id = '0' OR substr(request_id, 1, 1) <> '0')
                                         AND length(request_id) <= 78),
  node           TEXT   NOT NULL CHECK (length(node) = 42 AND substr(node, 1, 2) = '0x'
                                         AND ltrim(substr(node, 3), '0123456789abcdef') = ''),
  power_w        BIGINT NOT NULL CHECK (power_w > 0 AND power_w <= 4294967295),
  price_per_kwh  TEXT   NOT NULL CHECK (price_per_kwh <> '' AND ltrim(price_per_kwh, '0123456789') = ''
                                         AND (price_per_kwh = '0' OR substr(price_per_kwh, 1, 1) <> '0')
                                         AND length(price_per_kwh) <= 78),
  salt           TEXT   NOT NULL CHECK (length(salt) = 66 AND substr(salt, 1, 2) = '0x'
                                         AND ltrim(substr(salt, 3), '0123456789abcdef') = ''),
  commitment     TEXT   NOT NULL CHECK (length(commitment) = 66 AND substr(commitment, 1, 2) = '0x'
                                         AND ltrim(substr(commitment, 3), '0123456789abcdef') = ''),
  -- sealed: salt drawn, commitment not yet on chain; committed; revealed; then one of the ends.
  status         TEXT   NOT NULL CHECK (status IN ('sealed', 'committed', 'revealed', 'awarded',
                                                    'not_awarded', 'expired')),
  created_ms     BIGINT NOT NULL,
  committed_ms   BIGINT,
  revealed_ms    BIGINT,
  updated_ms     BIGINT NOT NULL,
  PRIMARY KEY (request_id, node)
);

-- What the coordinator awarded this node (from Awarded events), and how it ended.
CREATE TABLE award (
  request_id     TEXT   NOT NULL CHECK (request_id <> '' AND ltrim(request_id, '0123456789') = ''
                                         AND (request_id = '0' OR substr(request_id, 1, 1) <> '0')
                                         AND length(request_id) <= 78),
  node           TEXT   NOT NULL CHECK (length(node) = 42 AND substr(node, 1, 2) = '0x'
                                         AND ltrim(substr(node, 3), '0123456789abcdef') = ''),
  power_w        BIGINT NOT NULL CHECK (power_w > 0 AND power_w <= 4294967295),
  clearing_price TEXT   NOT NULL CHECK (clearing_price <> '' AND ltrim(clearing_price, '0123456789') = ''
                                         AND (clearing_price = '0' OR substr(clearing_price, 1, 1) <> '0')
                                         AND length(clearing_price) <= 78),
  status         TEXT   NOT NULL CHECK (status IN ('awarded', 'dispatched', 'settled',
                                                    'closed_unsettled')),
  delivered_wh   BIGINT CHECK (delivered_wh >= 0),
  payment        TEXT   CHECK (payment <> '' AND ltrim(payment, '0123456789') = ''
                                AND (payment = '0' OR substr(payment, 1, 1) <> '0')
                                AND length(payment) <= 78),
  awarded_ms     BIGINT NOT NULL,
  updated_ms     BIGINT NOT NULL,
  PRIMARY KEY (request_id, node)
);

-- A Settlement submission: evidence for a request, or a contribution for an epoch. The on-chain
-- id is known once the transaction is mined.
CREATE TABLE submission (
  kind           TEXT   NOT NULL CHECK (kind IN ('evidence', 'contribution')),
  subject        TEXT   NOT NULL CHECK (subject <> '' AND ltrim(subject, '0123456789') = ''
                                         AND (subject = '0' OR substr(subject, 1, 1) <> '0')
                                         AND length(subject) <= 78),
  node           TEXT   NOT NULL CHECK (length(node) = 42 AND substr(node, 1, 2) = '0x'
                                         AND ltrim(substr(node, 3), '0123456789abcdef') = ''),
  submission_id  TEXT   UNIQUE CHECK (submission_id <> '' AND ltrim(submission_id, '0123456789') = ''
                                       AND (submission_id = '0' OR substr(submission_id, 1, 1) <> '0')
                                       AND length(submission_id) <= 78),
  evidence_root  TEXT   NOT NULL CHECK (length(evidence_root) = 66 AND substr(evidence_root, 1, 2) = '0x'
                                         AND ltrim(substr(evidence_root, 3), '0123456789abcdef') = ''),
  reward_root    TEXT   NOT NULL CHECK (length(reward_root) = 66 AND substr(reward_root, 1, 2) = '0x'
                                         AND ltrim(substr(reward_root, 3), '0123456789abcdef') = ''),
  reward_total   TEXT   NOT NULL CHECK (reward_total <> '' AND ltrim(reward_total, '0123456789') = ''
                                         AND (reward_total = '0' OR substr(reward_total, 1, 1) <> '0')
                                         AND length(reward_total) <= 78),
  delivered_wh   BIGINT NOT NULL CHECK (delivered_wh >= 0),
  device_count   BIGINT NOT NULL CHECK (device_count >= 0),
  status         TEXT   NOT NULL CHECK (status IN ('built', 'submitted', 'attested', 'challenged',
                                                    'finalized', 'rejected')),
  created_ms     BIGINT NOT NULL,
  updated_ms     BIGINT NOT NULL,
  PRIMARY KEY (kind, subject, node)
);

-- The reward book: per node a tip ledger (what it owes owners so far), one pending ledger per
-- submission in flight (pending_for = '<kind>/<subject>'), and the finalized ledger (what
-- Settlement accepted). Every owner's cumulative amount is kept so proofs can be rebuilt.
CREATE TABLE reward_ledger (
  node           TEXT   NOT NULL CHECK (length(node) = 42 AND substr(node, 1, 2) = '0x'
                                         AND ltrim(substr(node, 3), '0123456789abcdef') = ''),
  state          TEXT   NOT NULL CHECK (state IN ('tip', 'pending', 'finalized')),
  pending_for    TEXT   NOT NULL DEFAULT '',
  root           TEXT   CHECK (length(root) = 66 AND substr(root, 1, 2) = '0x'
                                AND ltrim(substr(root, 3), '0123456789abcdef') = ''),
  total          TEXT   NOT NULL CHECK (total <> '' AND ltrim(total, '0123456789') = ''
                                         AND (total = '0' OR substr(total, 1, 1) <> '0')
                                         AND length(total) <= 78),
  updated_ms     BIGINT NOT NULL,
  CHECK ((state = 'pending' AND pending_for <> '') OR (state <> 'pending' AND pending_for = '')),
  PRIMARY KEY (node, state, pending_for)
);

CREATE TABLE reward_entry (
  node           TEXT   NOT NULL,
  state          TEXT   NOT NULL,
  pending_for    TEXT   NOT NULL DEFAULT '',
  owner          TEXT   NOT NULL CHECK (length(owner) = 42 AND substr(owner, 1, 2) = '0x'
                                         AND ltrim(substr(owner, 3), '0123456789abcdef') = ''),
  amount         TEXT   NOT NULL CHECK (amount <> '' AND ltrim(amount, '0123456789') = ''
                                         AND (amount = '0' OR substr(amount, 1, 1) <> '0')
                                         AND length(amount) <= 78),
  PRIMARY KEY (node, state, pending_for, owner),
  FOREIGN KEY (node, state, pending_for) REFERENCES reward_ledger (node, state, pending_for)
    ON DELETE CASCADE
);

CREATE INDEX reward_entry_owner ON reward_entry (owner);
CREATE INDEX bid_status ON bid (status);
CREATE INDEX award_status ON award (status);
CREATE INDEX submission_status ON submission (status);
