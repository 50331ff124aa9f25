package org.openvpp.bridge.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.openvpp.bridge.protocol.SignatureType;
import org.openvpp.bridge.protocol.SignedReading;
import org.openvpp.contracts.evidence.MeterReading;

/** One reading as a table row: the columns both stores use, in this order. */
final class ReadingRows {
  static final String COLUMNS =
      "device, sequence, timestamp_ms, import_wh, export_wh, power_w, soc_permille, sig_type,"
          + " signature";

  private ReadingRows() {}

  /** Binds the 9 {@link #COLUMNS} and then {@code received_ms} (parameters 1 to 10). */
  static void bind(PreparedStatement ps, StoredReading s) throws SQLException {
    MeterReading r = s.signed().reading();
    ps.setString(1, r.device());
    ps.setLong(2, r.sequence());
    ps.setLong(3, r.timestampMs());
    ps.setLong(4, r.importWh());
    ps.setLong(5, r.exportWh());
    ps.setLong(6, r.powerW());
    ps.setInt(7, r.socPermille());
    ps.setString(8, s.signed().signatureType().wireName());
    ps.setBytes(9, s.signed().signature());
    ps.setLong(10, s.receivedMs());
  }

  /** The reading in the current row, selected as {@link #COLUMNS}. */
  static SignedReading row(ResultSet rs) throws SQLException {
    MeterReading r =
        new MeterReading(
            rs.getString(1),
            rs.getLong(2),
            rs.getLong(3),
            rs.getLong(4),
            rs.getLong(5),
            rs.getLong(6),
            rs.getInt(7));
    SignatureType type =
        SignatureType.fromWire(rs.getString(8))
            .orElseThrow(() -> new SQLException("unknown signature type in store"));
    return new SignedReading(r, type, rs.getBytes(9));
  }
}
