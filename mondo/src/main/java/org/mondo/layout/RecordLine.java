package org.mondo.layout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One record of the layout text: a keyword, then {@code key=value} fields separated by spaces.
 * A value is written bare unless it is empty or holds a space, a control character or a double
 * quote; then it is quoted, with \\ \" \t \n \r and \xHH escapes inside the quotes. Bare values
 * are literal (a backslash in File(\EFI\...) stays one). Reading is strict: every field must be
 * one the record knows, so a typo in a hand-edited file is an error, not a silent default.
 */
final class RecordLine {
    private final String keyword;
    private final Map<String, String> fields;
    private final int line;
    private final Set<String> used = new HashSet<>();

    private RecordLine(String keyword, Map<String, String> fields, int line) {
        this.keyword = keyword;
        this.fields = fields;
        this.line = line;
    }

    String keyword() {
        return keyword;
    }

    int line() {
        return line;
    }

    /** Writes a record; fields whose value is null or empty are left out. */
    static String format(String keyword, Map<String, String> fields) {
        StringBuilder sb = new StringBuilder(keyword);
        for (Map.Entry<String, String> f : fields.entrySet()) {
            if (f.getValue() == null || f.getValue().isEmpty()) continue;
            sb.append(' ').append(f.getKey()).append('=');
            appendValue(sb, f.getValue());
        }
        return sb.toString();
    }

    static void appendValue(StringBuilder sb, String v) {
        if (isBare(v)) {
            sb.append(v);
            return;
        }
        sb.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) sb.append(String.format("\\x%02x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }

    private static boolean isBare(String v) {
        if (v.isEmpty()) return false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c <= ' ' || c == 0x7f || c == '"') return false;
        }
        return true;
    }

    static RecordLine parse(String text, int line) throws LayoutFormatException {
        int i = 0;
        int n = text.length();
        while (i < n && text.charAt(i) != ' ' && text.charAt(i) != '\t') i++;
        String keyword = text.substring(0, i);
        Map<String, String> fields = new LinkedHashMap<>();
        while (true) {
            while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) i++;
            if (i >= n) break;
            int eq = i;
            while (eq < n && text.charAt(eq) != '=' && text.charAt(eq) != ' ' && text.charAt(eq) != '\t') eq++;
            if (eq >= n || text.charAt(eq) != '=' || eq == i) {
                throw error(line, keyword + ": expected key=value at column " + (i + 1));
            }
            String key = text.substring(i, eq);
            StringBuilder value = new StringBuilder();
            i = eq + 1;
            if (i < n && text.charAt(i) == '"') {
                i = readQuoted(text, i + 1, value, line);
            } else {
                while (i < n && text.charAt(i) != ' ' && text.charAt(i) != '\t') value.append(text.charAt(i++));
            }
            if (fields.put(key, value.toString()) != null) throw error(line, keyword + ": field '" + key + "' twice");
        }
        return new RecordLine(keyword, fields, line);
    }

    private static int readQuoted(String text, int i, StringBuilder value, int line) throws LayoutFormatException {
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i++);
            if (c == '"') {
                if (i < n && text.charAt(i) != ' ' && text.charAt(i) != '\t') {
                    throw error(line, "text after a closing quote at column " + (i + 1));
                }
                return i;
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            if (i >= n) break;
            char e = text.charAt(i++);
            switch (e) {
                case '\\', '"' -> value.append(e);
                case 't' -> value.append('\t');
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 'x' -> {
                    if (i + 2 > n) throw error(line, "short \\x escape");
                    try {
                        value.append((char) Integer.parseInt(text.substring(i, i + 2), 16));
                    } catch (NumberFormatException ex) {
                        throw error(line, "bad \\x escape '\\x" + text.substring(i, i + 2) + "'");
                    }
                    i += 2;
                }
                default -> throw error(line, "unknown escape '\\" + e + "'");
            }
        }
        throw error(line, "unterminated quoted value");
    }

    static LayoutFormatException error(int line, String message) {
        return new LayoutFormatException("line " + line + ": " + message);
    }

    LayoutFormatException error(String message) {
        return error(line, keyword + ": " + message);
    }

    boolean has(String key) {
        return fields.containsKey(key);
    }

    String str(String key) throws LayoutFormatException {
        used.add(key);
        String v = fields.get(key);
        if (v == null) throw error("missing field '" + key + "'");
        return v;
    }

    String opt(String key) {
        used.add(key);
        return fields.getOrDefault(key, "");
    }

    long num(String key) throws LayoutFormatException {
        return parseLong(key, str(key));
    }

    long num(String key, long absent) throws LayoutFormatException {
        used.add(key);
        String v = fields.get(key);
        return v == null ? absent : parseLong(key, v);
    }

    int integer(String key) throws LayoutFormatException {
        return Math.toIntExact(num(key));
    }

    int integer(String key, int absent) throws LayoutFormatException {
        return Math.toIntExact(num(key, absent));
    }

    boolean flag(String key) throws LayoutFormatException {
        String v = opt(key);
        return switch (v) {
            case "", "0" -> false;
            case "1" -> true;
            default -> throw error("field '" + key + "' must be 0 or 1, not '" + v + "'");
        };
    }

    /** A comma-separated list; empty when absent. */
    List<String> list(String key) {
        String v = opt(key);
        List<String> out = new ArrayList<>();
        if (!v.isEmpty()) {
            for (String s : v.split(",")) {
                if (!s.isEmpty()) out.add(s);
            }
        }
        return out;
    }

    private long parseLong(String key, String v) throws LayoutFormatException {
        try {
            return v.startsWith("0x") ? Long.parseUnsignedLong(v.substring(2), 16) : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw error("field '" + key + "' is not a number: '" + v + "'");
        }
    }

    /** Fails on any field the record did not ask for. */
    void requireNoOthers() throws LayoutFormatException {
        for (String key : fields.keySet()) {
            if (!used.contains(key)) throw error("unknown field '" + key + "'");
        }
    }
}
