package io.flowlens.gateway.tenant;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** What is kept of an erased tenant: its id and when, so erasing it again is a 200 with nothing left, not a 404. */
@Entity
@Table(name = "erased_tenant")
public class ErasedTenant extends PanacheEntityBase {

    @Id
    @Column(length = 36)
    public String id;

    @Column(name = "erased_at", nullable = false)
    public Instant erasedAt;
}
