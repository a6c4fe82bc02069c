package io.flowlens.ingestion.tracker;

/** Receives each record of an export as it is read, or the problem with it. */
public interface ExportVisitor {

    /** A readable record; {@code location} is its JSON Pointer ({@code /3}, {@code /0/issues/5}). */
    void record(String location, String lineOrIndex, ItemChange change);

    /** A record (or the rest of the file) that cannot be read; {@code pointer} names the line or index and field. */
    void invalid(String pointer, String detail);
}
