package dev.recsys.ingest.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;

/** Streams a text file line by line, with line numbers, turning each parser verdict into a report. */
final class LineSource {

    @FunctionalInterface
    interface LineHandler {
        void line(long number, String text) throws BadLineException;
    }

    private LineSource() {
    }

    /**
     * Calls the handler for every non-blank line. A header line is skipped when it equals {@code header}
     * (ignoring case and spaces); a file without its header is read from its first line.
     */
    static void forEach(Path file, Charset charset, String header, ErrorSink errors, LineHandler handler) {
        // a stray byte that is not valid in the charset becomes U+FFFD instead of failing the whole file
        var decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder),
                1 << 16)) {
            long number = 0;
            String text;
            while ((text = reader.readLine()) != null) {
                number++;
                if (number == 1 && header != null && isHeader(text, header)) {
                    continue;
                }
                if (text.isBlank()) {
                    continue;
                }
                try {
                    handler.line(number, text);
                } catch (BadLineException e) {
                    errors.report(new BadRecord(file, number, e.reason(), e.getMessage(), text));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean isHeader(String text, String header) {
        String first = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return first.replace(" ", "").equalsIgnoreCase(header);
    }
}
