package io.flowlens.assessment.webhook;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A tenant's callback URL; every scored assessment of the tenant is delivered to it. */
@Entity
@Table(name = "partner_webhook")
public class PartnerWebhook extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public String tenantId;

    @Column(nullable = false)
    public String url;

    /** {@code whsec_<base64>}: kept because every delivery is signed with it; shown to the partner once. */
    @Column(nullable = false)
    public String secret;

    public String description;

    @Column(nullable = false)
    public boolean enabled;

    @Column(name = "disabled_reason")
    public String disabledReason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
