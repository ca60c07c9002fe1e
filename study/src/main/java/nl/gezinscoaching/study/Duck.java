package nl.gezinscoaching.study;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * An in-memory DuckDB. Its json and parquet extensions are built in; any other extension would be
 * downloaded at run time, which fails offline: automatic installing and loading are off, so such a use
 * fails at once with DuckDB's own message instead of hanging on the network.
 */
final class Duck {

    private Duck() {
    }

    static Connection connect() throws SQLException {
        Properties settings = new Properties();
        settings.setProperty("autoinstall_known_extensions", "false");
        settings.setProperty("autoload_known_extensions", "false");
        return DriverManager.getConnection("jdbc:duckdb:", settings);
    }
}
