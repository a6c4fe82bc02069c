package io.flowlens.ingestion.connection;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

/** The trackers a connection can speak for. */
public enum TrackerKind {
    @JsonProperty("github")
    GITHUB("github"),
    @JsonProperty("gitlab")
    GITLAB("gitlab"),
    @JsonProperty("jira")
    JIRA("jira"),
    @JsonProperty("azure-devops")
    AZURE_DEVOPS("azure-devops"),
    @JsonProperty("linear")
    LINEAR("linear"),
    @JsonProperty("generic")
    GENERIC("generic");

    private final String word;

    TrackerKind(String word) {
        this.word = word;
    }

    @JsonValue
    public String word() {
        return word;
    }

    public static TrackerKind fromWord(String word) {
        for (TrackerKind k : values()) {
            if (k.word.equals(word)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown tracker kind " + word);
    }

    @Override
    public String toString() {
        return word;
    }
}
