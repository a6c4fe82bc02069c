package io.flowlens.ingestion.tracker;

/** A payload this service cannot read: not this tracker's, or a field missing or malformed (pointer names it). */
public class PayloadProblem extends RuntimeException {

    private final String pointer;

    public PayloadProblem(String pointer, String message) {
        super(message);
        this.pointer = pointer;
    }

    public String pointer() {
        return pointer;
    }
}
