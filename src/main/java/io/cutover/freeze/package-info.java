/**
 * The freeze: right after the app is scaled down, every role that could write the source
 * database is blocked at the database itself, the position is recorded, and before the
 * switch the panel proves that nothing was committed after it; unfreeze puts everything
 * back as it was.
 *
 * <p>
 * How a role is blocked, and why: {@code ALTER ROLE … NOLOGIN} for every login role
 * (other than the panel's own) that may write the database — a superuser, a role that may
 * create roles (it could give the login back), a role that owns or may
 * insert/update/delete/truncate a table, may create in a schema or may advance a sequence
 * — then {@code pg_terminate_backend} of every session those roles have, on any database
 * of the server (a superuser session elsewhere could otherwise give the login back). A
 * session cannot undo this: it no longer exists, and a new one is refused at
 * authentication, before any SQL runs, superusers included.
 * {@code default_transaction_read_only} (what pg_easy_replicate sets) is undone by
 * {@code SET} or {@code BEGIN READ WRITE}; {@code REVOKE CONNECT} does not stop
 * superusers, and an owner connected to another database may grant it back. NOLOGIN
 * changes one attribute only, recorded per role, so unfreeze restores exactly the
 * previous state (privileges are never touched; unfreeze checks attributes and grants
 * against the freeze's record).
 *
 * <p>
 * The panel's own role cannot be blocked without blocking the panel: its other sessions
 * are ended, and the proof is what catches a client that logs in with it afterwards.
 *
 * <p>
 * The proof compares what only a write moves — rows inserted/updated/deleted per table,
 * each table's file (TRUNCATE and rewrites change it), the set of tables, every
 * sequence's value — with the freeze's record; with {@code wal_level = logical} a
 * decoding slot created at the freeze also shows every transaction committed after it,
 * where only the panel's marker may appear. Who wrote is named from the sessions a
 * watcher saw after the freeze. {@link io.cutover.freeze.SourceFreezes} is the facade.
 */
@ApplicationModule(displayName = "Freeze",
        allowedDependencies = { "execution :: spi", "logstream", "migration", "runbook", "verify", "shared" })
@NullMarked
package io.cutover.freeze;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
