package io.pishkhan.console.internal.logic;

import io.pishkhan.api.model.Direction;
import io.pishkhan.api.model.Message;
import io.pishkhan.api.model.SenderType;
import java.util.ArrayList;
import java.util.List;

/**
 * The short summary an agent reads before he answers: the last customer messages before the handoff. The handoff is
 * where the first system notice or the first agent message stands in the transcript (the bot part ends there); when
 * there is neither, the last customer messages of the whole transcript are taken.
 */
public final class HandoffSummary {
    private HandoffSummary() {
    }

    public static List<String> build(List<Message> transcript, int max) {
        int end = transcript.size();
        for (int i = 0; i < transcript.size(); i++) {
            SenderType s = transcript.get(i).senderType();
            if (s == SenderType.SYSTEM || s == SenderType.AGENT) {
                end = i;
                break;
            }
        }
        List<String> picked = new ArrayList<>();
        for (int i = end - 1; i >= 0 && picked.size() < max; i--) {
            Message m = transcript.get(i);
            if (m.senderType() == SenderType.CUSTOMER && m.direction() == Direction.INBOUND) {
                picked.add(0, m.text().strip());
            }
        }
        return picked;
    }
}
