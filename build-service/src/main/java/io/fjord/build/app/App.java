package io.fjord.build.app;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An app this service may build for, as deploy-service announced it. */
@Entity
@Table(name = "app")
public class App extends PanacheEntityBase {

    @Id
    @Column(length = 30)
    public String name;

    public static boolean exists(String name) {
        return AppNames.isValid(name) && findById(name) != null;
    }
}
