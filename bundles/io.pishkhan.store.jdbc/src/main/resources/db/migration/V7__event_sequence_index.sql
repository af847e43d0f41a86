-- Analytics read the event log in append order from a saved position (seq > cursor): this index makes that a
-- range scan instead of a full scan of conversation_event.

CREATE INDEX ix_conversation_event_seq ON conversation_event (seq);
