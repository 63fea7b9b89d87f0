package vq.kernels.strategy;

import java.util.Collection;
import java.util.Locale;

/** Nearest-name suggestions for misspelt keys, indicators, fields and parameters (Levenshtein distance). */
public final class Names {
    private Names() {}

    /**
     * The candidate closest to {@code wrong} by case-insensitive edit distance, or null when none is
     * close (ties go to the longer common prefix, then the closer length, then alphabetical order): a suggestion must be within max(1, min(3, length/3 + 1)) edits (or a prefix match of ≥ 3 chars).
     */
    public static String nearest(String wrong, Collection<String> candidates) {
        if (wrong == null || candidates.isEmpty()) return null;
        String w = wrong.toLowerCase(Locale.ROOT);
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(w, c.toLowerCase(Locale.ROOT));
            if (d < bestD || (d == bestD && better(w, c, best))) {
                bestD = d;
                best = c;
            }
        }
        int limit = Math.max(1, Math.min(3, w.length() / 3 + 1));
        if (bestD <= limit) return best;
        for (String c : candidates) {
            String lc = c.toLowerCase(Locale.ROOT);
            if (w.length() >= 3 && (lc.startsWith(w) || w.startsWith(lc))) return c;
        }
        return null;
    }

    /** Tie-break between equally distant candidates: longer common prefix, then closer length, then alphabetical. */
    private static boolean better(String w, String c, String best) {
        int pc = prefix(w, c.toLowerCase(Locale.ROOT)), pb = prefix(w, best.toLowerCase(Locale.ROOT));
        if (pc != pb) return pc > pb;
        int lc = Math.abs(c.length() - w.length()), lb = Math.abs(best.length() - w.length());
        if (lc != lb) return lc < lb;
        return c.compareTo(best) < 0;
    }

    private static int prefix(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) i++;
        return i;
    }

    /** Damerau-style edit distance (insert, delete, substitute, swap adjacent). */
    static int distance(String a, String b) {
        int n = a.length(), m = b.length();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) d[i][0] = i;
        for (int j = 0; j <= m; j++) d[0][j] = j;
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1))
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                d[i][j] = v;
            }
        }
        return d[n][m];
    }
}
