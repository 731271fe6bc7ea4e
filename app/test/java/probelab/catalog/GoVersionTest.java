package probelab.catalog;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GoVersionTest {
    @Test
    void components_compare_as_numbers_and_pre_releases_come_before_their_release() {
        List<String> expected = List.of("1.9", "1.10", "1.19.8", "1.21rc2", "1.21.0", "1.22", "1.22.2", "1.22.12", "2.0",
                "", "unknown");
        List<String> shuffled = new ArrayList<>(expected);
        Collections.shuffle(shuffled, new java.util.Random(7));
        shuffled.sort(GoVersion::compare);
        assertEquals(expected, shuffled);
    }

    @Test
    void only_equal_strings_compare_equal_so_sorted_sets_keep_every_value() {
        TreeSet<String> set = new TreeSet<>(GoVersion::compare);
        set.addAll(List.of("1.22", "1.22.0", "unknown", "Unknown", "1.22"));
        assertEquals(List.of("1.22", "1.22.0", "Unknown", "unknown"), List.copyOf(set));
        assertEquals(0, GoVersion.compare("1.22.3", "1.22.3"));
    }

    @Test
    void a_prefix_names_a_version_only_at_a_component_boundary() {
        assertTrue(GoVersion.matches("1.22.12", "1.22"));
        assertTrue(GoVersion.matches("1.22.12", "1.22.12"));
        assertTrue(GoVersion.matches("1.21rc2", "1.21"));
        assertFalse(GoVersion.matches("1.22.12", "1.2"));
        assertFalse(GoVersion.matches("1.22.12", "1.22.1"));
        assertFalse(GoVersion.matches("1.22", "1.22.0"));
        assertFalse(GoVersion.matches("1.22.12", ""));
    }

    @Test
    void the_minor_is_the_first_two_components_like_the_reports_sql() {
        assertEquals("1.22", GoVersion.minor("1.22.12"));
        assertEquals("1.21", GoVersion.minor("1.21rc2"));
        assertEquals("1.9", GoVersion.minor("1.9"));
        assertEquals("unknown", GoVersion.minor("unknown"));
    }
}
