-- The route table: per app, the routes.changed generation nginx accepted last and its upstreams
-- ([{"host": "172.18.0.5", "port": 5000}, ...]). On start the service renders every app file from it.
CREATE TABLE route (
    app        VARCHAR(30)  NOT NULL PRIMARY KEY,
    generation BIGINT       NOT NULL,
    upstreams  JSON         NOT NULL,
    updated_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE = InnoDB;
