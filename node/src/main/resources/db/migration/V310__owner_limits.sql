-- The owners' limits per device, set through the HTTP API (PUT /v1/devices/{device}/limits) and
-- read by the dispatcher: one row per device, replaced as a whole. Portable SQL (SQLite and
-- PostgreSQL); conventions as in V1__node_state.sql.
CREATE TABLE owner_limits (
  device            TEXT    NOT NULL PRIMARY KEY
                            CHECK (length(device) = 42 AND substr(device, 1, 2) = '0x'
                                   AND ltrim(substr(device, 3), '0123456789abcdef') = ''),
  min_soc_permille  INTEGER NOT NULL CHECK (min_soc_permille >= 0 AND min_soc_permille <= 1000),
  reserve_wh        BIGINT  NOT NULL CHECK (reserve_wh >= 0),
  departure_ms      BIGINT  NOT NULL CHECK (departure_ms >= 0),
  updated_ms        BIGINT  NOT NULL CHECK (updated_ms >= 0)
);
