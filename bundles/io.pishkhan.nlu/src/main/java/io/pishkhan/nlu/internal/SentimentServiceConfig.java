package io.pishkhan.nlu.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration {@value SentimentServiceImpl#PID}. */
@ObjectClassDefinition(id = SentimentServiceImpl.PID, name = "Pishkhan sentiment",
        description = "Negative/positive sentiment per language (fa, en), trained in the appliance from labelled "
                + "examples; every training gives a new model version.")
public @interface SentimentServiceConfig {
    @AttributeDefinition(name = "Data directory", required = false,
            description = "Model versions are kept in <dataDir>/sentiment/<lang>. Empty: ${karaf.data}/pishkhan.")
    String dataDir() default "";

    @AttributeDefinition(name = "Train the shipped examples",
            description = "At start, for a language that has no sentiment model yet, train the bundled examples "
                    + "(sentiment/fa.csv, sentiment/en.csv).")
    boolean trainDefaults() default true;

    @AttributeDefinition(name = "Training threads", min = "1",
            description = "Cross-validation folds trained in parallel during one training; also ONNX Runtime's "
                    + "threads.")
    int trainingThreads() default 2;

    @AttributeDefinition(name = "English sentence embeddings",
            description = "auto: English models add e5-small-v2 sentence embeddings to the TF-IDF features "
                    + "(TF-IDF alone when they cannot load); off: TF-IDF only. Persian is always TF-IDF.",
            options = {@Option(value = "auto", label = "auto"), @Option(value = "off", label = "off")})
    String embeddings() default "auto";
}
