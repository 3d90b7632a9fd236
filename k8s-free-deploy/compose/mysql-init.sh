# Sourced once by the MySQL image's entrypoint (mysql:8.4 or the stand-in), on the first start with an
# empty datadir, after it has made MYSQL_USER: each service's database, and the user's rights on all of
# them (the same databases and grants as lib/backing.sh makes on a host). Mounted, not executable:
# docker_process_sql comes from the entrypoint that sources it.
docker_process_sql --database=mysql <<SQL
CREATE DATABASE IF NOT EXISTS fjord_build;
CREATE DATABASE IF NOT EXISTS fjord_deploy;
CREATE DATABASE IF NOT EXISTS fjord_proxy;
CREATE DATABASE IF NOT EXISTS fjord_identity;
GRANT ALL PRIVILEGES ON \`fjord\\_%\`.* TO '$MYSQL_USER'@'%';
FLUSH PRIVILEGES;
SQL
