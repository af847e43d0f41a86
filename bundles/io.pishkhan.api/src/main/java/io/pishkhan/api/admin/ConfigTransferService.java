package io.pishkhan.api.admin;

import java.io.InputStream;
import java.util.Set;

/**
 * Moves the whole configuration of one appliance to another: {@link #export} writes a zip (a {@code manifest.json}
 * with the appliance version, creation time and every item with its kind and SHA-256 checksum, plus one file per
 * item); {@link #preview} checks an archive and compares it with this appliance; {@link #apply} applies the chosen
 * differences of a preview. Items are keyed {@code kind/id} (see {@link TransferItem#key()}).
 */
public interface ConfigTransferService {
    /** Kind of the deployed routing rule set (one item, id {@code active}). */
    String KIND_RULESET = "ruleset";
    /** Kind of knowledge-base articles (id = article id). */
    String KIND_ARTICLE = "kb.article";
    /** Kind of component settings (id = configuration PID). */
    String KIND_SETTINGS = "settings";
    /**
     * Kind of the chatbot's intent model of a language (id = {@code fa} or {@code en}): the training examples (CSV)
     * of the active model; applying one trains a new model version from them on the target, in the background.
     */
    String KIND_INTENTS = "intents";

    /**
     * The archive of everything this appliance can export now.
     *
     * @param includePasswords password fields of component settings are left out unless true
     */
    byte[] export(boolean includePasswords, String actor) throws TransferException;

    /** Validates the archive and lists its differences with this appliance; kept for {@link #apply} for a while. */
    TransferPreview preview(InputStream zip) throws TransferException;

    /**
     * Applies the chosen items of a preview (safe order: settings, store entities, rule set, articles); a failing
     * item is reported and the rest go on. Every change is audited.
     *
     * @param keys item keys to apply; {@code null} or empty: every item that is not UNCHANGED
     * @throws TransferException when the preview id is unknown or expired
     */
    TransferResult apply(String previewId, Set<String> keys, String actor) throws TransferException;
}
