/**
 * The catalog: market data as time-partitioned, memory-mapped (java.lang.foreign) columnar segments with a manifest per dataset; schemas of the datasets of DESIGN.md §4; zero-copy range reads as ordered column chunks.
 *
 * <p>May import: nothing of vq (JDK and Jackson only). See ../shared/docs/DESIGN.md §2.
 */
package vq.columnar;
