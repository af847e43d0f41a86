package io.pishkhan.kb.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration {@value KnowledgeBaseImpl#PID} ({@code etc/io.pishkhan.kb.cfg}). */
@ObjectClassDefinition(id = KnowledgeBaseImpl.PID, name = "Pishkhan knowledge base",
        description = "Articles in Persian and English, searched with BM25 by the bot and by agent assist.")
public @interface KbConfig {
    @AttributeDefinition(name = "Seed articles",
            description = "When the knowledge base is empty, import the shipped sample banking articles "
                    + "(10 Persian, 10 English) at start. Has no effect once any article exists.")
    boolean seed() default true;

    @AttributeDefinition(name = "Maximum results", min = "1", max = "100",
            description = "Upper bound on the passages one search returns, whatever limit the caller asks for.")
    int maxResults() default 10;
}
