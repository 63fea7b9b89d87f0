/**
 * The vq command line (picocli): data, strategy, screen, validate, sql, report, bench and demo commands.
 *
 * <p>May import: every vq module. See ../shared/docs/DESIGN.md §2.
 */
package vq.cli;
