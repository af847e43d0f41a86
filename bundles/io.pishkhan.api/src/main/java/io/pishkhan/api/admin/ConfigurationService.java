package io.pishkhan.api.admin;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration pages generated from metadata: every component with a metatype description becomes a form;
 * saving validates, updates ConfigAdmin (which writes the etc/*.cfg file) and takes effect live.
 */
public interface ConfigurationService {
    /** Forms of every configurable Pishkhan component, sorted by name. */
    List<ConfigForm> forms();

    Optional<ConfigForm> form(String pid);

    /** Field id to message for each value that does not fit the form (empty when all fit). */
    Map<String, String> validate(String pid, Map<String, List<String>> values);

    /**
     * Validates and saves: fields missing from {@code values} keep their current value; the change is audited with
     * {@code actor}, before and after values.
     */
    ConfigForm save(String pid, Map<String, List<String>> values, String actor) throws ConfigValidationException;
}
