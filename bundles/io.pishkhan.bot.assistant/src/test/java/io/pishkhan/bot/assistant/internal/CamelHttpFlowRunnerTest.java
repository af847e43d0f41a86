package io.pishkhan.bot.assistant.internal;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The flows of {@link FlowRunnerTest} (slot filling, answers, HTTP 500 and timeout hand off, onError answer) again,
 * with http actions through a real CamelContext and camel-http. The JDK fallback fails every call, so a passing
 * flow went through Camel.
 */
class CamelHttpFlowRunnerTest extends FlowRunnerTest {
    private static DefaultCamelContext camel;
    private static CamelAction camelAction;

    @BeforeAll
    static void startCamel() {
        camel = new DefaultCamelContext();
        camel.start();
        camelAction = new CamelAction(camel);
    }

    @AfterAll
    static void stopCamel() {
        camelAction.close();
        camel.stop();
    }

    @Override
    Action actions() {
        return new Actions(call -> Action.Result.failed("the JDK fallback was used"), () -> camelAction);
    }

    @Test
    void httpGoesThroughCamelsHttpComponent() {
        assertInstanceOf(CamelHttpAction.class, new Actions(new HttpAction(), () -> camelAction).httpAction());
    }
}
