package probelab.storage.claims;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The claims file read with commons-csv: problems still name the line a person would look at. */
class PublishedClaimsCsvTest {
    static final String HEADER = String.join(",", PublishedClaims.COLUMNS) + "\n";
    /** A valid row over two lines: its stated_environment holds a quoted line break. */
    static final String GOOD = "c000-001,a.txt,2.2 RTT,native,1.22,tiny,rtt_p99_us,p99,k3s/x,,1420,,us,\"1,420\",us,"
            + "\"内核TCP栈 1,420 μs\",\"one line\nand another\",\n";

    @Test
    void a_bad_row_after_blank_lines_and_a_quoted_line_break_is_reported_on_the_line_it_starts() {
        String bad = GOOD.replace("c000-001", "c000-002").replace("rtt_p99_us", "latency");
        // line 1 header, 2-3 blank, 4-5 the good row, 6 blank, 7 the bad row
        var e = assertThrows(IllegalArgumentException.class, () -> PublishedClaims.parse(HEADER + "\n\n" + GOOD + "\n" + bad, "t.csv"));
        assertTrue(e.getMessage().startsWith("t.csv line 7: unknown metric 'latency'"), e.getMessage());
    }

    @Test
    void a_quoted_field_that_is_never_closed_is_refused_with_the_line_of_its_row() {
        String open = GOOD.replace("c000-001", "c000-002").replace("\"one line\nand another\"", "\"one line\nand another");
        var e = assertThrows(IllegalArgumentException.class, () -> PublishedClaims.parse(HEADER + GOOD + "\n" + open, "t.csv"));
        assertEquals("t.csv line 5: a quoted field is not closed", e.getMessage());
    }

    @Test
    void a_byte_order_mark_and_crlf_line_ends_read_like_plain_text() {
        var claims = PublishedClaims.parse("\uFEFF" + HEADER.replace("\n", "\r\n") + GOOD.replace(",\n", ",\r\n"), "t.csv");
        assertEquals(1, claims.size());
        assertEquals("one line\nand another", claims.get(0).statedEnvironment());
        assertEquals("内核TCP栈 1,420 μs", claims.get(0).originalText());
    }
}
