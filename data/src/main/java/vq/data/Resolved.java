package vq.data;

/**
 * What a source file was resolved to: the catalog key parts and the kind, plus {@code sortNanos} (the date in
 * its Binance name, else its first row's timestamp) which orders the files of one batch.
 */
record Resolved(String venue, String market, String symbol, SourceKind kind, String interval, long sortNanos) {
    /** Files with the same group go into one batch (one writer per dataset). */
    String group() {
        return venue + "/" + market + "/" + symbol + "/" + kind.id() + "/" + (interval == null ? "-" : interval);
    }
}
