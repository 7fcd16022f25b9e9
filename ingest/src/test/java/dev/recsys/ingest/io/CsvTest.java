package dev.recsys.ingest.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void splitsPlainAndQuotedFieldsKeepingEmptyOnes() throws BadLineException {
        assertThat(Csv.parse("1,Heat (1995),Action")).containsExactly("1", "Heat (1995)", "Action");
        assertThat(Csv.parse("1,\"a, b\",c")).containsExactly("1", "a, b", "c");
        assertThat(Csv.parse("\"say \"\"hi\"\"\",,")).containsExactly("say \"hi\"", "", "");
        assertThat(Csv.parse("\"\"")).containsExactly("");
        assertThat(Csv.parse("")).containsExactly("");
    }

    @Test
    void rejectsAnUnclosedQuoteAndTextAfterAClosingQuote() {
        assertThatThrownBy(() -> Csv.parse("1,\"open,x")).hasMessage("a quoted field is not closed");
        assertThatThrownBy(() -> Csv.parse("1,\"a\"b,x")).hasMessage("text after a closing quote at column 6");
    }
}
