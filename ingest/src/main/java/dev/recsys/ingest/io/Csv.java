package dev.recsys.ingest.io;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of RFC 4180 CSV as ml-latest writes it: a field may be quoted, and a quote inside a quoted field is
 * doubled ({@code "Shawshank Redemption, The (1994)"}, {@code "Bicycle Thief, The ""Ladri di biciclette"""}).
 * MovieLens titles never span lines, so a quoted field that does not close on its line is malformed.
 */
final class Csv {

    private Csv() {
    }

    static List<String> parse(String line) throws BadLineException {
        List<String> fields = new ArrayList<>(4);
        int at = 0;
        int length = line.length();
        while (true) {
            if (at < length && line.charAt(at) == '"') {
                StringBuilder field = new StringBuilder();
                at++;
                while (true) {
                    if (at >= length) {
                        throw BadLineException.malformed("a quoted field is not closed");
                    }
                    char c = line.charAt(at++);
                    if (c != '"') {
                        field.append(c);
                    } else if (at < length && line.charAt(at) == '"') {
                        field.append('"');
                        at++;
                    } else {
                        break;
                    }
                }
                fields.add(field.toString());
                if (at < length && line.charAt(at) != ',') {
                    throw BadLineException.malformed("text after a closing quote at column " + (at + 1));
                }
            } else {
                int end = line.indexOf(',', at);
                fields.add(line.substring(at, end < 0 ? length : end));
                at = end < 0 ? length : end;
            }
            if (at >= length) {
                return fields;
            }
            at++; // the comma
            if (at == length) {
                fields.add("");
                return fields;
            }
        }
    }
}
