-- Conversation events (analytics facts). "at" is a reserved word in Derby, hence occurred_at.

CREATE TABLE conversation_event (
    id              VARCHAR(64) NOT NULL,
    seq             BIGINT GENERATED ALWAYS AS IDENTITY,  -- append order, breaks occurred_at ties
    conversation_id VARCHAR(64),
    type            VARCHAR(32) NOT NULL,
    channel         VARCHAR(64),
    occurred_at     TIMESTAMP   NOT NULL,
    data            ${clob},                              -- key=value lines
    CONSTRAINT pk_conversation_event PRIMARY KEY (id),
    CONSTRAINT fk_conversation_event_conversation FOREIGN KEY (conversation_id) REFERENCES conversation (id)
);

CREATE INDEX ix_conversation_event_conversation ON conversation_event (conversation_id, occurred_at, seq);
