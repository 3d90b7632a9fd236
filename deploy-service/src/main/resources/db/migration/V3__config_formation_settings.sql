-- Issue 3: config vars, process formation, per-app settings and health checks, release history.

-- config_version: the version of the app's config vars in force (0: none set yet).
-- formation: process type to container count (JSON); web runs one container until told otherwise.
-- healthchecks: checks set through the API (JSON, app.json's "healthchecks" shape); null: app.json's or the default.
-- build_time_keys: names of config vars build-service may read for builds (JSON list).
-- memory_bytes, nano_cpus, cap_add, drain_seconds, stop_seconds: the app's own limits; null: the platform's default.
-- routes: the web upstreams last announced (JSON), so reconciliation sees when they changed.
ALTER TABLE app
    ADD COLUMN config_version  INT          NOT NULL DEFAULT 0,
    ADD COLUMN formation       TEXT         NULL,
    ADD COLUMN healthchecks    TEXT         NULL,
    ADD COLUMN build_time_keys TEXT         NULL,
    ADD COLUMN memory_bytes    BIGINT       NULL,
    ADD COLUMN nano_cpus       BIGINT       NULL,
    ADD COLUMN cap_add         VARCHAR(300) NULL,
    ADD COLUMN drain_seconds   INT          NULL,
    ADD COLUMN stop_seconds    INT          NULL,
    ADD COLUMN routes          TEXT         NULL;

-- One row per change of an app's config vars: the whole set, encrypted (AES-GCM, FJORD_SECRET_KEY).
CREATE TABLE config_version (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    app_id     BIGINT       NOT NULL,
    version    INT          NOT NULL,
    data       MEDIUMTEXT   NOT NULL,
    actor      VARCHAR(200) NULL,
    created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    CONSTRAINT uq_config_version UNIQUE (app_id, version),
    CONSTRAINT fk_config_app FOREIGN KEY (app_id) REFERENCES app (id)
) ENGINE = InnoDB;

-- kind: BUILD (a new image), ROLLBACK (an earlier release's image and config), CONFIG (the live image
-- with changed config vars). actor: who asked for it ("build" for pushes). image_removed: the image
-- was pruned, so the release can no longer be rolled back to.
ALTER TABLE app_release
    ADD COLUMN kind           VARCHAR(16)  NOT NULL DEFAULT 'BUILD',
    ADD COLUMN config_version INT          NOT NULL DEFAULT 0,
    ADD COLUMN actor          VARCHAR(200) NULL,
    ADD COLUMN description    VARCHAR(300) NULL,
    ADD COLUMN image_removed  BOOLEAN      NOT NULL DEFAULT FALSE;
