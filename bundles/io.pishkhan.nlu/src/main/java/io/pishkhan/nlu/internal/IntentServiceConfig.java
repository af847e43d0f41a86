package io.pishkhan.nlu.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration {@value IntentServiceImpl#PID}. */
@ObjectClassDefinition(id = IntentServiceImpl.PID, name = "Pishkhan intent engine",
        description = "Intent classification per language (fa, en), trained in the appliance from labelled "
                + "examples; every training gives a new model version.")
public @interface IntentServiceConfig {
    @AttributeDefinition(name = "Data directory", required = false,
            description = "Where model versions are kept (one folder per language). Empty: "
                    + "${karaf.data}/pishkhan/intents.")
    String dataDir() default "";

    @AttributeDefinition(name = "Train the shipped examples",
            description = "At start, for a language that has no model yet, train the bundled banking examples "
                    + "(intents/fa.csv, intents/en.csv) so that the engine answers from the first minute.")
    boolean trainDefaults() default true;

    @AttributeDefinition(name = "Training threads", min = "1",
            description = "Cross-validation folds trained in parallel during one training (one training runs "
                    + "at a time).")
    int trainingThreads() default 2;

    @AttributeDefinition(name = "Out-of-scope recall", min = "0", max = "1",
            description = "Share of unseen intents (cross-validation with intents left out) that the out-of-scope "
                    + "threshold must reject; at most 5% of correct answers are given up for it. 0: never answer "
                    + "'out of scope' (when every message is about a known intent).")
    double outOfScopeRecall() default 0.6;

    @AttributeDefinition(name = "English sentence embeddings",
            description = "auto: English models add e5-small-v2 sentence embeddings (ONNX Runtime, inside this "
                    + "bundle) to the TF-IDF features, falling back to TF-IDF alone when they cannot load; off: "
                    + "TF-IDF only. Persian is always TF-IDF.",
            options = {@org.osgi.service.metatype.annotations.Option(value = "auto", label = "auto"),
                    @org.osgi.service.metatype.annotations.Option(value = "off", label = "off")})
    String embeddings() default "auto";
}
