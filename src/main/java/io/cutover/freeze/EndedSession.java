package io.cutover.freeze;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A session the freeze ended: who it was, from where, on which database. */
record EndedSession(int pid, String role, String application, String client, String database) {

    @Override
    public String toString() {
        return pid + " of " + role + " (" + application + ", " + client + ", database " + database + ")";
    }

    /**
     * Sessions of the given roles anywhere, and the panel role's sessions on this
     * database that are not the panel's.
     */
    static List<EndedSession> blocking(Connection c, List<String> roles, String panelSessions) throws SQLException {
        String sql = "SELECT pid, usename, coalesce(nullif(application_name, ''), '-'), coalesce(client_addr::text, 'local'), coalesce(datname, '-')"
                + " FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND (usename = ANY (?)"
                + " OR (usename = current_user AND datname = current_database() AND backend_type = 'client backend' AND NOT "
                + panelSessions + "))" + " ORDER BY pid";
        List<EndedSession> sessions = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", roles.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sessions.add(new EndedSession(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
                }
            }
        }
        return sessions;
    }
}
