-- API 1.1: conversation state OFFERED and message direction INTERNAL (agent notes); indexes for the new listings.
-- Named CHECK constraints are dropped and re-added wider (ALTER TABLE ... DROP/ADD CONSTRAINT works the same on
-- Derby and PostgreSQL). Existing rows satisfy the wider constraints, so re-adding them cannot fail.

ALTER TABLE conversation DROP CONSTRAINT ck_conversation_state;
ALTER TABLE conversation ADD CONSTRAINT ck_conversation_state
    CHECK (state IN ('BOT', 'QUEUED', 'OFFERED', 'ASSIGNED', 'RESOLVED'));

ALTER TABLE message DROP CONSTRAINT ck_message_direction;
ALTER TABLE message ADD CONSTRAINT ck_message_direction
    CHECK (direction IN ('INBOUND', 'OUTBOUND', 'INTERNAL'));

-- conversationsOfAgent and activeConversationsByAgent (agent_id, state IN ('OFFERED', 'ASSIGNED')).
CREATE INDEX ix_conversation_agent ON conversation (agent_id, state);
-- conversationsOfCustomer: a customer's history on every channel, newest first.
CREATE INDEX ix_conversation_customer_created ON conversation (customer_id, created_at);
