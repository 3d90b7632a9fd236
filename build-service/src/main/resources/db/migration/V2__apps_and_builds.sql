-- The apps build-service knows of: a projection of deploy-service's app.created / app.destroyed.
CREATE TABLE app (
    name       VARCHAR(30)  NOT NULL PRIMARY KEY,
    created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- One image build. No foreign key to app: the history of a build outlives a destroyed app.
CREATE TABLE build (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    app          VARCHAR(30)  NOT NULL,
    status       VARCHAR(16)  NOT NULL,
    commit_sha   VARCHAR(64)  NULL,
    image        VARCHAR(128) NULL,
    image_id     VARCHAR(128) NULL,
    exposed_port INT          NULL,
    processes    TEXT         NULL,
    error        TEXT         NULL,
    created_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    finished_at  TIMESTAMP(3) NULL,
    INDEX build_by_app (app, id),
    INDEX build_by_status (status)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- A build's log, written in pieces as Docker produces it; read back in seq order.
CREATE TABLE build_log_chunk (
    seq      BIGINT AUTO_INCREMENT PRIMARY KEY,
    build_id BIGINT     NOT NULL,
    text     MEDIUMTEXT NOT NULL,
    INDEX build_log_by_build (build_id, seq),
    CONSTRAINT build_log_chunk_build FOREIGN KEY (build_id) REFERENCES build (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
