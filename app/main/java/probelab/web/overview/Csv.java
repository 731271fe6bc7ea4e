package probelab.web.overview;

/** RFC 4180 rows, with text that a spreadsheet would run as a formula (=, + or @ first) defused by a quote. */
final class Csv {
    private Csv() {
    }

    static String row(String... fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) sb.append(',');
            sb.append(field(fields[i]));
        }
        return sb.append('\n').toString();
    }

    static String field(String v) {
        if (v == null) return "";
        String s = v;
        if (!s.isEmpty() && "=+@".indexOf(s.charAt(0)) >= 0) s = "'" + s;
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            s = '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
