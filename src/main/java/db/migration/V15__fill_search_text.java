package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import vn.truongso.common.TextFolding;

/** Fills the search columns of rows stored before V14 the way the application fills new ones. */
public class V15__fill_search_text extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        fill(c, "select id, title from document", "update document set search_text = ? where id = ?", 1000);
        fill(c, "select id, symbol, title, signer, recipients from outgoing_register_entry",
                "update outgoing_register_entry set search_text = ? where id = ?", 2000);
        fill(c, "select id, title, sender_name, sender_code from incoming_register_entry",
                "update incoming_register_entry set search_text = ? where id = ?", 1000);
    }

    private static void fill(Connection c, String select, String update, int max) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(select);
             PreparedStatement u = c.prepareStatement(update)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                String[] fields = new String[columns - 1];
                for (int i = 2; i <= columns; i++) {
                    fields[i - 2] = rows.getString(i);
                }
                u.setString(1, TextFolding.searchText(max, fields));
                u.setObject(2, rows.getObject(1));
                u.addBatch();
            }
            u.executeBatch();
        }
    }
}
