-- Conversations and their messages.

CREATE TABLE conversation (
    id          VARCHAR(64)  NOT NULL,
    seq         BIGINT GENERATED ALWAYS AS IDENTITY,  -- creation order, breaks created_at ties
    customer_id VARCHAR(64)  NOT NULL,
    channel     VARCHAR(64)  NOT NULL,
    address     VARCHAR(320) NOT NULL,
    state       VARCHAR(16)  NOT NULL,
    queue_id    VARCHAR(200),
    agent_id    VARCHAR(200),
    intent      VARCHAR(200),
    context     ${clob},                              -- key=value lines
    created_at  TIMESTAMP    NOT NULL,
    updated_at  TIMESTAMP    NOT NULL,
    CONSTRAINT pk_conversation PRIMARY KEY (id),
    CONSTRAINT fk_conversation_customer FOREIGN KEY (customer_id) REFERENCES customer (id),
    CONSTRAINT ck_conversation_state CHECK (state IN ('BOT', 'QUEUED', 'ASSIGNED', 'RESOLVED'))
);

-- Queue listings (state, oldest first) and agent load (state = 'ASSIGNED').
CREATE INDEX ix_conversation_state ON conversation (state, created_at);
-- The open conversation of a customer on a channel.
CREATE INDEX ix_conversation_customer ON conversation (customer_id, channel, state);

-- channel and address are copied from the conversation so that the idempotency key
-- (channel, address, client_message_id) is one unique constraint. A UNIQUE constraint (unlike a
-- CREATE UNIQUE INDEX on Derby) allows any number of rows whose client_message_id is NULL, on Derby and PostgreSQL.
CREATE TABLE message (
    id                VARCHAR(64)    NOT NULL,
    seq               BIGINT GENERATED ALWAYS AS IDENTITY,  -- transcript order
    conversation_id   VARCHAR(64)    NOT NULL,
    direction         VARCHAR(16)    NOT NULL,
    sender_type       VARCHAR(16)    NOT NULL,
    sender_id         VARCHAR(200),
    text              VARCHAR(16000) NOT NULL,              -- InboundMessage.MAX_TEXT_LENGTH
    channel           VARCHAR(64)    NOT NULL,
    address           VARCHAR(320)   NOT NULL,
    client_message_id VARCHAR(200),
    created_at        TIMESTAMP      NOT NULL,
    CONSTRAINT pk_message PRIMARY KEY (id),
    CONSTRAINT fk_message_conversation FOREIGN KEY (conversation_id) REFERENCES conversation (id),
    CONSTRAINT uq_message_client_id UNIQUE (channel, address, client_message_id),
    CONSTRAINT ck_message_direction CHECK (direction IN ('INBOUND', 'OUTBOUND')),
    CONSTRAINT ck_message_sender_type CHECK (sender_type IN ('CUSTOMER', 'BOT', 'AGENT', 'SYSTEM'))
);

CREATE INDEX ix_message_conversation ON message (conversation_id, seq);
