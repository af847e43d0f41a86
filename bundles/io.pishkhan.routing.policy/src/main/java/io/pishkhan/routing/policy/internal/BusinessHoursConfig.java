package io.pishkhan.routing.policy.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the business-hours service (PID {@value #PID}). */
@ObjectClassDefinition(name = "Pishkhan business hours",
        description = "Defaults of the business-hours schedules; the schedules themselves are edited in the console.")
public @interface BusinessHoursConfig {
    String PID = "io.pishkhan.routing.policy.hours";

    @AttributeDefinition(name = "Default closed message (fa)",
            description = "Sent outside business hours when the schedule has no Persian message of its own.")
    String closedMessage_fa() default "در حال حاضر خارج از ساعات کاری هستیم. پیام شما ثبت شد و در اولین فرصت پاسخ می‌دهیم.";

    @AttributeDefinition(name = "Default closed message (en)",
            description = "Sent outside business hours when the schedule has no English message of its own.")
    String closedMessage_en() default "We are closed at the moment. Your message has been received and we will answer as soon as we open.";

    @AttributeDefinition(name = "Search horizon (days)",
            description = "How far ahead the next opening is looked for; beyond it a schedule counts as never opening.")
    int nextOpening_days() default 400;

    @AttributeDefinition(name = "Install the sample schedule",
            description = "On first start (no schedule was ever saved) store the schedule 'tehran-office'.")
    boolean seed_default() default true;
}
