-- Files customers send with a message (email attachments, messenger documents), written in the message's
-- transaction. conversation_id is copied from the message so that a conversation's attachments are one range scan.

CREATE TABLE message_attachment (
    id              VARCHAR(64)  NOT NULL,
    seq             BIGINT GENERATED ALWAYS AS IDENTITY,  -- order within the message
    message_id      VARCHAR(64)  NOT NULL,
    conversation_id VARCHAR(64)  NOT NULL,
    file_name       VARCHAR(200) NOT NULL,
    content_type    VARCHAR(200) NOT NULL,
    size_bytes      BIGINT       NOT NULL,
    content         ${blob}      NOT NULL,
    created_at      TIMESTAMP    NOT NULL,
    CONSTRAINT pk_message_attachment PRIMARY KEY (id),
    CONSTRAINT fk_message_attachment_message FOREIGN KEY (message_id) REFERENCES message (id)
);

CREATE INDEX ix_message_attachment_conversation ON message_attachment (conversation_id, seq);
