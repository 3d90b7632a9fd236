package io.fjord.build.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A delivery that started a build: recorded once per provider and delivery id. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 16)
    public String provider;

    @Column(name = "delivery_id", nullable = false, length = 128)
    public String deliveryId;

    @Column(nullable = false, length = 30)
    public String app;

    @Column(name = "build_id")
    public Long buildId;

    /**
     * Records the delivery unless it was seen before; a concurrent twin waits on the unique key and then
     * finds it taken. Answers whether this call recorded it.
     */
    static boolean recordOnce(String provider, String deliveryId, String app) {
        return getEntityManager().createNativeQuery(
                "INSERT IGNORE INTO webhook_delivery (provider, delivery_id, app) VALUES (?1, ?2, ?3)")
                .setParameter(1, provider).setParameter(2, deliveryId).setParameter(3, app)
                .executeUpdate() == 1;
    }
}
