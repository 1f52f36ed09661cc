package org.mondo.mindi.deps;

/**
 * fnmatch(3) without flags, as kmod matches modules.alias patterns against a device's modalias:
 * '*' (any run, '/' included), '?' (one character), '[...]' ('!' or '^' negates, ranges, a ']'
 * first is literal) and '\' quoting the next character.
 */
final class Glob {
    private Glob() {}

    static boolean hasWildcard(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '\\') return true;
        }
        return false;
    }

    static boolean matches(String pattern, String text) {
        int p = 0, t = 0, starP = -1, starT = -1;
        while (t < text.length()) {
            if (p < pattern.length()) {
                char c = pattern.charAt(p);
                if (c == '*') {
                    starP = ++p;
                    starT = t;
                    continue;
                }
                int next = matchOne(pattern, p, text.charAt(t));
                if (next > 0) {
                    p = next;
                    t++;
                    continue;
                }
            }
            if (starP < 0) return false;
            p = starP;
            t = ++starT;
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') p++;
        return p == pattern.length();
    }

    /** The pattern index after the element at p if it matches ch, else -1. */
    private static int matchOne(String pattern, int p, char ch) {
        char c = pattern.charAt(p);
        if (c == '?') return p + 1;
        if (c == '\\' && p + 1 < pattern.length()) return pattern.charAt(p + 1) == ch ? p + 2 : -1;
        if (c == '[') {
            int end = bracketEnd(pattern, p);
            if (end < 0) return c == ch ? p + 1 : -1; // an unclosed '[' is a plain character
            int i = p + 1;
            boolean negate = false;
            if (pattern.charAt(i) == '!' || pattern.charAt(i) == '^') {
                negate = true;
                i++;
            }
            boolean found = false;
            while (i < end) {
                char lo = pattern.charAt(i);
                if (lo == '\\' && i + 1 < end) lo = pattern.charAt(++i);
                char hi = lo;
                if (i + 2 < end && pattern.charAt(i + 1) == '-') {
                    hi = pattern.charAt(i + 2);
                    if (hi == '\\' && i + 3 < end) hi = pattern.charAt(++i + 2);
                    i += 2;
                }
                if (lo <= ch && ch <= hi) found = true;
                i++;
            }
            return found != negate ? end + 1 : -1;
        }
        return c == ch ? p + 1 : -1;
    }

    /** The index of the ']' closing the bracket expression at p, or -1. */
    private static int bracketEnd(String pattern, int p) {
        int i = p + 1;
        if (i < pattern.length() && (pattern.charAt(i) == '!' || pattern.charAt(i) == '^')) i++;
        if (i < pattern.length() && pattern.charAt(i) == ']') i++; // a leading ']' is literal
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\\') i++;
            else if (c == ']') return i;
            i++;
        }
        return -1;
    }
}
