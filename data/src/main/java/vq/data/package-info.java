/**
 * Ingest: Binance Vision CSV/ZIP importers, generic OHLCV and L1 CSV, Parquet through DuckDB, the downloader, ingest checks (gaps, duplicates, OHLC consistency), resampling, the synthetic market, the raw archive and rebuild.
 *
 * <p>May import: vq.columnar. See ../shared/docs/DESIGN.md §2.
 */
package vq.data;
