package org.mondo.mindi.deps;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Alias patterns → module names, matched as kmod matches them: fnmatch globs on names normalised
 * by kmod's alias_normalize ('-' is '_' outside brackets). Literal patterns are hashed and globs
 * grouped by the bus before their first ':' (pci, usb, acpi, …), so matching a device's modalias
 * tries only its own bus's patterns.
 */
final class AliasTable {
    private record Alias(String pattern, String module) {}

    private final Map<String, Set<String>> literal = new HashMap<>();
    private final Map<String, List<Alias>> byBus = new HashMap<>();
    private final List<Alias> anyBus = new ArrayList<>();

    void add(String pattern, String module) {
        String p = normalize(pattern);
        if (!Glob.hasWildcard(p)) {
            literal.computeIfAbsent(p, k -> new LinkedHashSet<>()).add(module);
            return;
        }
        String bus = bus(p);
        if (Glob.hasWildcard(bus)) anyBus.add(new Alias(p, module));
        else byBus.computeIfAbsent(bus, k -> new ArrayList<>()).add(new Alias(p, module));
    }

    /** Every module with a pattern matching the text, in file order (literal matches first). */
    Set<String> match(String text) {
        String t = normalize(text);
        Set<String> out = new LinkedHashSet<>(literal.getOrDefault(t, Set.of()));
        for (Alias a : byBus.getOrDefault(bus(t), List.of())) if (Glob.matches(a.pattern(), t)) out.add(a.module());
        for (Alias a : anyBus) if (Glob.matches(a.pattern(), t)) out.add(a.module());
        return out;
    }

    /** What comes before the first ':' (the whole text without one). */
    private static String bus(String s) {
        int c = s.indexOf(':');
        return c < 0 ? s : s.substring(0, c);
    }

    /** kmod's alias_normalize: '-' is '_' outside bracket expressions. */
    static String normalize(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean inBracket = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inBracket) {
                if (c == ']') inBracket = false;
            } else if (c == '[') {
                inBracket = true;
            } else if (c == '-') {
                c = '_';
            }
            b.append(c);
        }
        return b.toString();
    }
}
