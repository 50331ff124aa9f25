package org.openvpp.gateway.sunspec;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusIOException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import java.util.Locale;
import org.openvpp.gateway.adapter.FailureReason;

/**
 * One Modbus TCP connection (j2mod), opened on demand and dropped on any I/O failure so the next
 * call reconnects. Not thread-safe: one device's poll thread uses it. Every failure is a {@link
 * SunSpecException} with the reason it is counted under.
 */
final class ModbusLink implements AutoCloseable {
  /** Modbus allows at most 125 registers per read. */
  static final int MAX_READ = 125;

  private final String host;
  private final int port;
  private final int timeoutMs;
  private ModbusTCPMaster master;

  ModbusLink(String host, int port, int timeoutMs) {
    this.host = host;
    this.port = port;
    this.timeoutMs = timeoutMs;
  }

  boolean connected() {
    return master != null && master.isConnected();
  }

  int[] read(int unit, int address, int count) throws SunSpecException {
    int[] out = new int[count];
    for (int done = 0; done < count; ) {
      int n = Math.min(MAX_READ, count - done);
      int from = address + done;
      Register[] regs = call(() -> open().readMultipleRegisters(unit, from, n));
      if (regs == null || regs.length != n) {
        drop();
        throw new SunSpecException(
            FailureReason.MALFORMED,
            "asked for "
                + n
                + " registers at "
                + (address + done)
                + ", got "
                + (regs == null ? "none" : regs.length));
      }
      for (int i = 0; i < n; i++) {
        out[done + i] = regs[i].getValue() & 0xFFFF;
      }
      done += n;
    }
    return out;
  }

  void write(int unit, int address, int... values) throws SunSpecException {
    Register[] regs = new Register[values.length];
    for (int i = 0; i < values.length; i++) {
      regs[i] = new SimpleRegister(values[i] & 0xFFFF);
    }
    call(() -> open().writeMultipleRegisters(unit, address, regs));
  }

  private interface Call<T> {
    T run() throws Exception;
  }

  private <T> T call(Call<T> c) throws SunSpecException {
    try {
      return c.run();
    } catch (ModbusSlaveException e) {
      // the device answered with a Modbus exception: the connection is fine
      throw new SunSpecException(FailureReason.MALFORMED, "device exception: " + e.getMessage(), e);
    } catch (ModbusIOException e) {
      drop();
      throw new SunSpecException(
          timedOut(e) ? FailureReason.TIMEOUT : FailureReason.CONNECTION_LOST,
          "modbus I/O: " + e.getMessage(),
          e);
    } catch (ModbusException e) {
      drop();
      throw new SunSpecException(FailureReason.MALFORMED, "modbus: " + e.getMessage(), e);
    } catch (java.net.SocketTimeoutException e) {
      drop();
      throw new SunSpecException(FailureReason.TIMEOUT, "connect timed out", e);
    } catch (Exception e) {
      drop();
      throw new SunSpecException(
          FailureReason.CONNECTION_LOST,
          "cannot reach " + host + ":" + port + ": " + e.getMessage(),
          e);
    }
  }

  /** j2mod reports a read timeout as an I/O exception; find it in the message or the causes. */
  private static boolean timedOut(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (t instanceof java.net.SocketTimeoutException
          || m.contains("timed out")
          || m.contains("timeout")) {
        return true;
      }
    }
    return false;
  }

  private ModbusTCPMaster open() throws Exception {
    if (master == null || !master.isConnected()) {
      drop();
      ModbusTCPMaster m = new ModbusTCPMaster(host, port, timeoutMs, false);
      m.setRetries(0);
      m.connect();
      master = m;
    }
    return master;
  }

  private void drop() {
    if (master != null) {
      master.disconnect();
      master = null;
    }
  }

  @Override
  public void close() {
    drop();
  }
}
