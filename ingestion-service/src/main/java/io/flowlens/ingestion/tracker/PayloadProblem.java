package io.flowlens.ingestion.tracker;

/** A payload this service cannot read: not this tracker's, or a field missing or malformed (pointer names it). */
public class PayloadProblem extends RuntimeException {

    private final String pointer;

    public PayloadProblem(String pointer, String message) {
        super(message, null, false, false);
        this.pointer = pointer == null ? "" : pointer;
    }

    public String pointer() {
        return pointer;
    }

    /** The same problem, its pointer placed under {@code prefix} (the part of the payload it was found in). */
    public PayloadProblem under(String prefix) {
        return new PayloadProblem(prefix + pointer, getMessage());
    }
}
