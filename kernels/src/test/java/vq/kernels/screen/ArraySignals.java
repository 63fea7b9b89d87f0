package vq.kernels.screen;

/** Test signal source backed by full boolean arrays {@code [set][bar]} (fine for small tests only). */
final class ArraySignals implements SignalSource {
    final boolean[][] eL, xL, eS, xS;

    ArraySignals(boolean[][] eL, boolean[][] xL, boolean[][] eS, boolean[][] xS) {
        this.eL = eL; this.xL = xL; this.eS = eS; this.xS = xS;
    }

    static ArraySignals single(boolean[] eL, boolean[] xL, boolean[] eS, boolean[] xS) {
        return new ArraySignals(new boolean[][] {eL}, new boolean[][] {xL}, new boolean[][] {eS}, new boolean[][] {xS});
    }

    @Override public int parameterSets() { return eL.length; }

    @Override public void fill(int barFrom, int barTo, int setFrom, int setTo, SignalBlock out) {
        out.clear(setTo - setFrom);
        for (int s = setFrom; s < setTo; s++) {
            for (int i = barFrom; i < barTo; i++) {
                if (eL[s][i]) out.set(out.enterLong, s - setFrom, i - barFrom);
                if (xL[s][i]) out.set(out.exitLong, s - setFrom, i - barFrom);
                if (eS[s][i]) out.set(out.enterShort, s - setFrom, i - barFrom);
                if (xS[s][i]) out.set(out.exitShort, s - setFrom, i - barFrom);
            }
        }
    }
}
