-- Admin-managed configuration (queues, skills, agent routing profiles, schedules, blacklist) as JSON documents,
-- the audit log of every admin change, and the routing rule set versions with the live deployment.

CREATE TABLE config_entry (
    kind       VARCHAR(32)  NOT NULL,
    id         VARCHAR(200) NOT NULL,
    json       ${clob}      NOT NULL,
    updated_at TIMESTAMP    NOT NULL,
    updated_by VARCHAR(200),
    CONSTRAINT pk_config_entry PRIMARY KEY (kind, id)
);

CREATE TABLE audit_log (
    seq         BIGINT GENERATED ALWAYS AS IDENTITY,
    occurred_at TIMESTAMP    NOT NULL,
    actor       VARCHAR(200),
    kind        VARCHAR(32)  NOT NULL,
    entity_id   VARCHAR(200),
    action      VARCHAR(32)  NOT NULL,
    detail      ${clob},
    CONSTRAINT pk_audit_log PRIMARY KEY (seq)
);

CREATE INDEX ix_audit_log_kind ON audit_log (kind, seq);

CREATE TABLE rule_set_version (
    version    INTEGER      NOT NULL,
    source     ${clob}      NOT NULL,
    author     VARCHAR(200),
    created_at TIMESTAMP    NOT NULL,
    comment    VARCHAR(2000),
    CONSTRAINT pk_rule_set_version PRIMARY KEY (version)
);

CREATE TABLE rule_deployment (
    id             INTEGER NOT NULL,          -- always 1: the live deployment
    active_version INTEGER NOT NULL,
    canary_version INTEGER NOT NULL,
    canary_percent INTEGER NOT NULL,
    author         VARCHAR(200),
    deployed_at    TIMESTAMP,
    CONSTRAINT pk_rule_deployment PRIMARY KEY (id)
);
