package io.pishkhan.channel.mail.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One mailbox (factory configuration {@value MailChannel#PID}-&lt;name&gt;.cfg). */
@ObjectClassDefinition(name = "Pishkhan email channel", description = "A mailbox: polled over IMAP, answered over SMTP")
public @interface MailConfig {
    @AttributeDefinition(name = "Channel id", description = "e.g. email, or email-sales for a second mailbox")
    String channelId() default "email";

    @AttributeDefinition(name = "IMAP host")
    String imap_host() default "localhost";

    @AttributeDefinition(name = "IMAP port", min = "1", max = "65535")
    int imap_port() default 993;

    @AttributeDefinition(name = "IMAP over TLS (imaps)")
    boolean imap_ssl() default true;

    @AttributeDefinition(name = "IMAP user")
    String imap_user() default "";

    @AttributeDefinition(name = "IMAP password", type = AttributeType.PASSWORD, required = false)
    String imap_password() default "";

    @AttributeDefinition(name = "Folder")
    String imap_folder() default "INBOX";

    @AttributeDefinition(name = "Poll every (s)", min = "1", max = "3600")
    int pollSeconds() default 30;

    @AttributeDefinition(name = "SMTP host")
    String smtp_host() default "localhost";

    @AttributeDefinition(name = "SMTP port", min = "1", max = "65535")
    int smtp_port() default 587;

    @AttributeDefinition(name = "SMTP over TLS (smtps)")
    boolean smtp_ssl() default false;

    @AttributeDefinition(name = "SMTP STARTTLS")
    boolean smtp_starttls() default true;

    @AttributeDefinition(name = "SMTP user", required = false)
    String smtp_user() default "";

    @AttributeDefinition(name = "SMTP password", type = AttributeType.PASSWORD, required = false)
    String smtp_password() default "";

    @AttributeDefinition(name = "From address")
    String from_address() default "support@example.com";

    @AttributeDefinition(name = "From name", required = false)
    String from_name() default "";

    @AttributeDefinition(name = "Largest attachment kept (MB)", min = "1", max = "25")
    int maxAttachmentMb() default 10;

    @AttributeDefinition(name = "Most attachments kept per mail", min = "0", max = "20")
    int maxAttachments() default 10;

    @AttributeDefinition(name = "Message-ID domain", description = "Domain of the Message-IDs the appliance writes")
    String messageIdDomain() default "pishkhan.local";
}
