# Build with the Maven wrapper, run on a JRE with the tools the runbook calls:
# PostgreSQL 17 client tools (pg_dump/pg_restore must be at least the server's major version), the
# PostgreSQL 17 server package (initdb, pg_ctl, postgres: the restore-test's throw-away scratch cluster in
# /data/scratch-postgres, started as user cutover; no cluster of its own is created or started),
# pgcopydb, flyctl, the AWS CLI and curl. The jar is built with -Pproduction: the product without the
# rehearsal tooling (flyctl emulator, sandbox wiring, embedded PostgreSQL), under 60 MB.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q -Pproduction dependency:go-offline
COPY src src
COPY frontend-static frontend-static
RUN ./mvnw -B -q -Pproduction package && cp target/cutover-*.jar /cutover.jar

FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl gnupg gzip unzip procps \
 && install -d /usr/share/postgresql-common/pgdg \
 && curl -fsSL -o /usr/share/postgresql-common/pgdg/apt.postgresql.org.asc https://www.postgresql.org/media/keys/ACCC4CF8.asc \
 && . /etc/os-release \
 && echo "deb [signed-by=/usr/share/postgresql-common/pgdg/apt.postgresql.org.asc] https://apt.postgresql.org/pub/repos/apt ${VERSION_CODENAME}-pgdg main" \
      > /etc/apt/sources.list.d/pgdg.list \
 && install -d /etc/postgresql-common/createcluster.d \
 && echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.d/cutover.conf \
 && apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client-17 postgresql-17 pgcopydb \
 && curl -fsSL https://awscli.amazonaws.com/awscli-exe-linux-x86_64.zip -o /tmp/awscli.zip \
 && unzip -q /tmp/awscli.zip -d /tmp && /tmp/aws/install && rm -rf /tmp/aws /tmp/awscli.zip \
 && curl -fsSL https://fly.io/install.sh | FLYCTL_INSTALL=/usr/local sh \
 && apt-get purge -y gnupg unzip && apt-get autoremove -y && rm -rf /var/lib/apt/lists/*
RUN useradd --system --create-home --home-dir /home/cutover cutover \
 && install -d -o cutover -g cutover /data
COPY --from=build /cutover.jar /app/cutover.jar
USER cutover
# The JVM's memory is set, not left to a share of the VM's: bench/sse-fanout runs the panel with
# exactly these flags (it reads them from this file) and measures its resident size with 200 log
# viewers at 10,000 lines/s (docs/benchmarks.md). A 224 MB serial-collected heap keeps the panel
# under 512 MB, leaving the rest of the 2 GB VM to pg_dump, pgcopydb and the scratch cluster.
# Native memory outside the heap: glibc gives each of the panel's few hundred threads (one per log
# viewer) one of up to 8 x cores malloc arenas that never shrink, and the JIT's short-lived arenas
# stay resident unless trimmed: MALLOC_ARENA_MAX=2 and a trim every 5 s.
# Only the C1 compiler (TieredStopAtLevel=1): the panel's own hot code is moving log lines, whose
# heavy lifting (dump, restore, copy, checksums) is done by the tools and PostgreSQL. C2 spent 6 to
# 7 s of CPU compiling that path in a busy run's first 30 s, most of it in the first seconds, when
# 200 viewers connect, which is when a cold panel missed its targets. With C1 alone, 18 of 19 cold
# runs met them (connected in 0.6-2.0 s, p99 210-1,344 ms), a whole run's CPU was about the same
# (cold 17.7-22.2 s against 20.8-23.8 s, warm 18.0-19.8 s against 17.3-18.4 s), and the resident
# size fell by 40-70 MB (docs/benchmarks.md, 7 December).
ENV CUTOVER_DATADIR=/data PORT=8080 MALLOC_ARENA_MAX=2
EXPOSE 8080
ENTRYPOINT ["java", "-Xmx224m", "-XX:+UseSerialGC", "-XX:TrimNativeHeapInterval=5000", "-XX:TieredStopAtLevel=1", "-jar", "/app/cutover.jar"]
