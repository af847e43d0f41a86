-- The position of a message in the customer-visible transcript (inbound and outbound, notes excluded) is counted on
-- this index alone (channels number their frames with it), instead of reading the whole transcript per message.

CREATE INDEX ix_message_position ON message (conversation_id, direction, seq);
