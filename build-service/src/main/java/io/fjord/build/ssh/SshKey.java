package io.fjord.build.ssh;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A public key that may push over SSH. */
@Entity
@Table(name = "ssh_key")
public class SshKey extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(length = 100)
    public String name;

    @Column(name = "key_type", nullable = false, length = 32)
    public String type;

    /** {@code <type> <base64>}, as authorized_keys takes it. */
    @Column(name = "public_key", nullable = false, columnDefinition = "TEXT")
    public String publicKey;

    @Column(nullable = false, length = 64)
    public String fingerprint;

    @Column(nullable = false)
    public int bits;

    @Column(length = 255)
    public String comment;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static List<SshKey> inOrder() {
        return list("order by id");
    }
}
