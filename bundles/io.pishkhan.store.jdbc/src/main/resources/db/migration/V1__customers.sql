-- Customers and their channel identities.
-- Portable SQL for Derby and PostgreSQL; ${clob} is an unbounded text type (CLOB on Derby, TEXT on PostgreSQL).

CREATE TABLE customer (
    id           VARCHAR(64)  NOT NULL,
    display_name VARCHAR(200),
    attributes   ${clob},                 -- key=value lines, see TextMap
    created_at   TIMESTAMP    NOT NULL,   -- UTC
    CONSTRAINT pk_customer PRIMARY KEY (id)
);

-- One (channel, address) belongs to exactly one customer; the primary key makes concurrent creation race-safe.
CREATE TABLE customer_identity (
    channel     VARCHAR(64)  NOT NULL,
    address     VARCHAR(320) NOT NULL,
    customer_id VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMP    NOT NULL,
    CONSTRAINT pk_customer_identity PRIMARY KEY (channel, address),
    CONSTRAINT fk_customer_identity_customer FOREIGN KEY (customer_id) REFERENCES customer (id)
);

CREATE INDEX ix_customer_identity_customer ON customer_identity (customer_id);
