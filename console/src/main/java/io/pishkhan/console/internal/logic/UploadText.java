package io.pishkhan.console.internal.logic;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Checks a text file an admin uploads (knowledge-base CSV and Markdown, intent training CSV) before it goes to a
 * service: its name ends with one of the accepted extensions, it is at most so many bytes (the browser's limit is
 * only a courtesy), it is UTF-8 (strictly: a Windows-1256 file is refused rather than turned into question marks), and
 * it holds more than blanks. A UTF-8 byte-order mark is dropped.
 */
public final class UploadText {
    /** Knowledge-base imports, CSV and Markdown. */
    public static final int MAX_KB_BYTES = 2 * 1024 * 1024;
    /** Intent training examples. */
    public static final int MAX_TRAINING_BYTES = 5 * 1024 * 1024;
    public static final List<String> CSV = List.of(".csv", ".txt");
    public static final List<String> MARKDOWN = List.of(".md", ".markdown", ".txt");

    private UploadText() {
    }

    /**
     * The file's text.
     *
     * @throws InputException {@code upload.type} (extension), {@code upload.tooLarge}, {@code upload.encoding} (not
     *                        UTF-8), {@code upload.empty}
     */
    public static String read(String fileName, byte[] bytes, int maxBytes, List<String> extensions) {
        String name = fileName == null ? "" : fileName;
        String lower = name.toLowerCase(Locale.ROOT);
        if (!extensions.isEmpty() && extensions.stream().noneMatch(lower::endsWith)) {
            throw new InputException("upload.type", "\"" + name + "\" is not one of " + String.join(" ", extensions),
                    name, String.join(" ", extensions));
        }
        if (bytes == null || bytes.length == 0) {
            throw new InputException("upload.empty", "\"" + name + "\" is empty", name);
        }
        if (bytes.length > maxBytes) {
            throw new InputException("upload.tooLarge", "\"" + name + "\" has " + bytes.length + " bytes, at most "
                    + maxBytes, name, kilobytes(maxBytes));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InputException("upload.encoding", "\"" + name + "\" is not UTF-8 text", name);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new InputException("upload.empty", "\"" + name + "\" is empty", name);
        }
        return text;
    }

    /** A size limit as whole kilobytes (for messages). */
    public static int kilobytes(int bytes) {
        return bytes / 1024;
    }
}
