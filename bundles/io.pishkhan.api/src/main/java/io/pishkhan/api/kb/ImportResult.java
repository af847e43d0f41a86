package io.pishkhan.api.kb;

import java.util.List;

/** The outcome of an import: articles saved, and a clear error per refused row or section (with its line). */
public record ImportResult(int imported, List<String> errors) {
    public ImportResult {
        errors = List.copyOf(errors);
    }
}
