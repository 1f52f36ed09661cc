package org.mondo.archive;

import java.util.ArrayList;
import java.util.List;

/**
 * MondoRescue takes the compression level as a digit option (-0 … -9), also inside a cluster
 * ("-OVi9"). picocli cannot name options by digits, so they are taken out of the short-option
 * clusters first; the clusters' option arguments ("-s4480m", "-d /bkp") are left alone.
 */
final class ShortOptionDigits {
    record Result(String[] args, int level) {}

    private ShortOptionDigits() {}

    /** @param argOptions the short options that take an argument */
    static Result extract(String[] args, String argOptions) {
        List<String> out = new ArrayList<>();
        int level = -1;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                for (; i < args.length; i++) out.add(args[i]);
                break;
            }
            if (a.length() < 2 || a.charAt(0) != '-' || a.charAt(1) == '-') {
                out.add(a);
                continue;
            }
            StringBuilder kept = new StringBuilder("-");
            boolean takesNext = false;
            for (int k = 1; k < a.length(); k++) {
                char c = a.charAt(k);
                if (Character.isDigit(c)) {
                    level = c - '0';
                    continue;
                }
                kept.append(c);
                if (argOptions.indexOf(c) >= 0) {
                    if (k + 1 < a.length()) kept.append(a, k + 1, a.length());
                    else takesNext = true;
                    break;
                }
            }
            if (kept.length() > 1) out.add(kept.toString());
            if (takesNext && i + 1 < args.length) out.add(args[++i]);
        }
        return new Result(out.toArray(String[]::new), level);
    }
}
